import { and } from 'drizzle-orm';
import { requireRole, requireViewer } from '../../auth/guard';
import { actsAsOperator } from '../../auth/policy';
import { type Connection, type PageArgs, paginate } from '../../db/paging';
import type { AuditEventRow } from '../../db/schema';
import type { Verb } from '../../server/context';
import { type AuditFilter, auditFilterCondition, checkAuditFilter } from './filter';
import { AUDIT_ORDER, auditScope, countAuditEvents, pageAuditEvents } from './queries';

/**
 * Audit events, newest first. Administrators and the SuperAdmin see their active Workspace's events;
 * platform operators (with their own credentials) see every event, including platform-level ones
 * without a Workspace. Everyone else: FORBIDDEN. The filter is ANDed with that scope, so it narrows and
 * never widens: a tenant naming another Workspace (or its organization, or an outsider as actor) gets an
 * empty page, the same answer as for an id that does not exist, which reveals nothing.
 */
export const listAuditEvents: Verb<PageArgs & { filter?: AuditFilter | null }, Connection<AuditEventRow>> = async ({ ctx, input }) => {
  const viewer = requireViewer(ctx);
  const workspaceId = actsAsOperator(viewer) ? null : requireRole(ctx, 'audit:read').active.workspace.id;
  if (input.filter) checkAuditFilter(input.filter);
  const scope = and(auditScope(workspaceId), input.filter ? auditFilterCondition(input.filter) : undefined);
  return paginate({
    ctx,
    order: AUDIT_ORDER,
    page: input,
    rows: (page) => pageAuditEvents(ctx.db, scope, page),
    count: () => countAuditEvents(ctx.db, scope),
  });
};
