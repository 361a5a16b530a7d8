import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';

/** Where a fleet is managed. Belongs to (and is billed to) exactly one organization. */
export const workspaces = pgTable(
  'workspaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('workspaces_organization_idx').on(t.organizationId)],
);

/** Links a Workspace to a main organization. The primary key makes "at most one link" a database rule. */
export const workspaceLinks = pgTable(
  'workspace_links',
  {
    workspaceId: uuid('workspace_id')
      .primaryKey()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    mainOrganizationId: uuid('main_organization_id')
      .notNull()
      .references(() => organizations.id),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('workspace_links_main_org_idx').on(t.mainOrganizationId)],
);

export type WorkspaceRow = typeof workspaces.$inferSelect;
export type WorkspaceLinkRow = typeof workspaceLinks.$inferSelect;
