import { auditEvents } from '../../db/schema';
import type { GraphQLContext } from '../../graphql/context';
import type { AuditInput } from '../audit/record';

const ROWS_PER_INSERT = 1000;

/**
 * Writes many audit events (one per object of a bulk change) in the request's transaction, with the
 * same columns as `recordAudit`, a thousand rows per statement.
 */
export async function recordAuditMany(ctx: GraphQLContext, events: readonly AuditInput[]): Promise<void> {
  for (let i = 0; i < events.length; i += ROWS_PER_INSERT) {
    await ctx.db.insert(auditEvents).values(
      events.slice(i, i + ROWS_PER_INSERT).map((event) => ({
        workspaceId: event.workspaceId,
        actorUserId: ctx.viewer?.user.id ?? null,
        actorEmail: ctx.viewer?.user.email ?? null,
        action: event.action,
        targetType: event.targetType,
        targetId: event.targetId,
        before: event.before ?? null,
        after: event.after ?? null,
        requestId: ctx.requestId,
      })),
    );
  }
}
