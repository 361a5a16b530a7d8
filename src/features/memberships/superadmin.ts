import type { WorkspaceRow } from '../../db/schema';
import type { ServiceContext } from '../../server/context';

/** The SuperAdmin of a Workspace: the SuperAdmin of its main organization, while it is linked. */
export async function superAdminOf(ctx: ServiceContext, workspace: WorkspaceRow): Promise<{ userId: string; linkedAt: Date } | null> {
  const link = await ctx.loaders.link.load(workspace.id);
  if (!link) return null;
  const main = await ctx.loaders.organization.load(link.mainOrganizationId);
  return main?.superAdminUserId ? { userId: main.superAdminUserId, linkedAt: link.linkedAt } : null;
}
