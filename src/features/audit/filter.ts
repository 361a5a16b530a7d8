import { and, eq, gte, inArray, or, type SQL, sql } from 'drizzle-orm';
import { auditEvents, workspaces } from '../../db/schema';
import { badInput } from '../../errors';

/** What `auditEvents(filter:)` may narrow by; every field optional (GraphQL's AuditEventFilter). */
export interface AuditFilter {
  organizationId?: string | null;
  workspaceId?: string | null;
  actorId?: string | null;
  actions?: readonly string[] | null;
  from?: string | null;
  to?: string | null;
}

export const MAX_FILTER_ACTIONS = 50;

/** Refuses a filter that cannot mean anything (BAD_USER_INPUT naming the field). */
export function checkAuditFilter(filter: AuditFilter): void {
  if (filter.actions && filter.actions.length > MAX_FILTER_ACTIONS)
    throw badInput('actions', `Actions: at most ${MAX_FILTER_ACTIONS} at a time.`);
  if (filter.from && filter.to && Date.parse(filter.to) < Date.parse(filter.from)) throw badInput('to', 'To must not be before From.');
}

/**
 * The filter as one condition, ANDed with the viewer's scope by the caller, so it only ever narrows.
 * An organization covers its own Workspaces' events and the platform-level events about itself
 * (created, billing, limit, SuperAdmin), which carry no Workspace.
 */
export function auditFilterCondition(filter: AuditFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filter.workspaceId) conditions.push(eq(auditEvents.workspaceId, filter.workspaceId));
  if (filter.actorId) conditions.push(eq(auditEvents.actorUserId, filter.actorId));
  if (filter.actions && filter.actions.length > 0) conditions.push(inArray(auditEvents.action, [...filter.actions]));
  if (filter.from) conditions.push(gte(auditEvents.createdAt, new Date(filter.from)));
  // DateTime answers carry milliseconds, PostgreSQL keeps microseconds: `to` covers its whole
  // millisecond, so an event's own createdAt as `to` includes that event. Truncating the column (not
  // adding 1 ms to `to`) keeps 9999-12-31T23:59:59.999Z, the last storable instant, valid.
  if (filter.to) conditions.push(sql`date_trunc('milliseconds', ${auditEvents.createdAt}) <= ${filter.to}::timestamptz`);
  if (filter.organizationId) {
    const owned = sql`${auditEvents.workspaceId} in (select ${workspaces.id} from ${workspaces} where ${workspaces.organizationId} = ${filter.organizationId})`;
    const about = and(eq(auditEvents.targetType, 'organization'), eq(auditEvents.targetId, filter.organizationId));
    conditions.push(or(owned, about));
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}
