import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { assignSuperAdmin, linkWorkspace, unlinkWorkspace } from './service';

export const linkingResolvers: Resolvers = {
  Mutation: {
    linkWorkspace: (_, input, ctx) => linkWorkspace({ ctx, input }),
    unlinkWorkspace: (_, input, ctx) => unlinkWorkspace({ ctx, input }),
    assignSuperAdmin: (_, input, ctx) => assignSuperAdmin({ ctx, input }),
  },
};
