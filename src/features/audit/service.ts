import { requireRole, requireViewer } from '../../auth/guard';
import { actsAsOperator } from '../../auth/policy';
import { type Connection, type PageArgs, paginate } from '../../db/paging';
import type { AuditEventRow } from '../../db/schema';
import type { Verb } from '../../server/context';
import { AUDIT_ORDER, auditScope, countAuditEvents, pageAuditEvents } from './queries';

/**
 * Audit events, newest first. Administrators and the SuperAdmin see their active Workspace's events;
 * platform operators (with their own credentials) see every event, including platform-level ones
 * without a Workspace. Everyone else: FORBIDDEN.
 */
export const listAuditEvents: Verb<PageArgs, Connection<AuditEventRow>> = async ({ ctx, input }) => {
  const viewer = requireViewer(ctx);
  const workspaceId = actsAsOperator(viewer) ? null : requireRole(ctx, 'audit:read').active.workspace.id;
  const scope = auditScope(workspaceId);
  return paginate({
    ctx,
    order: AUDIT_ORDER,
    page: input,
    rows: (page) => pageAuditEvents(ctx.db, scope, page),
    count: () => countAuditEvents(ctx.db, scope),
  });
};
