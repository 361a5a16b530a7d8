import { auditEvents } from '../../db/schema';
import type { GraphQLContext } from '../../graphql/context';

export interface AuditInput {
  workspaceId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

/** Writes an audit event in the request's transaction, so it exists exactly when the change does. */
export async function recordAudit(ctx: GraphQLContext, event: AuditInput): Promise<void> {
  await recordAuditMany(ctx, [event]);
}

const ROWS_PER_INSERT = 1000;

/** Writes many events (one per object of a bulk change), a thousand rows per statement. */
export async function recordAuditMany(ctx: GraphQLContext, events: readonly AuditInput[]): Promise<void> {
  for (let i = 0; i < events.length; i += ROWS_PER_INSERT) {
    await ctx.db.insert(auditEvents).values(events.slice(i, i + ROWS_PER_INSERT).map((event) => toRow(ctx, event)));
  }
}

function toRow(ctx: GraphQLContext, event: AuditInput) {
  return {
    workspaceId: event.workspaceId,
    actorUserId: ctx.viewer?.user.id ?? null,
    actorEmail: ctx.viewer?.user.email ?? null,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    before: event.before ?? null,
    after: event.after ?? null,
    requestId: ctx.requestId,
  };
}

/** Drops secrets and noise before a row goes into an audit event. */
export function auditable<T extends object>(row: T): Partial<T> {
  const copy: Partial<T> = { ...row };
  for (const key of ['passwordHash', 'activationKeyHash'] as const) delete (copy as Record<string, unknown>)[key];
  return copy;
}
