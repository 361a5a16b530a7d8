import type { Resolvers } from '../../graphql/generated/resolvers-types';
import {
  addMember,
  createOrganization,
  createUser,
  createWorkspace,
  getOrganization,
  listOrganizations,
  listUsers,
  setWorkspaceLimit,
} from './service';

export const opsResolvers: Resolvers = {
  Query: {
    organizations: (_, __, ctx) => listOrganizations({ ctx }),
    organization: (_, input, ctx) => getOrganization({ ctx, input }),
    users: (_, input, ctx) => listUsers({ ctx, input }),
  },
  Mutation: {
    createOrganization: (_, { input }, ctx) => createOrganization({ ctx, input }),
    createWorkspace: (_, input, ctx) => createWorkspace({ ctx, input }),
    createUser: (_, input, ctx) => createUser({ ctx, input }),
    addMember: (_, input, ctx) => addMember({ ctx, input }),
    setWorkspaceLimit: (_, input, ctx) => setWorkspaceLimit({ ctx, input }),
  },
};
