import { actsAsOperator } from '../../auth/policy';
import type { ServiceContext } from '../../server/context';

/** Operators see every Workspace; everyone else only those they can enter. */
export function canSeeWorkspace(ctx: ServiceContext, workspaceId: string): boolean {
  const viewer = ctx.viewer;
  if (!viewer) return false;
  if (actsAsOperator(viewer)) return true;
  return viewer.access.some((a) => a.workspaceId === workspaceId);
}
