import type { Resolvers } from '../../../graphql/generated/resolvers-types';
import {
  createCoveragePolicy,
  createServicePolicy,
  deleteCoveragePolicy,
  deleteServicePolicy,
  getCoveragePolicy,
  getServicePolicy,
  listCoveragePolicies,
  listServicePolicies,
  updateCoveragePolicy,
  updateServicePolicy,
} from './service';

export const policyResolvers: Resolvers = {
  Query: {
    servicePolicies: (_, input, ctx) => listServicePolicies({ ctx, input }),
    servicePolicy: (_, input, ctx) => getServicePolicy({ ctx, input }),
    coveragePolicies: (_, input, ctx) => listCoveragePolicies({ ctx, input }),
    coveragePolicy: (_, input, ctx) => getCoveragePolicy({ ctx, input }),
  },
  Mutation: {
    createServicePolicy: (_, { input }, ctx) => createServicePolicy({ ctx, input }),
    updateServicePolicy: (_, input, ctx) => updateServicePolicy({ ctx, input }),
    deleteServicePolicy: (_, input, ctx) => deleteServicePolicy({ ctx, input }),
    createCoveragePolicy: (_, { input }, ctx) => createCoveragePolicy({ ctx, input }),
    updateCoveragePolicy: (_, input, ctx) => updateCoveragePolicy({ ctx, input }),
    deleteCoveragePolicy: (_, input, ctx) => deleteCoveragePolicy({ ctx, input }),
  },
  ServicePolicy: {
    endpointCount: (policy, _, ctx) => ctx.loaders.fleet.servicePolicyDeviceCount.load({ workspaceId: policy.workspaceId, id: policy.id }),
  },
  CoveragePolicy: {
    endpointCount: (policy, _, ctx) => ctx.loaders.fleet.coveragePolicyDeviceCount.load({ workspaceId: policy.workspaceId, id: policy.id }),
  },
};
