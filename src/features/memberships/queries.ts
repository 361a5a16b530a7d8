import { and, count, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { PageQuery, SortOrder } from '../../db/paging';
import { queryRows } from '../../db/rows';
import { invitations, type MembershipRow, memberships } from '../../db/schema';
import type { Database } from '../../db/schema-types';
import type { MembershipModel } from './model';

/*
 * Every read and write of the memberships and invitations tables. Both are tenant tables: each
 * function takes the Workspace, except those about one user's own memberships in every Workspace
 * (accepting an invitation), which row-level security scopes to that user.
 */

type StoredRole = MembershipRow['role'];
type StoredStatus = MembershipRow['status'];

const inWorkspace = (workspaceId: string, userId: string): SQL | undefined =>
  and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId));

/** One membership of the Workspace, or null (also for a user of another Workspace). */
export async function findMembership(db: Database, workspaceId: string, userId: string, lock = false): Promise<MembershipRow | null> {
  const query = db.select().from(memberships).where(inWorkspace(workspaceId, userId));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** Whether the user holds a membership (any status) in one of these Workspaces. */
export async function hasMembershipIn(db: Database, workspaceIds: readonly string[], userId: string): Promise<boolean> {
  if (workspaceIds.length === 0) return false;
  const [row] = await db
    .select({ workspaceId: memberships.workspaceId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), inArray(memberships.workspaceId, [...workspaceIds])))
    .limit(1);
  return !!row;
}

/**
 * Whether the user belongs to the Workspace's group (an ACTIVE or SUSPENDED member of the main
 * organization's own or linked Workspaces, or its SuperAdmin; a Workspace in no group is its own).
 * Asked of a SECURITY DEFINER function (drizzle/0011_workspace_groups.sql): the Administrator asking
 * may not see the group's other Workspaces, and the answer is all they learn of them.
 */
export async function inWorkspaceGroup(db: Database, workspaceId: string, userId: string): Promise<boolean> {
  const [row] = await queryRows<{ inside: boolean }>(
    db,
    sql`SELECT app_in_workspace_group(${workspaceId}::uuid, ${userId}::uuid) AS inside`,
  );
  return row?.inside === true;
}

export async function insertMembership(
  db: Database,
  workspaceId: string,
  values: { userId: string; role: StoredRole; status: StoredStatus },
): Promise<MembershipRow> {
  const [row] = await db
    .insert(memberships)
    .values({ workspaceId, ...values })
    .returning();
  if (!row) throw new Error('insert returned no membership');
  return row;
}

/** Adds the user as an active member, or makes their membership active with `role`. */
export async function upsertActiveMembership(db: Database, workspaceId: string, userId: string, role: StoredRole): Promise<MembershipRow> {
  const [row] = await db
    .insert(memberships)
    .values({ workspaceId, userId, role, status: 'ACTIVE' })
    .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role, status: 'ACTIVE' } })
    .returning();
  if (!row) throw new Error('upsert returned no membership');
  return row;
}

/** Changes a membership's role or status; null when there is none (nothing changes then). */
export async function updateMembership(
  db: Database,
  workspaceId: string,
  userId: string,
  set: Partial<Pick<MembershipRow, 'role' | 'status'>>,
): Promise<MembershipRow | null> {
  const [row] = await db.update(memberships).set(set).where(inWorkspace(workspaceId, userId)).returning();
  return row ?? null;
}

export async function deleteMembership(db: Database, workspaceId: string, userId: string): Promise<void> {
  await db.delete(memberships).where(inWorkspace(workspaceId, userId));
}

export async function countMemberships(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
  return row?.n ?? 0;
}

// ---- the workspaceUsers list -----------------------------------------------------------------------

/** An entry of the workspaceUsers list: a membership with its place in the order. */
export type MemberEntry = MembershipModel & {
  /** 0 for the SuperAdmin listed ahead of the rows (they hold none), 1 for every membership row. */
  rank: 0 | 1;
  /** joined_at at full (microsecond) precision, so cursors never skip rows within a millisecond. */
  joinedAtKey: string;
};

/** joined_at as the cursor holds it: an ISO timestamp with microseconds. */
const JOINED_AT_TEXT = sql<string>`to_char(${memberships.joinedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The SuperAdmin's entry (rank 0) first, then the rows by (joined_at, user_id). The rank has no column:
 * every row is rank 1, so the rows' keyset is (joined_at, user_id) alone, which the index
 * (workspace_id, joined_at, user_id) serves (a constant in the comparison would defeat it).
 */
export const WORKSPACE_USERS_ORDER: SortOrder<MemberEntry> = {
  name: 'workspaceUsers:JOINED',
  descending: false,
  keys: [
    { type: 'int', of: (entry) => entry.rank },
    { column: memberships.joinedAt, type: 'timestamp', of: (entry) => entry.joinedAtKey },
    { column: memberships.userId, type: 'uuid', of: (entry) => entry.userId },
  ],
};

/** Up to `page.limit` membership rows of the Workspace, in the order above, after the page's cursor. */
export async function pageMemberships(db: Database, workspaceId: string, page: PageQuery): Promise<MemberEntry[]> {
  if (page.limit <= 0) return [];
  // After the SuperAdmin's entry (rank 0) come all rows; after a row, the rows past it.
  const [rank, joinedAt, userId] = page.after ?? [];
  const after =
    rank === 1 ? sql`(${memberships.joinedAt}, ${memberships.userId}) > (${joinedAt}::timestamptz, ${userId}::uuid)` : undefined;
  const rows = await db
    .select({ row: memberships, joinedAtKey: JOINED_AT_TEXT })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), after))
    .orderBy(...page.orderBy)
    .limit(page.limit);
  return rows.map(({ row, joinedAtKey }) => ({ ...row, rank: 1, joinedAtKey }));
}

// ---- invitations -----------------------------------------------------------------------------------

export async function insertInvitation(
  db: Database,
  workspaceId: string,
  values: { userId: string; invitedBy: string; email: string; expiresAt: Date },
): Promise<void> {
  await db.insert(invitations).values({ workspaceId, ...values });
}

/** The email each (Workspace, user) was last invited under, as the inviter typed it (the invitedEmail loader's batch). */
export async function lastInvitationEmails(
  db: Database,
  keys: readonly { workspaceId: string; userId: string }[],
): Promise<{ workspaceId: string; userId: string; email: string }[]> {
  if (keys.length === 0) return [];
  return db
    .selectDistinctOn([invitations.workspaceId, invitations.userId], {
      workspaceId: invitations.workspaceId,
      userId: invitations.userId,
      email: invitations.email,
    })
    .from(invitations)
    .where(or(...keys.map((k) => and(eq(invitations.workspaceId, k.workspaceId), eq(invitations.userId, k.userId)))))
    .orderBy(invitations.workspaceId, invitations.userId, desc(invitations.createdAt));
}

/** The user's INVITED memberships, in every Workspace, become ACTIVE; returns them as they are now. */
export async function activateInvitedMemberships(db: Database, userId: string): Promise<MembershipRow[]> {
  return db
    .update(memberships)
    .set({ status: 'ACTIVE' })
    .where(and(eq(memberships.userId, userId), eq(memberships.status, 'INVITED')))
    .returning();
}

/** The user's open invitations, in every Workspace, are accepted now. */
export async function markInvitationsAccepted(db: Database, userId: string): Promise<void> {
  await db
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(and(eq(invitations.userId, userId), isNull(invitations.acceptedAt)));
}
