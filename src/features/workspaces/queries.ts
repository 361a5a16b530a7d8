import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { memberships, organizations, type WorkspaceLinkRow, type WorkspaceRow, workspaceLinks, workspaces } from '../../db/schema';
import type { Database } from '../../db/schema-types';
import type { Role } from '../../graphql/generated/resolvers-types';

/*
 * Every read and write of the workspaces and workspace_links tables, and the two reads that decide
 * which Workspaces a user can enter. Row-level security limits what each request sees of the links
 * (src/db/schema/workspaces.ts); workspaces themselves are a registry without it.
 */

export async function findWorkspaceById(db: Database, id: string): Promise<WorkspaceRow | null> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  return row ?? null;
}

/** The Workspaces with these ids (the workspace loader's batch). */
export async function findWorkspacesByIds(db: Database, ids: readonly string[]): Promise<WorkspaceRow[]> {
  return db
    .select()
    .from(workspaces)
    .where(inArray(workspaces.id, [...ids]));
}

/** The Workspaces of these organizations, oldest first (the loader behind Organization.workspaces). */
export async function findWorkspacesOfOrganizations(db: Database, organizationIds: readonly string[]): Promise<WorkspaceRow[]> {
  return db
    .select()
    .from(workspaces)
    .where(inArray(workspaces.organizationId, [...organizationIds]))
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id));
}

export async function insertWorkspace(db: Database, values: { organizationId: string; name: string }): Promise<WorkspaceRow> {
  const [row] = await db.insert(workspaces).values(values).returning();
  if (!row) throw new Error('insert returned no workspace');
  return row;
}

// ---- links -----------------------------------------------------------------------------------------

/** The link of a Workspace to its main organization, or null when it is not linked. */
export async function findLink(db: Database, workspaceId: string): Promise<WorkspaceLinkRow | null> {
  const [row] = await db.select().from(workspaceLinks).where(eq(workspaceLinks.workspaceId, workspaceId));
  return row ?? null;
}

/** The links of these Workspaces (the link loader's batch). */
export async function findLinksOfWorkspaces(db: Database, workspaceIds: readonly string[]): Promise<WorkspaceLinkRow[]> {
  return db
    .select()
    .from(workspaceLinks)
    .where(inArray(workspaceLinks.workspaceId, [...workspaceIds]));
}

export async function insertLink(db: Database, workspaceId: string, mainOrganizationId: string): Promise<void> {
  await db.insert(workspaceLinks).values({ workspaceId, mainOrganizationId });
}

export async function deleteLink(db: Database, workspaceId: string): Promise<void> {
  await db.delete(workspaceLinks).where(eq(workspaceLinks.workspaceId, workspaceId));
}

/** How many Workspaces a main organization links now. */
export async function countLinkedWorkspaces(db: Database, mainOrganizationId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(workspaceLinks).where(eq(workspaceLinks.mainOrganizationId, mainOrganizationId));
  return row?.n ?? 0;
}

/** Linked Workspaces per main organization (the loader behind Organization.linkedWorkspaceCount); absent: none. */
export async function countLinkedWorkspacesOfOrganizations(
  db: Database,
  mainOrganizationIds: readonly string[],
): Promise<{ organizationId: string; n: number }[]> {
  return db
    .select({ organizationId: workspaceLinks.mainOrganizationId, n: count() })
    .from(workspaceLinks)
    .where(inArray(workspaceLinks.mainOrganizationId, [...mainOrganizationIds]))
    .groupBy(workspaceLinks.mainOrganizationId);
}

// ---- access ----------------------------------------------------------------------------------------

/** The Workspaces where the user is an active member, in the order they joined. */
export async function findActiveMembershipsOf(db: Database, userId: string): Promise<{ workspaceId: string; role: Role; since: Date }[]> {
  return db
    .select({ workspaceId: memberships.workspaceId, role: memberships.role, since: memberships.joinedAt })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.status, 'ACTIVE')))
    .orderBy(asc(memberships.joinedAt), asc(memberships.workspaceId));
}

/** The Workspaces linked to a main organization whose SuperAdmin the user is, in the order they were linked. */
export async function findSuperAdminLinksOf(db: Database, userId: string): Promise<{ workspaceId: string; since: Date }[]> {
  return db
    .select({ workspaceId: workspaceLinks.workspaceId, since: workspaceLinks.linkedAt })
    .from(workspaceLinks)
    .innerJoin(organizations, eq(organizations.id, workspaceLinks.mainOrganizationId))
    .where(eq(organizations.superAdminUserId, userId))
    .orderBy(asc(workspaceLinks.linkedAt), asc(workspaceLinks.workspaceId));
}
