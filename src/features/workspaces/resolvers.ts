import { actsAsOperator } from '../../auth/policy';
import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { findVisibleWorkspace, getViewer, listAccessibleWorkspaces } from './service';
import { canSeeWorkspace } from './visibility';

export const workspaceResolvers: Resolvers = {
  Query: {
    viewer: (_, __, ctx) => getViewer({ ctx }),
    workspaces: (_, __, ctx) => listAccessibleWorkspaces({ ctx }),
    workspace: (_, input, ctx) => findVisibleWorkspace({ ctx, input }),
  },
  Viewer: {
    user: (viewer) => viewer.user,
    activeWorkspace: (viewer) => viewer.active?.workspace ?? null,
    role: (viewer) => viewer.active?.role ?? null,
    isOperator: (viewer) => viewer.isOperator,
  },
  WorkspaceAccess: {
    workspace: async (entry, _, ctx) => {
      const workspace = await ctx.loaders.workspace.load(entry.workspaceId);
      if (!workspace) throw new Error(`Workspace ${entry.workspaceId} vanished`);
      return workspace;
    },
  },
  Workspace: {
    organization: async (workspace, _, ctx) => {
      const organization = await ctx.loaders.organization.load(workspace.organizationId);
      if (!organization) throw new Error(`Organization ${workspace.organizationId} vanished`);
      return organization;
    },
    mainOrganization: async (workspace, _, ctx) => {
      const link = await ctx.loaders.link.load(workspace.id);
      return link ? ctx.loaders.organization.load(link.mainOrganizationId) : null;
    },
  },
  Organization: {
    superAdmin: (org, _, ctx) => (org.superAdminUserId ? ctx.loaders.user.load(org.superAdminUserId) : null),
    linkedWorkspaceCount: (org, _, ctx) => ctx.loaders.linkedWorkspaceCount.load(org.id),
    // Operators only; anyone else reaching an organization (through a Workspace) gets null.
    workspaces: (org, _, ctx) => (actsAsOperator(ctx.viewer) ? ctx.loaders.organizationWorkspaces.load(org.id) : null),
  },
  User: {
    // Only shown to the user, to operators, and to those who can enter that Workspace themselves.
    defaultWorkspace: (user, _, ctx) => {
      const id = user.defaultWorkspaceId;
      if (!id) return null;
      const self = ctx.viewer?.user.id === user.id;
      return self || canSeeWorkspace(ctx, id) ? ctx.loaders.workspace.load(id) : null;
    },
  },
};
