import { sql } from 'drizzle-orm';
import { createTestApp, expectData, type TestApp } from '../../test/app';
import { createTenant, memberWithRole } from '../../test/factories';
import { enterRuntimeRole } from './rls';
import { queryRows } from './rows';
import type { Database } from './schema-types';

/** The second wall alone: queries with no WHERE clause, as the runtime role, scoped to Workspace A. */
describe('row-level security on tenant tables', () => {
  let app: TestApp;
  let a: Awaited<ReturnType<typeof createTenant>>;
  let b: Awaited<ReturnType<typeof createTenant>>;
  const TABLES = ['memberships', 'invitations', 'workspace_requests', 'audit_events'] as const;

  beforeAll(async () => {
    app = await createTestApp();
    a = await createTenant(app, { package: 'PRO' });
    b = await createTenant(app, { package: 'PRO' });
    for (const tenant of [a, b]) {
      await memberWithRole(app, tenant.workspace.id, 'USER');
      expectData(
        await app.gql(
          'mutation { requestWorkspace(kind: CREATE, contactEmail: "c@example.test", details: "more") { id } }',
          {},
          { token: tenant.admin.token },
        ),
      );
      await app.database.db.execute(sql`INSERT INTO invitations (workspace_id, user_id, email, expires_at)
        VALUES (${tenant.workspace.id}, ${tenant.admin.id}, ${tenant.admin.email}, now() + interval '1 day')`);
    }
  });
  afterAll(() => app.close());

  /** Runs `fn` as the runtime role seeing only Workspace A, then rolls back. */
  async function asTenantA<T>(fn: (tx: Database) => Promise<T>): Promise<T> {
    let result: T | undefined;
    await app.database.db
      .transaction(async (tx) => {
        await enterRuntimeRole(tx, { workspaceIds: [a.workspace.id], userId: null, operator: false });
        result = await fn(tx);
        throw new RollbackMarker();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollbackMarker)) throw error;
      });
    return result as T;
  }

  it.each(TABLES)('%s: shows rows of A and none of B', async (table) => {
    const rows = await asTenantA((tx) =>
      queryRows<{ workspace_id: string | null }>(tx, sql`SELECT workspace_id FROM ${sql.identifier(table)}`),
    );
    const workspaces = new Set(rows.map((r) => r.workspace_id));
    expect(workspaces.has(a.workspace.id)).toBe(true);
    expect(workspaces.has(b.workspace.id)).toBe(false);
    expect([...workspaces].every((w) => w === a.workspace.id)).toBe(true);
  });

  it('refuses writes into B', async () => {
    const attempts = [
      sql`INSERT INTO memberships (workspace_id, user_id, role, status) VALUES (${b.workspace.id}, ${a.admin.id}, 'ADMINISTRATOR', 'ACTIVE')`,
      sql`INSERT INTO audit_events (workspace_id, action, target_type, target_id) VALUES (${b.workspace.id}, 'x', 'x', 'x')`,
      sql`INSERT INTO workspace_requests (workspace_id, organization_id, kind, contact_email, details) VALUES (${b.workspace.id}, ${b.org.id}, 'LINK', 'x@y.test', 'x')`,
      sql`INSERT INTO invitations (workspace_id, user_id, email, expires_at) VALUES (${b.workspace.id}, ${a.admin.id}, 'x@y.test', now())`,
    ];
    for (const statement of attempts) {
      const error: unknown = await asTenantA((tx) => tx.execute(statement)).then(
        () => null,
        (e: unknown) => e,
      );
      // 42501: "new row violates row-level security policy"
      expect((error as { cause?: { code?: string } } | null)?.cause?.code).toBe('42501');
    }
    // Updates and deletes of B's rows find nothing to touch.
    const touched = await asTenantA(async (tx) => {
      const updated = await queryRows(tx, sql`UPDATE memberships SET role = 'OBSERVER' WHERE workspace_id = ${b.workspace.id} RETURNING 1`);
      const deleted = await queryRows(tx, sql`DELETE FROM audit_events WHERE workspace_id = ${b.workspace.id} RETURNING 1`);
      return updated.length + deleted.length;
    });
    expect(touched).toBe(0);
  });

  it('covers every table that carries workspace_id, with policies evaluated once per statement', async () => {
    const tables = await queryRows<{ table_name: string; rls: boolean; quals: string[] }>(
      app.database.db,
      sql`SELECT c.table_name, t.relrowsecurity AS rls,
                 coalesce(array_agg(p.qual) FILTER (WHERE p.qual IS NOT NULL), '{}')
                   || coalesce(array_agg(p.with_check) FILTER (WHERE p.with_check IS NOT NULL), '{}') AS quals
            FROM information_schema.columns c
            JOIN pg_class t ON t.relname = c.table_name AND t.relnamespace = 'public'::regnamespace AND t.relkind = 'r'
            LEFT JOIN pg_policies p ON p.schemaname = 'public' AND p.tablename = c.table_name
           WHERE c.table_schema = 'public' AND c.column_name = 'workspace_id'
           GROUP BY c.table_name, t.relrowsecurity ORDER BY c.table_name`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(15);
    // workspace_links is part of the registry (read while resolving who may enter what), like workspaces.
    for (const table of tables.filter((t) => t.table_name !== 'workspace_links')) {
      expect({ table: table.table_name, rls: table.rls, policies: table.quals.length > 0 }).toEqual({
        table: table.table_name,
        rls: true,
        policies: true,
      });
      // USING and WITH CHECK read the settings in sub-selects, computed once per statement (InitPlans);
      // the per-row form re-parsed them for every row scanned (see src/db/schema/tenant.ts).
      for (const qual of table.quals) {
        expect(qual).not.toContain('app_workspace_visible(');
        expect(qual).toMatch(/\(\s*SELECT app_is_operator\(\)/);
        expect(qual).toMatch(/workspace_id = ANY \(\(\s*SELECT app_visible_workspace_ids\(\)/);
      }
    }
  });

  it('runs requests as a role without BYPASSRLS that does not own the tables', async () => {
    const [role] = await asTenantA((tx) =>
      queryRows<{ rolbypassrls: boolean; rolsuper: boolean; owns: boolean }>(
        tx,
        sql`SELECT r.rolbypassrls, r.rolsuper, EXISTS (SELECT 1 FROM pg_tables t WHERE t.tableowner = current_user AND t.schemaname = 'public') AS owns
            FROM pg_roles r WHERE r.rolname = current_user`,
      ),
    );
    expect(role).toEqual({ rolbypassrls: false, rolsuper: false, owns: false });
  });
});

class RollbackMarker extends Error {}
