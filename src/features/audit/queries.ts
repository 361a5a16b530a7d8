import { and, count, eq, type SQL } from 'drizzle-orm';
import type { PageQuery, SortOrder } from '../../db/paging';
import { type AuditEventRow, auditEvents } from '../../db/schema';
import type { Database } from '../../db/schema-types';

export type NewAuditEvent = typeof auditEvents.$inferInsert;

const ROWS_PER_INSERT = 1000;

/** Inserts events a thousand rows per statement (a bulk change writes one per object). */
export async function insertAuditEvents(db: Database, rows: readonly NewAuditEvent[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await db.insert(auditEvents).values(rows.slice(i, i + ROWS_PER_INSERT));
}

/** Newest first: seq is global and increasing. */
export const AUDIT_ORDER: SortOrder<AuditEventRow> = {
  name: 'auditEvents:NEWEST',
  descending: true,
  keys: [{ column: auditEvents.seq, type: 'bigint', of: (row) => row.seq }],
};

/** The events of one Workspace, or every event (null: operators). */
export function auditScope(workspaceId: string | null): SQL | undefined {
  return workspaceId ? eq(auditEvents.workspaceId, workspaceId) : undefined;
}

export async function pageAuditEvents(db: Database, scope: SQL | undefined, page: PageQuery): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(and(scope, page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
}

export async function countAuditEvents(db: Database, scope: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditEvents).where(scope);
  return row?.n ?? 0;
}
