import { sql } from 'drizzle-orm';
import { createTestApp, expectData, type TestApp } from '../../../test/app';
import { createEndpoint, createTenant, newIccid, registerSims } from '../../../test/factories';
import { enterRuntimeRole } from '../../db/rls';
import { queryRows } from '../../db/rows';
import type { Database } from '../../db/schema-types';

/** The second wall alone for the fleet tables: no WHERE clause, as the runtime role, scoped to Workspace A. */
describe('row-level security on the fleet tables', () => {
  let app: TestApp;
  let a: Awaited<ReturnType<typeof createTenant>>;
  let b: Awaited<ReturnType<typeof createTenant>>;
  const ids: Record<string, { simId: string; endpointId: string; servicePolicyId: string; coveragePolicyId: string }> = {};
  const TABLES = [
    'sims',
    'endpoints',
    'endpoint_tags',
    'service_policies',
    'coverage_policies',
    'sim_daily_usage',
    'workspace_daily_usage',
  ] as const;

  beforeAll(async () => {
    app = await createTestApp();
    a = await createTenant(app);
    b = await createTenant(app);
    const day = new Date().toISOString().slice(0, 10);
    for (const tenant of [a, b]) {
      const token = tenant.admin.token;
      const [sim] = await registerSims(app, token, 1);
      const servicePolicyId = expectData(
        await app.gql<{ createServicePolicy: { id: string } }>(
          'mutation { createServicePolicy(input: { name: "P" }) { id } }',
          {},
          { token },
        ),
      ).createServicePolicy.id;
      const coveragePolicyId = expectData(
        await app.gql<{ createCoveragePolicy: { id: string } }>(
          'mutation { createCoveragePolicy(input: { name: "P" }) { id } }',
          {},
          { token },
        ),
      ).createCoveragePolicy.id;
      const endpoint = await createEndpoint(app, token, { simId: sim?.id, tags: ['t'], servicePolicyId, coveragePolicyId });
      const record = { iccid: sim?.iccid, date: day, bytesUp: 1, bytesDown: 2, smsSent: 3, smsReceived: 4, cost: 0.5 };
      expectData(
        await app.gql('mutation($r: [UsageRecordInput!]!) { recordUsage(records: $r) }', { r: [record] }, { token: await app.opsToken() }),
      );
      ids[tenant.workspace.id] = { simId: sim?.id as string, endpointId: endpoint.id, servicePolicyId, coveragePolicyId };
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
    const rows = await asTenantA((tx) => queryRows<{ workspace_id: string }>(tx, sql`SELECT workspace_id FROM ${sql.identifier(table)}`));
    const workspaces = new Set(rows.map((r) => r.workspace_id));
    expect([...workspaces]).toEqual([a.workspace.id]);
    // B's rows exist (the owner, who bypasses RLS, sees them).
    const all = await queryRows<{ n: number }>(
      app.database.db,
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE workspace_id = ${b.workspace.id}`,
    );
    expect(all[0]?.n).toBeGreaterThan(0);
  });

  it('refuses inserts into B, even pointing at B’s own rows', async () => {
    const bw = b.workspace.id;
    const theirs = ids[bw] as (typeof ids)[string];
    const today = new Date().toISOString().slice(0, 10);
    const attempts = [
      sql`INSERT INTO sims (workspace_id, iccid) VALUES (${bw}, ${newIccid()})`,
      sql`INSERT INTO service_policies (workspace_id, name) VALUES (${bw}, 'x')`,
      sql`INSERT INTO coverage_policies (workspace_id, name) VALUES (${bw}, 'x')`,
      sql`INSERT INTO endpoints (workspace_id, name) VALUES (${bw}, 'x')`,
      sql`INSERT INTO endpoint_tags (workspace_id, endpoint_id, tag) VALUES (${bw}, ${theirs.endpointId}, 'x')`,
      sql`INSERT INTO sim_daily_usage (workspace_id, sim_id, day, bytes_up, bytes_down, sms_sent, sms_received, cost)
          VALUES (${bw}, ${theirs.simId}, ${today}::date - 1, 1, 1, 1, 1, 1)`,
      sql`INSERT INTO workspace_daily_usage (workspace_id, day) VALUES (${bw}, ${today}::date - 1)`,
    ];
    for (const statement of attempts) {
      const error: unknown = await asTenantA((tx) => tx.execute(statement)).then(
        () => null,
        (e: unknown) => e,
      );
      // 42501: "new row violates row-level security policy"
      expect((error as { cause?: { code?: string } } | null)?.cause?.code).toBe('42501');
    }
  });

  it('finds nothing of B to update or delete', async () => {
    const bw = b.workspace.id;
    const { deleted, updated } = await asTenantA(async (tx) => {
      let count = 0;
      for (const table of TABLES) {
        count += (await queryRows(tx, sql`DELETE FROM ${sql.identifier(table)} WHERE workspace_id = ${bw} RETURNING 1`)).length;
      }
      // No WHERE clause at all: only A's rows are touched.
      const rows = await queryRows<{ workspace_id: string }>(tx, sql`UPDATE sims SET status = 'DELETED' RETURNING workspace_id`);
      return { deleted: count, updated: new Set(rows.map((r) => r.workspace_id)) };
    });
    expect(deleted).toBe(0);
    expect([...updated]).toEqual([a.workspace.id]);
  });

  it('cannot move a row of A into B', async () => {
    const mine = ids[a.workspace.id] as (typeof ids)[string];
    const error: unknown = await asTenantA((tx) =>
      tx.execute(sql`UPDATE service_policies SET workspace_id = ${b.workspace.id} WHERE id = ${mine.servicePolicyId}`),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as { cause?: { code?: string } } | null)?.cause?.code).toBe('42501');
  });
});

class RollbackMarker extends Error {}
