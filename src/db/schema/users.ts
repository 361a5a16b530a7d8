import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

/** A person who signs in. Global: one login for every Workspace. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** argon2id; null until an invited user accepts. */
    passwordHash: text('password_hash'),
    defaultWorkspaceId: uuid('default_workspace_id').references((): AnyPgColumn => workspaces.id, {
      onDelete: 'set null',
    }),
    isOperator: boolean('is_operator').notNull().default(false),
    /** SHA-256 of the one-time activation key an invited user receives. */
    activationKeyHash: text('activation_key_hash'),
    activationExpiresAt: timestamp('activation_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    uniqueIndex('users_activation_key_hash_key').on(t.activationKeyHash),
  ],
);

export type UserRow = typeof users.$inferSelect;
