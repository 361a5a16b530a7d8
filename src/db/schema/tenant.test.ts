import { is } from 'drizzle-orm';
import { getTableConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '.';

/**
 * The policies live with the tables (src/db/schema/tenant.ts), so drizzle-kit generates them: a table
 * with a workspace_id column declared with plain pgTable fails here before any migration exists.
 * src/db/rls.test.ts checks the migrated database itself.
 */
describe('tenant tables in the schema', () => {
  const dialect = new PgDialect();
  const tables = Object.values<unknown>(schema)
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => getTableConfig(table));
  const tenantTables = tables.filter((t) => t.columns.some((c) => c.name === 'workspace_id'));

  it('are all there', () => {
    expect(tenantTables.length).toBeGreaterThanOrEqual(17);
  });

  it.each(tenantTables.map((t) => [t.name, t] as const))('%s declares its tenant policy', (name, table) => {
    expect(table.policies.map((p) => p.name)).toEqual([`${name}_tenant`]);
    const [policy] = table.policies;
    const using = policy?.using ? dialect.sqlToQuery(policy.using).sql : '';
    const withCheck = policy?.withCheck ? dialect.sqlToQuery(policy.withCheck).sql : '';
    expect({ for: policy?.for ?? 'all', to: policy?.to ?? 'public', withCheck }).toEqual({ for: 'all', to: 'public', withCheck: using });
    // Settings read in sub-selects: computed once per statement (InitPlans), not once per row.
    expect(using).toContain(`(SELECT app_is_operator()) OR "${name}"."workspace_id" = ANY ((SELECT app_visible_workspace_ids())::uuid[])`);
  });
});
