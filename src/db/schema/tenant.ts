import { type BuildExtraConfigColumns, type SQL, sql } from 'drizzle-orm';
import { type PgColumn, type PgColumnBuilderBase, type PgTableExtraConfigValue, pgPolicy, pgTable } from 'drizzle-orm/pg-core';

/*
 * Row-level security, the second wall between Workspaces, declared with each table: drizzle-kit
 * generates the policies into the migrations (npm run db:generate). Each request runs as the runtime
 * role inside one transaction whose settings (src/db/rls.ts) the SQL functions of
 * drizzle/0001_row_level_security.sql and drizzle/0008_faster_row_level_security.sql read:
 *   app_visible_workspace_ids()  the Workspaces this request may read (app.workspace_ids)
 *   app_is_operator()            platform operations staff, who see every Workspace (app.operator)
 *   app_current_user_id()        the signed-in user (app.user_id)
 * Every table with a workspace_id column is made with `tenantTable`, never with pgTable
 * (src/db/schema/tenant.test.ts and src/db/rls.test.ts fail otherwise).
 */

type TenantColumns = Record<string, PgColumnBuilderBase> & { workspaceId: PgColumnBuilderBase };

interface TenantOptions<TName extends string, TColumns extends TenantColumns> {
  /** Rows visible and writable besides the request's Workspaces (OR-ed into the policy). */
  alsoVisible?: (table: BuildExtraConfigColumns<TName, TColumns, 'pg'>) => SQL;
}

/**
 * A table of Workspace data: pgTable plus the policy `<name>_tenant`, so a row is visible and
 * writable only inside the request's Workspaces (or to operators). USING and WITH CHECK are the same
 * rule, for every command and role (drizzle's default `to` is public).
 */
export function tenantTable<TName extends string, TColumns extends TenantColumns>(
  name: TName,
  columns: TColumns,
  extraConfig: (table: BuildExtraConfigColumns<TName, TColumns, 'pg'>) => PgTableExtraConfigValue[] = () => [],
  options: TenantOptions<TName, TColumns> = {},
) {
  return pgTable(name, columns, (table) => {
    const visible = options.alsoVisible
      ? sql`${inVisibleWorkspace(table.workspaceId)} OR ${options.alsoVisible(table)}`
      : inVisibleWorkspace(table.workspaceId);
    return [...extraConfig(table), pgPolicy(`${name}_tenant`, { using: visible, withCheck: visible })];
  });
}

/**
 * The settings are read in scalar sub-selects, which PostgreSQL computes once per statement
 * (InitPlans), and `workspace_id = ANY (…)` can use the indexes that lead with workspace_id. A function
 * of workspace_id re-read and re-parsed them for every row scanned (docs/performance.md).
 * A row with a null workspace_id (platform-level audit events) is visible to operators only.
 */
function inVisibleWorkspace(workspaceId: PgColumn): SQL {
  return sql`(SELECT app_is_operator()) OR ${workspaceId} = ANY ((SELECT app_visible_workspace_ids())::uuid[])`;
}

/** For `alsoVisible`: the signed-in user's own rows, in any Workspace (their memberships, invitations). */
export function ownRowsOfTheUser(userId: PgColumn): SQL {
  return sql`${userId} = (SELECT app_current_user_id())`;
}
