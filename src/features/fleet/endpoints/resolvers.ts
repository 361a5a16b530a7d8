import type { Resolvers } from '../../../graphql/generated/resolvers-types';
import { usageSummary } from '../usage/summary';
import { createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, updateEndpoint } from './service';

export const endpointResolvers: Resolvers = {
  Query: {
    endpoints: (_, input, ctx) => listEndpoints({ ctx, input }),
    endpoint: (_, input, ctx) => getEndpoint({ ctx, input }),
  },
  Mutation: {
    createEndpoint: (_, { input }, ctx) => createEndpoint({ ctx, input }),
    updateEndpoint: (_, input, ctx) => updateEndpoint({ ctx, input }),
    deleteEndpoint: (_, input, ctx) => deleteEndpoint({ ctx, input }),
  },
  Endpoint: {
    tags: (e, _, ctx) => ctx.loaders.fleet.tags.load({ workspaceId: e.workspaceId, id: e.id }),
    sim: (e, _, ctx) => (e.simId ? ctx.loaders.fleet.sim.load({ workspaceId: e.workspaceId, id: e.simId }) : null),
    servicePolicy: (e, _, ctx) =>
      e.servicePolicyId ? ctx.loaders.fleet.servicePolicy.load({ workspaceId: e.workspaceId, id: e.servicePolicyId }) : null,
    coveragePolicy: (e, _, ctx) =>
      e.coveragePolicyId ? ctx.loaders.fleet.coveragePolicy.load({ workspaceId: e.workspaceId, id: e.coveragePolicyId }) : null,
    usage: (e, range, ctx) => usageSummary(ctx, e.workspaceId, e.simId, range),
  },
};
