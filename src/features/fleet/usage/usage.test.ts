import { sql } from 'drizzle-orm';
import { createTestApp, expectData, expectError, type TestApp } from '../../../../test/app';
import { statementCount } from '../../../../test/db';
import { createEndpoint, createTenant, newIccid, registerSims, type TestSim } from '../../../../test/factories';
import { queryRows } from '../../../db/rows';
import { outboxIdle } from '../../mail/sender';

const RECORD = 'mutation($r: [UsageRecordInput!]!) { recordUsage(records: $r) }';
const SIM_USAGE =
  'query($id: ID!, $s: Date, $e: Date) { sim(id: $id) { usage(startDate: $s, endDate: $e) { bytesUp bytesDown smsSent smsReceived cost currency startDate endDate } } }';

interface UsageRecord {
  iccid: string;
  date: string;
  bytesUp: number;
  bytesDown: number;
  smsSent: number;
  smsReceived: number;
  cost: number;
}

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);
const record = (iccid: string, date: string, n = 1): UsageRecord => ({
  iccid,
  date,
  bytesUp: 1000 * n,
  bytesDown: 5000 * n,
  smsSent: n,
  smsReceived: 2 * n,
  cost: 0.1234 * n,
});

describe('usage ingest (recordUsage)', () => {
  let app: TestApp;
  let ops: string;
  let a: Awaited<ReturnType<typeof createTenant>>;
  let b: Awaited<ReturnType<typeof createTenant>>;
  let simsA: TestSim[];
  let simsB: TestSim[];
  beforeAll(async () => {
    app = await createTestApp();
    ops = await app.opsToken();
    a = await createTenant(app, { currency: 'EUR' });
    b = await createTenant(app, { currency: 'USD' });
    simsA = await registerSims(app, a.admin.token, 3);
    simsB = await registerSims(app, b.admin.token, 2);
  });
  afterAll(() => app.close());

  const usageOf = async (token: string, simId: string, s = daysAgo(10), e = daysAgo(0)) =>
    expectData(await app.gql<{ sim: { usage: Record<string, number | string> } }>(SIM_USAGE, { id: simId, s, e }, { token })).sim.usage;

  /** The raw rows summed per Workspace and day, next to the rollup, read as the table owner. */
  async function rollupMatchesRaw(): Promise<void> {
    const compare = sql`SELECT coalesce(r.workspace_id, w.workspace_id)::text AS ws, coalesce(r.day, w.day)::text AS day,
        r.bytes_up::text AS raw_up, w.bytes_up::text AS roll_up, r.bytes_down::text AS raw_down, w.bytes_down::text AS roll_down,
        r.sms_sent::text AS raw_sent, w.sms_sent::text AS roll_sent, r.sms_received::text AS raw_received, w.sms_received::text AS roll_received,
        r.cost::text AS raw_cost, w.cost::text AS roll_cost
      FROM (SELECT workspace_id, day, sum(bytes_up) AS bytes_up, sum(bytes_down) AS bytes_down, sum(sms_sent) AS sms_sent,
                   sum(sms_received) AS sms_received, sum(cost)::numeric(18,4) AS cost
              FROM sim_daily_usage GROUP BY workspace_id, day) r
      FULL JOIN workspace_daily_usage w ON w.workspace_id = r.workspace_id AND w.day = r.day`;
    const rows = await queryRows<Record<string, string | null>>(app.database.db, compare);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect([row.raw_up, row.raw_down, row.raw_sent, row.raw_received, row.raw_cost]).toEqual([
        row.roll_up,
        row.roll_down,
        row.roll_sent,
        row.roll_received,
        row.roll_cost,
      ]);
    }
  }

  it('is for operators only', async () => {
    const records = [record(simsA[0]?.iccid as string, daysAgo(1))];
    expectError(await app.gql(RECORD, { r: records }, { token: a.admin.token }), 'FORBIDDEN');
    expectError(await app.gql(RECORD, { r: records }), 'UNAUTHENTICATED');
  });

  it('stores each record under the SIM’s Workspace and returns the rows stored', async () => {
    const [simA] = simsA;
    const [simB] = simsB;
    const records = [
      record(simA?.iccid as string, daysAgo(2), 1),
      record(simA?.iccid as string, daysAgo(1), 2),
      record(simB?.iccid as string, daysAgo(1), 3),
    ];
    expect(expectData(await app.gql<{ recordUsage: number }>(RECORD, { r: records }, { token: ops })).recordUsage).toBe(3);
    expect(await usageOf(a.admin.token, simA?.id as string)).toMatchObject({
      bytesUp: 3000,
      bytesDown: 15000,
      smsSent: 3,
      smsReceived: 6,
      cost: 0.3702,
      currency: 'EUR',
    });
    expect(await usageOf(b.admin.token, simB?.id as string)).toMatchObject({ bytesUp: 3000, smsSent: 3, cost: 0.3702, currency: 'USD' });
    // The date range applies, both ends included.
    expect(await usageOf(a.admin.token, simA?.id as string, daysAgo(1), daysAgo(1))).toMatchObject({
      bytesUp: 2000,
      startDate: daysAgo(1),
      endDate: daysAgo(1),
    });
    await rollupMatchesRaw();
  });

  it('replaces on replay: the same (iccid, date) never double-counts, and the rollup follows', async () => {
    const sim = simsA[1] as TestSim;
    const records = [record(sim.iccid, daysAgo(5), 1), record(sim.iccid, daysAgo(4), 1)];
    expectData(await app.gql(RECORD, { r: records }, { token: ops }));
    const first = await usageOf(a.admin.token, sim.id);
    expect(expectData(await app.gql<{ recordUsage: number }>(RECORD, { r: records }, { token: ops })).recordUsage).toBe(2);
    expect(await usageOf(a.admin.token, sim.id)).toEqual(first);
    await rollupMatchesRaw();
    // A corrected replay replaces the figures (here: smaller ones, so the rollup must go down).
    expectData(await app.gql(RECORD, { r: [{ ...record(sim.iccid, daysAgo(5), 0), bytesUp: 7 }] }, { token: ops }));
    expect(await usageOf(a.admin.token, sim.id)).toMatchObject({ bytesUp: 1007, bytesDown: 5000, smsSent: 1 });
    await rollupMatchesRaw();
  });

  it('keeps the rollup equal to the raw sum under concurrent overlapping replays', async () => {
    const sims = [...simsA, ...simsB];
    const batches = [1, 2, 3, 4, 5].map((n) =>
      sims.flatMap((sim) => [record(sim.iccid, daysAgo(20), n), record(sim.iccid, daysAgo(20 + n), n)]),
    );
    const results = await Promise.all(batches.map((r) => app.gql<{ recordUsage: number }>(RECORD, { r }, { token: ops })));
    expect(results.map((r) => expectData(r).recordUsage)).toEqual(batches.map((b) => b.length));
    await rollupMatchesRaw();
  });

  it('is all or nothing: one bad record stores nothing (BAD_USER_INPUT on records)', async () => {
    const sim = simsA[2] as TestSim;
    const good = [record(sim.iccid, daysAgo(3)), record(sim.iccid, daysAgo(2))];
    const bad: Partial<UsageRecord>[] = [{ bytesUp: -1 }, { bytesDown: 1.5 }, { smsSent: -2 }, { cost: -0.01 }, { date: daysAgo(-3) }];
    for (const change of bad) {
      const error = expectError(
        await app.gql(RECORD, { r: [...good, { ...record(sim.iccid, daysAgo(1)), ...change }] }, { token: ops }),
        'BAD_USER_INPUT',
        'records',
      );
      expect(error.message).toContain('records[2]');
    }
    // A repeated pair does not save a batch with a bad record.
    expectError(
      await app.gql(RECORD, { r: [...good, good[0], { ...record(sim.iccid, daysAgo(1)), bytesUp: -1 }] }, { token: ops }),
      'BAD_USER_INPUT',
      'records',
    );
    expect(await usageOf(a.admin.token, sim.id)).toMatchObject({ bytesUp: 0, smsSent: 0, cost: 0 });
  });

  it('accepts a replayed batch that repeats records inside itself: totals and rollup as after one delivery', async () => {
    const [once, twice] = await registerSims(app, a.admin.token, 2);
    const batch = [record(once?.iccid as string, daysAgo(7), 3), record(once?.iccid as string, daysAgo(6), 4)];
    expect(expectData(await app.gql<{ recordUsage: number }>(RECORD, { r: batch }, { token: ops })).recordUsage).toBe(2);
    // The same records, delivered at least once: the batch repeats itself, twice over, in another order.
    const replayed = [...batch, ...batch.map((r) => ({ ...r })), ...[...batch].reverse()].map((r) => ({
      ...r,
      iccid: twice?.iccid as string,
    }));
    expect(expectData(await app.gql<{ recordUsage: number }>(RECORD, { r: replayed }, { token: ops })).recordUsage).toBe(2);
    // ...and once more, as a retry of the whole call.
    expect(expectData(await app.gql<{ recordUsage: number }>(RECORD, { r: replayed }, { token: ops })).recordUsage).toBe(2);
    const single = await usageOf(a.admin.token, once?.id as string);
    expect(single).toMatchObject({ bytesUp: 7000, smsSent: 7, cost: 0.8638 });
    expect(await usageOf(a.admin.token, twice?.id as string)).toEqual(single);
    await rollupMatchesRaw();
    const daily = (simId: string) =>
      queryRows<{ day: string; bytes_up: string; sms_sent: number }>(
        app.database.db,
        sql`SELECT day::text, bytes_up::text, sms_sent FROM sim_daily_usage WHERE sim_id = ${simId} ORDER BY day`,
      );
    expect(await daily(twice?.id as string)).toEqual(await daily(once?.id as string));
  });

  it('lets the last of two records for one SIM and day win, all or nothing, counted once in the rollup', async () => {
    const [sim] = await registerSims(app, b.admin.token, 1);
    const iccid = sim?.iccid as string;
    const day = daysAgo(8);
    const rollupOfDay = async () =>
      (
        await queryRows<{ bytes_up: string; sms_sent: number }>(
          app.database.db,
          sql`SELECT bytes_up::text, sms_sent::int AS sms_sent FROM workspace_daily_usage WHERE workspace_id = ${b.workspace.id} AND day = ${day}::date`,
        )
      )[0] ?? { bytes_up: '0', sms_sent: 0 };
    const before = await rollupOfDay();
    const batch = [record(iccid, day, 1), record(iccid, daysAgo(9), 2), { ...record(iccid, day, 5), bytesUp: 42 }];
    expect(expectData(await app.gql<{ recordUsage: number }>(RECORD, { r: batch }, { token: ops })).recordUsage).toBe(2);
    expect(await usageOf(b.admin.token, sim?.id as string, day, day)).toMatchObject({ bytesUp: 42, bytesDown: 25000, smsSent: 5 });
    expect(await rollupOfDay()).toEqual({ bytes_up: String(Number(before.bytes_up) + 42), sms_sent: before.sms_sent + 5 });
    await rollupMatchesRaw();
  });

  it('lists unknown ICCIDs and stores nothing', async () => {
    const sim = simsA[2] as TestSim;
    const unknown = [newIccid(), newIccid()];
    const error = expectError(
      await app.gql(
        RECORD,
        {
          r: [
            record(sim.iccid, daysAgo(1)),
            record(unknown[0] as string, daysAgo(1)),
            record(unknown[1] as string, daysAgo(2)),
            record('garbage', daysAgo(1)),
          ],
        },
        { token: ops },
      ),
      'BAD_USER_INPUT',
      'records',
    );
    for (const iccid of [...unknown, 'garbage']) expect(error.message).toContain(iccid);
    expect(await usageOf(a.admin.token, sim.id)).toMatchObject({ bytesUp: 0 });
  });

  it('takes 10,000 records in one call, with as many SQL statements as for 10', async () => {
    const tenant = await createTenant(app);
    const sims = await registerSims(app, tenant.admin.token, 100);
    const device = await createEndpoint(app, tenant.admin.token, { simId: sims[0]?.id });
    const records = sims.flatMap((sim) => Array.from({ length: 100 }, (_, d) => record(sim.iccid, daysAgo(d), 1)));
    expect(records).toHaveLength(10_000);

    const statementsFor = async (batch: UsageRecord[]) => {
      await outboxIdle();
      const before = statementCount();
      expect(expectData(await app.gql<{ recordUsage: number }>(RECORD, { r: batch }, { token: ops })).recordUsage).toBe(batch.length);
      return statementCount() - before;
    };
    const small = await statementsFor(records.slice(0, 10));
    const large = await statementsFor(records);
    expect(large).toBe(small);
    expect(small).toBeGreaterThan(3);

    const endpoint = expectData(
      await app.gql<{ endpoint: { usage: { bytesUp: number; smsReceived: number } } }>(
        'query($id: ID!, $s: Date) { endpoint(id: $id) { usage(startDate: $s) { bytesUp smsReceived } } }',
        { id: device.id, s: daysAgo(99) },
        { token: tenant.admin.token },
      ),
    );
    expect(endpoint.endpoint.usage).toEqual({ bytesUp: 100 * 1000, smsReceived: 100 * 2 });
    await rollupMatchesRaw();
    const [rollup] = await queryRows<{ days: number; sent: number }>(
      app.database.db,
      sql`SELECT count(*)::int AS days, sum(sms_sent)::int AS sent FROM workspace_daily_usage WHERE workspace_id = ${tenant.workspace.id}`,
    );
    expect(rollup).toEqual({ days: 100, sent: 10_000 });
    expectError(
      await app.gql(RECORD, { r: [...records, record(sims[0]?.iccid as string, daysAgo(100))] }, { token: ops }),
      'BAD_USER_INPUT',
      'records',
    );
  });

  it('refuses a summary whose range is reversed', async () => {
    expectError(
      await app.gql(SIM_USAGE, { id: simsA[0]?.id, s: daysAgo(0), e: daysAgo(1) }, { token: a.admin.token }),
      'BAD_USER_INPUT',
      'startDate',
    );
  });
});
