import type { WorkspaceRow } from '../../db/schema';
import type { ServiceContext } from '../../server/context';

/** The Workspace of a report entry (already checked as enterable), through the per-request loader. */
export async function statsWorkspace(ctx: ServiceContext, workspaceId: string): Promise<WorkspaceRow> {
  const workspace = await ctx.loaders.workspace.load(workspaceId);
  if (!workspace) throw new Error(`Workspace ${workspaceId} of a report is not readable`);
  return workspace;
}
