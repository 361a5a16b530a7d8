import type { ServiceContext } from '../../server/context';
import type { AuditAction, AuditTargetType } from './actions';
import { insertAuditEvents, type NewAuditEvent } from './queries';

export interface AuditInput {
  workspaceId: string | null;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  /** The object before and after the change (rows as they are: secrets are dropped here). */
  before?: unknown;
  after?: unknown;
}

/** Writes an audit event in the request's transaction, so it exists exactly when the change does. */
export async function recordAudit(ctx: ServiceContext, event: AuditInput): Promise<void> {
  await recordAuditMany(ctx, [event]);
}

/** Writes many events (one per object of a bulk change). */
export async function recordAuditMany(ctx: ServiceContext, events: readonly AuditInput[]): Promise<void> {
  await insertAuditEvents(
    ctx.db,
    events.map((event) => toRow(ctx, event)),
  );
}

function toRow(ctx: ServiceContext, event: AuditInput): NewAuditEvent {
  return {
    workspaceId: event.workspaceId,
    actorUserId: ctx.viewer?.user.id ?? null,
    actorEmail: ctx.viewer?.user.email ?? null,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    before: withoutSecrets(event.before ?? null),
    after: withoutSecrets(event.after ?? null),
    requestId: ctx.requestId,
  };
}

/** Fields that never enter the audit log, wherever they appear in a before/after value. */
const SECRET_FIELDS: ReadonlySet<string> = new Set(['passwordHash', 'activationKeyHash', 'secretHash']);

/** A copy of `value` without secret fields, at any depth (rows, arrays of rows, nested objects). */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, inner]) => (SECRET_FIELDS.has(key) ? [] : [[key, withoutSecrets(inner)]])),
  );
}
