import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { SortOrder } from '../../db/paging';
import { type AuditEventRow, auditEvents } from '../../db/schema';
import type { Database } from '../../db/schema-types';
import { AUDIT_ACTIONS } from '../audit/actions';

/*
 * Fleet events are the audit log's fleet actions, read as the fleet's history: no table of their own.
 * Usage ingestion (`usage.recorded`) is the network's bookkeeping, not something that happened to a
 * device, so it is left out.
 */

/** The audit actions that are fleet events (an event's `type`). */
export const EVENT_TYPES: readonly string[] = AUDIT_ACTIONS.fleet.filter((action) => action !== 'usage.recorded');

/** Newest first; named apart from auditEvents' order so neither list accepts the other's cursors. */
export const EVENT_ORDER: SortOrder<AuditEventRow> = {
  name: 'events:NEWEST',
  descending: true,
  keys: [{ column: auditEvents.seq, type: 'bigint', of: (row) => row.seq }],
};

/** The fleet events of one Workspace. */
export function eventScope(workspaceId: string): SQL {
  return and(eq(auditEvents.workspaceId, workspaceId), inArray(auditEvents.action, [...EVENT_TYPES])) as SQL;
}

/** Events about one object (a SIM or a device). */
export function aboutTarget(targetType: 'sim' | 'endpoint', targetId: string): SQL {
  return and(eq(auditEvents.targetType, targetType), eq(auditEvents.targetId, targetId)) as SQL;
}

/** Whether any event matches (a deleted device still has its history). */
export async function anyEvent(db: Database, where: SQL): Promise<boolean> {
  const [row] = await db.select({ one: sql<number>`1` }).from(auditEvents).where(where).limit(1);
  return row !== undefined;
}
