import { and, asc, count, eq, sql } from 'drizzle-orm';
import { type MembershipRow, memberships } from '../../db/schema';
import type { Database } from '../../db/schema-types';

/** One membership of the Workspace, or null (also for a user of another Workspace). */
export async function findMembership(db: Database, workspaceId: string, userId: string, lock = false): Promise<MembershipRow | null> {
  const query = db
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** joined_at at full (microsecond) precision, so keyset cursors never skip rows within a millisecond. */
const JOINED_AT_TEXT = sql<string>`to_char(${memberships.joinedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A page of the Workspace's membership rows ordered by (joined_at, user_id), after the keyset `after`. */
export async function pageMemberships(
  db: Database,
  workspaceId: string,
  after: { joinedAt: string; userId: string } | null,
  limit: number,
): Promise<{ row: MembershipRow; joinedAtText: string }[]> {
  if (limit <= 0) return [];
  const keyset = after
    ? sql`(${memberships.joinedAt}, ${memberships.userId}) > (${after.joinedAt}::timestamptz, ${after.userId}::uuid)`
    : undefined;
  const rows = await db
    .select({ row: memberships, joinedAtText: JOINED_AT_TEXT })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), keyset))
    .orderBy(asc(memberships.joinedAt), asc(memberships.userId))
    .limit(limit);
  return rows;
}

export async function countMemberships(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
  return row?.n ?? 0;
}
