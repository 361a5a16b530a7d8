import { sql } from 'drizzle-orm';
import { check, index, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { requestKindEnum, requestStatusEnum } from './enums';
import { organizations } from './organizations';
import { tenantTable } from './tenant';
import { users } from './users';
import { workspaces } from './workspaces';

/** A main organization's request to create or link a Workspace; processed by ops. */
export const workspaceRequests = tenantTable(
  'workspace_requests',
  {
    id: uuid('id').notNull().defaultRandom(),
    /** The Workspace the request was sent from (tenant key). */
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: requestKindEnum('kind').notNull(),
    status: requestStatusEnum('status').notNull().default('PENDING'),
    contactEmail: text('contact_email').notNull(),
    details: text('details').notNull(),
    /** CREATE: the requester's proposed name for the new Workspace. */
    name: text('name'),
    /** CREATE: the requester's proposed currency (ISO 4217) for the new Workspace's organization. */
    currency: text('currency'),
    requestedBy: uuid('requested_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    rejectionReason: text('rejection_reason'),
    resultWorkspaceId: uuid('result_workspace_id').references(() => workspaces.id),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('workspace_requests_id_key').on(t.id),
    // At most one pending request per organization, even under concurrent inserts.
    uniqueIndex('workspace_requests_one_pending_per_org').on(t.organizationId).where(sql`${t.status} = 'PENDING'`),
    check('workspace_requests_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    index('workspace_requests_org_idx').on(t.organizationId, t.createdAt),
  ],
);

export type WorkspaceRequestRow = typeof workspaceRequests.$inferSelect;
