import type { GraphQLContext } from '../../graphql/context';

/** Operators see every Workspace; everyone else only those they can enter. */
export function canSeeWorkspace(ctx: GraphQLContext, workspaceId: string): boolean {
  const viewer = ctx.viewer;
  if (!viewer) return false;
  if (viewer.isOperator && viewer.credential !== 'application') return true;
  return viewer.access.some((a) => a.workspaceId === workspaceId);
}
