import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows';
import { type MembershipRow, memberships, users, workspaces } from '../../db/schema';
import type { Database } from '../../db/schema-types';

/*
 * The reads and writes that only linking needs (links, organizations and memberships themselves are
 * written through their features' queries). They run for platform operators, who see every row.
 */

/** The longest-standing active Administrator of the organization's own Workspaces, or null. */
export async function findFirstAdministrator(db: Database, organizationId: string): Promise<string | null> {
  const [first] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(workspaces.organizationId, organizationId), eq(memberships.role, 'ADMINISTRATOR'), eq(memberships.status, 'ACTIVE')))
    .orderBy(asc(memberships.joinedAt), asc(memberships.userId))
    .limit(1);
  return first?.userId ?? null;
}

/** Whether the user is an active member of one of the organization's own Workspaces. */
export async function isActiveMemberOfOrganization(db: Database, organizationId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(workspaces.organizationId, organizationId), eq(memberships.userId, userId), eq(memberships.status, 'ACTIVE')))
    .limit(1);
  return !!row;
}

/** The active memberships of the organization's own Workspaces, oldest first: whom assignSuperAdmin accepts. */
export async function activeMembershipsOfOrganization(db: Database, organizationId: string): Promise<MembershipRow[]> {
  return db
    .select(getTableColumns(memberships))
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(workspaces.organizationId, organizationId), eq(memberships.status, 'ACTIVE')))
    .orderBy(asc(memberships.joinedAt), asc(memberships.userId), asc(memberships.workspaceId));
}

/** When the user can no longer enter their default Workspace, moves it to the next one they can. */
export async function moveDefaultIfLost(db: Database, userId: string): Promise<void> {
  await queryRows(
    db,
    sql`UPDATE ${users} SET default_workspace_id = app_first_accessible_workspace(${userId}::uuid, NULL)
        WHERE id = ${userId}::uuid AND default_workspace_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = ${userId}::uuid AND m.workspace_id = users.default_workspace_id AND m.status = 'ACTIVE')
          AND NOT EXISTS (SELECT 1 FROM workspace_links l JOIN organizations o ON o.id = l.main_organization_id
                          WHERE l.workspace_id = users.default_workspace_id AND o.super_admin_user_id = ${userId}::uuid)`,
  );
}
