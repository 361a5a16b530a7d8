import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { canSeeWorkspace } from '../workspaces/visibility';
import { approveWorkspaceRequest } from './approve';
import { listWorkspaceRequests, rejectWorkspaceRequest, requestWorkspace, withdrawWorkspaceRequest } from './service';

export const requestResolvers: Resolvers = {
  Query: {
    workspaceRequests: (_, input, ctx) => listWorkspaceRequests({ ctx, input }),
  },
  Mutation: {
    requestWorkspace: (_, input, ctx) => requestWorkspace({ ctx, input }),
    approveWorkspaceRequest: (_, input, ctx) => approveWorkspaceRequest({ ctx, input }),
    rejectWorkspaceRequest: (_, input, ctx) => rejectWorkspaceRequest({ ctx, input }),
    withdrawWorkspaceRequest: (_, input, ctx) => withdrawWorkspaceRequest({ ctx, input }),
  },
  WorkspaceRequest: {
    organization: async (request, _, ctx) => {
      const org = await ctx.loaders.organization.load(request.organizationId);
      if (!org) throw new Error(`Organization ${request.organizationId} vanished`);
      return org;
    },
    requestedBy: (request, _, ctx) => (request.requestedBy ? ctx.loaders.user.load(request.requestedBy) : null),
    resultWorkspace: (request, _, ctx) =>
      request.resultWorkspaceId && canSeeWorkspace(ctx, request.resultWorkspaceId)
        ? ctx.loaders.workspace.load(request.resultWorkspaceId)
        : null,
  },
};
