import { index, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { memberRoleEnum, membershipStatusEnum } from './enums';
import { ownRowsOfTheUser, tenantTable } from './tenant';
import { users } from './users';
import { workspaces } from './workspaces';

/**
 * A user's role and status in one Workspace. Tenant data; a user also sees their own memberships in
 * every Workspace (to list where they can sign in).
 */
export const memberships = tenantTable(
  'memberships',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRoleEnum('role').notNull(),
    status: membershipStatusEnum('status').notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
    index('memberships_workspace_joined_idx').on(t.workspaceId, t.joinedAt, t.userId),
  ],
  { alsoVisible: (t) => ownRowsOfTheUser(t.userId) },
);

/**
 * A record of who invited whom into which Workspace; the key itself lives (hashed) on the user.
 * The invited user sees their own invitations.
 */
export const invitations = tenantTable(
  'invitations',
  {
    id: uuid('id').notNull().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    invitedBy: uuid('invited_by').references(() => users.id),
    email: text('email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('invitations_user_idx').on(t.userId)],
  { alsoVisible: (t) => ownRowsOfTheUser(t.userId) },
);

export type MembershipRow = typeof memberships.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;
