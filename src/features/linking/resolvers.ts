import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { previewLinkWorkspace, previewUnlinkWorkspace } from './preview';
import { assignSuperAdmin, linkWorkspace, unlinkWorkspace } from './service';

export const linkingResolvers: Resolvers = {
  Query: {
    previewLinkWorkspace: (_, input, ctx) => previewLinkWorkspace({ ctx, input }),
    previewUnlinkWorkspace: (_, input, ctx) => previewUnlinkWorkspace({ ctx, input }),
  },
  Mutation: {
    linkWorkspace: (_, input, ctx) => linkWorkspace({ ctx, input }),
    unlinkWorkspace: (_, input, ctx) => unlinkWorkspace({ ctx, input }),
    assignSuperAdmin: (_, input, ctx) => assignSuperAdmin({ ctx, input }),
  },
};
