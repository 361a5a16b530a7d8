import { index, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantTable } from './tenant';
import { users } from './users';
import { workspaces } from './workspaces';

/** An integrator's token: belongs to one Workspace for life, acts with its creator's current role there. */
export const applicationTokens = tenantTable(
  'application_tokens',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    /** The first characters of the secret, shown in lists so people can tell tokens apart. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the secret (256 random bits, so a fast hash is enough); the secret is never stored. */
    secretHash: text('secret_hash').notNull(),
    /** IPs and CIDR ranges (v4 and v6) the token may be used from; empty means anywhere. */
    allowedIps: text('allowed_ips').array().notNull().default([]),
    /** Millisecond precision, so keyset cursors round-trip exactly through JavaScript dates. */
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('application_tokens_id_key').on(t.id),
    uniqueIndex('application_tokens_secret_hash_key').on(t.secretHash),
    index('application_tokens_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('application_tokens_creator_idx').on(t.workspaceId, t.createdBy, t.createdAt),
  ],
);

export type ApplicationTokenRow = typeof applicationTokens.$inferSelect;
