import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantTable } from './tenant';
import { users } from './users';
import { workspaces } from './workspaces';

/**
 * Who did what, when, with the state before and after. Written in the same transaction as the change.
 * Platform-level events (no Workspace) are visible to operators only (see `tenantTable`).
 */
export const auditEvents = tenantTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    /** Null for platform-level events (an organization created by ops). */
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_events_workspace_seq_idx').on(t.workspaceId, t.seq),
    // auditEvents(filter: { actorId }) across the platform (ops): newest first and counted without a scan.
    index('audit_events_actor_seq_idx').on(t.actorUserId, t.seq),
    // The fleet's events of one device or SIM (events(filter: { endpointId | simId })), newest first.
    index('audit_events_workspace_target_seq_idx').on(t.workspaceId, t.targetType, t.targetId, t.seq),
  ],
);

/** Emails waiting to be sent; a row is written in the transaction that decides to send it. */
export const emailOutbox = pgTable('email_outbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
});

export type AuditEventRow = typeof auditEvents.$inferSelect;
