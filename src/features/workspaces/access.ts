import type { UserRow } from '../../db/schema';
import type { Database } from '../../db/schema-types';
import type { Role } from '../../graphql/generated/resolvers-types';
import { findActiveMembershipsOf, findSuperAdminLinksOf } from './queries';

/** One Workspace a user can enter, and the role they hold there. */
export interface WorkspaceAccessEntry {
  workspaceId: string;
  role: Role;
  isDefault: boolean;
}

/**
 * Every Workspace the user can enter right now: active memberships, plus every Workspace linked to a
 * main organization whose SuperAdmin the user is (there the role is SUPER_ADMIN, whatever the membership
 * says). Ordered by when access began, so the first is the natural fallback default.
 */
export async function loadAccess(db: Database, user: UserRow): Promise<WorkspaceAccessEntry[]> {
  const [member, superAdminLinks] = await Promise.all([findActiveMembershipsOf(db, user.id), findSuperAdminLinksOf(db, user.id)]);
  const roles = new Map<string, { role: Role; since: Date }>();
  for (const m of member) roles.set(m.workspaceId, { role: m.role, since: m.since });
  for (const l of superAdminLinks) {
    roles.set(l.workspaceId, { role: 'SUPER_ADMIN', since: roles.get(l.workspaceId)?.since ?? l.since });
  }
  return [...roles.entries()]
    .sort(([a, x], [b, y]) => x.since.getTime() - y.since.getTime() || a.localeCompare(b))
    .map(([workspaceId, { role }]) => ({ workspaceId, role, isDefault: workspaceId === user.defaultWorkspaceId }));
}

/** Where a sign-in lands: the default Workspace if the user can still enter it, else the first one. */
export function landingWorkspace(access: readonly WorkspaceAccessEntry[]): WorkspaceAccessEntry | null {
  return access.find((a) => a.isDefault) ?? access[0] ?? null;
}
