import { actsAsOperator } from '../../auth/policy';
import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { setDefaultWorkspace } from './default-workspace';
import { addUserToWorkspace } from './invite';
import { invitedLook } from './invited-look';
import { removeUserFromWorkspace, setUserRole, setUserStatus } from './service';
import { listWorkspaceUsers } from './workspace-users';

export const membershipResolvers: Resolvers = {
  Query: {
    workspaceUsers: (_, input, ctx) => listWorkspaceUsers({ ctx, input }),
  },
  Mutation: {
    addUserToWorkspace: (_, input, ctx) => addUserToWorkspace({ ctx, input }),
    setUserRole: (_, input, ctx) => setUserRole({ ctx, input }),
    setUserStatus: (_, input, ctx) => setUserStatus({ ctx, input }),
    removeUserFromWorkspace: (_, input, ctx) => removeUserFromWorkspace({ ctx, input }),
    setDefaultWorkspace: (_, input, ctx) => setDefaultWorkspace({ ctx, input }),
  },
  Membership: {
    user: async (membership, _, ctx) => {
      const user = await ctx.loaders.user.load(membership.userId);
      if (!user) throw new Error(`User ${membership.userId} vanished`);
      // Until they accept, an invited account shows only what the inviter typed (src/features/memberships/invited-look.ts).
      const viewer = ctx.viewer;
      if (membership.status !== 'INVITED' || viewer?.user.id === user.id || (viewer && actsAsOperator(viewer))) return user;
      const email = await ctx.loaders.invitedEmail.load({ workspaceId: membership.workspaceId, userId: user.id });
      return invitedLook(user, email ?? user.email);
    },
    workspace: async (membership, _, ctx) => {
      const workspace = await ctx.loaders.workspace.load(membership.workspaceId);
      if (!workspace) throw new Error(`Workspace ${membership.workspaceId} vanished`);
      return workspace;
    },
  },
};
