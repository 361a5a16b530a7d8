import { sql } from 'drizzle-orm';
import { createTestApp, expectData, type TestApp } from '../../test/app';
import { createOrg, createTenant, createWorkspace, linkWorkspace, memberWithRole } from '../../test/factories';
import { enterRuntimeRole, type RlsScope } from './rls';
import { queryRows } from './rows';
import type { Database } from './schema-types';

/** The second wall alone: queries with no WHERE clause, as the runtime role, scoped to Workspace A. */
describe('row-level security on tenant tables', () => {
  let app: TestApp;
  let a: Awaited<ReturnType<typeof createTenant>>;
  let b: Awaited<ReturnType<typeof createTenant>>;
  const TABLES = ['memberships', 'invitations', 'workspace_requests', 'audit_events', 'workspace_links'] as const;

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
      await linkWorkspace(app, tenant.org.id, tenant.workspace.id);
    }
  });
  afterAll(() => app.close());

  /** Runs `fn` as the runtime role seeing only Workspace A, then rolls back. */
  const asTenantA = <T>(fn: (tx: Database) => Promise<T>): Promise<T> =>
    asRuntime({ workspaceIds: [a.workspace.id], userId: null, operator: false }, fn);

  /** Runs `fn` as the runtime role under `scope`, then rolls back. */
  async function asRuntime<T>(scope: RlsScope, fn: (tx: Database) => Promise<T>): Promise<T> {
    let result: T | undefined;
    await app.database.db
      .transaction(async (tx) => {
        await enterRuntimeRole(tx, scope);
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
    expect(tables.length).toBeGreaterThanOrEqual(16);
    for (const table of tables) {
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

  it('shows a link to viewers of its group and its SuperAdmin, never an unrelated link', async () => {
    // Main organization M: its own Workspace `own` and another organization's Workspace `member`, both linked.
    const main = await createOrg(app, { package: 'PRO' });
    const own = await createWorkspace(app, main.id);
    const superAdmin = await memberWithRole(app, own.id, 'ADMINISTRATOR');
    const member = await createWorkspace(app, (await createOrg(app)).id);
    const unlinkedOwn = await createWorkspace(app, main.id);
    await linkWorkspace(app, main.id, own.id);
    await linkWorkspace(app, main.id, member.id);
    const group = [own.id, member.id].sort();
    const linksSeen = (scope: RlsScope) =>
      asRuntime(scope, async (tx) =>
        (await queryRows<{ workspace_id: string }>(tx, sql`SELECT workspace_id FROM workspace_links ORDER BY workspace_id`)).map(
          (r) => r.workspace_id,
        ),
      );
    const scoped = (workspaceIds: string[], userId: string | null = null) => ({ workspaceIds, userId, operator: false });
    // From a linked Workspace, from the main organization's own Workspaces (linked or not): the group's links only.
    for (const viewer of [member.id, own.id, unlinkedOwn.id]) expect(await linksSeen(scoped([viewer]))).toEqual(group);
    // The SuperAdmin signing in (no Workspace yet, only the user): the links that give them access.
    expect(await linksSeen(scoped([], superAdmin.id))).toEqual(group);
    // A and B each see their own link and nothing of M's group; nobody sees anything without a scope.
    expect(await linksSeen(scoped([a.workspace.id]))).toEqual([a.workspace.id]);
    expect(await linksSeen(scoped([b.workspace.id], b.admin.id))).toEqual([b.workspace.id]);
    expect(await linksSeen(scoped([]))).toEqual([]);
    const all = await linksSeen({ workspaceIds: [], userId: null, operator: true });
    expect(all).toEqual(expect.arrayContaining([...group, a.workspace.id, b.workspace.id]));
    // Nor can a tenant link itself elsewhere or unlink another group's Workspace.
    const error: unknown = await asTenantA((tx) =>
      tx.execute(sql`INSERT INTO workspace_links (workspace_id, main_organization_id) VALUES (${unlinkedOwn.id}, ${main.id})`),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as { cause?: { code?: string } } | null)?.cause?.code).toBe('42501');
    const deleted = await asTenantA((tx) => queryRows(tx, sql`DELETE FROM workspace_links WHERE workspace_id = ${member.id} RETURNING 1`));
    expect(deleted).toHaveLength(0);
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
