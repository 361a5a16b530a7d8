import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { tenantTable } from './tenant';

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

/**
 * Links a Workspace to a main organization. The primary key makes "at most one link" a database rule.
 * Row-level security: a link is visible where its Workspace is, and to whoever sees a Workspace of its
 * group (the main organization's own Workspaces and those linked to it) or is the group's SuperAdmin,
 * so a group's Workspaces agree on its links; unrelated links are invisible. Viewer resolution reads
 * it before the request drops to the runtime role.
 */
export const workspaceLinks = tenantTable(
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
  // The function (drizzle/0011_workspace_groups.sql) reads the links itself, as their owner: a policy
  // cannot read its own table.
  { alsoVisible: (t) => sql`${t.mainOrganizationId} = ANY ((SELECT app_visible_main_organization_ids())::uuid[])` },
);

export type WorkspaceRow = typeof workspaces.$inferSelect;
export type WorkspaceLinkRow = typeof workspaceLinks.$inferSelect;
