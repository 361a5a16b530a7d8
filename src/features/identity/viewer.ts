import { actsAsOperator } from '../../auth/policy';
import type { RlsScope } from '../../db/rls';
import type { UserRow } from '../../db/schema';
import type { Database } from '../../db/schema-types';
import { unauthenticated } from '../../errors';
import type { Credential, Viewer } from '../../server/context';
import { landingWorkspace, loadAccess } from '../workspaces/access';
import { findWorkspaceById } from '../workspaces/queries';

/**
 * Builds the viewer for a user acting in `workspaceId` (null: land in the default Workspace).
 * Returns null when the user cannot enter that Workspace now.
 */
export async function buildViewer(db: Database, user: UserRow, workspaceId: string | null, credential: Credential): Promise<Viewer | null> {
  const access = await loadAccess(db, user);
  const entry = workspaceId ? access.find((a) => a.workspaceId === workspaceId) : landingWorkspace(access);
  if (!entry) {
    if (workspaceId || !user.isOperator) return null;
    return { user, isOperator: true, credential, active: null, access };
  }
  const workspace = await findWorkspaceById(db, entry.workspaceId);
  if (!workspace) return null;
  return { user, isOperator: user.isOperator, credential, active: { workspace, role: entry.role }, access };
}

/** Same, but a lost Workspace is an authentication failure: the token must stop working at once. */
export async function requireViewer(
  db: Database,
  user: UserRow | null,
  workspaceId: string | null,
  credential: Credential,
): Promise<Viewer> {
  const viewer = user ? await buildViewer(db, user, workspaceId, credential) : null;
  if (!viewer) throw unauthenticated('This session no longer grants access to that Workspace; sign in again.');
  return viewer;
}

/** What row-level security lets this viewer's requests read. */
export function scopeOf(viewer: Viewer | null): RlsScope {
  if (!viewer) return { workspaceIds: [], userId: null, operator: false };
  return {
    workspaceIds: viewer.access.map((a) => a.workspaceId),
    userId: viewer.credential === 'application' ? null : viewer.user.id,
    operator: actsAsOperator(viewer),
  };
}
