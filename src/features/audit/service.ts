import { and, count, desc, eq, lt } from 'drizzle-orm';
import { requireRole, requireViewer } from '../../auth/guard';
import { type AuditEventRow, auditEvents } from '../../db/schema';
import { badInput } from '../../errors';
import { type Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '../../graphql/connection';
import type { GraphQLContext } from '../../graphql/context';

/**
 * Audit events, newest first, keyset on seq. Administrators and the SuperAdmin see their active
 * Workspace's events; platform operators (with their own credentials) see every event, including
 * platform-level ones without a Workspace. Everyone else: FORBIDDEN.
 */
export async function listAuditEvents({
  ctx,
  input,
}: {
  ctx: GraphQLContext;
  input: { first?: number | null; after?: string | null };
}): Promise<Connection<AuditEventRow>> {
  const viewer = requireViewer(ctx);
  const operator = viewer.isOperator && viewer.credential !== 'application';
  const workspaceId = operator ? null : requireRole(ctx, 'audit:read').active.workspace.id;
  const size = pageSize(input.first);
  const before = parseSeq(decodeCursor(input.after, 1));
  const scope = workspaceId ? eq(auditEvents.workspaceId, workspaceId) : undefined;
  const rows = await ctx.db
    .select()
    .from(auditEvents)
    .where(and(scope, before === null ? undefined : lt(auditEvents.seq, before)))
    .orderBy(desc(auditEvents.seq))
    .limit(size + 1);
  const [total] = await ctx.db.select({ n: count() }).from(auditEvents).where(scope);
  return toConnection(rows, size, total?.n ?? 0, (row) => encodeCursor([row.seq]));
}

function parseSeq(values: (string | number)[] | null): number | null {
  if (!values) return null;
  const [seq] = values;
  if (typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0) return seq;
  throw badInput('after', 'after is not a cursor from this list.');
}
