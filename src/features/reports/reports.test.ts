import { sql } from 'drizzle-orm';
import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import { statementCount } from '../../../test/db';
import {
  addMember,
  createEndpoint,
  createOrg,
  createTenant,
  createUser,
  createWorkspace,
  memberWithRole,
  PASSWORD,
  registerSims,
  switchTo,
  type TestSim,
} from '../../../test/factories';
import { queryRows } from '../../db/rows';
import { addDays, applicationToken, daysAgo, recordUsage, usage } from './test-helpers';

const REPORT = `query($s: Date, $e: Date, $ids: [ID!]) {
  workspaceDailyStats(startDate: $s, endDate: $e, workspaceIds: $ids) {
    startDate endDate
    workspaces { workspace { id name } currency days { date bytesUp bytesDown smsSent smsReceived cost costDecimal } }
    totals { currency bytesUp bytesDown smsSent smsReceived cost costDecimal }
  }
}`;

interface Day {
  date: string;
  bytesUp: number;
  bytesDown: number;
  smsSent: number;
  smsReceived: number;
  cost: number;
  costDecimal: string;
}
interface Report {
  startDate: string;
  endDate: string;
  workspaces: { workspace: { id: string; name: string }; currency: string; days: Day[] }[];
  totals: (Omit<Day, 'date'> & { currency: string })[];
}

// A fixed month in the past: every test day is real history, whatever today is.
const D1 = '2026-03-01';
const D2 = '2026-03-02';
const D5 = '2026-03-05';

describe('centralized reports (workspaceDailyStats)', () => {
  let app: TestApp;
  /** One user: Administrator in two EUR Workspaces, User in a USD one, Observer in a GBP one. */
  let viewer: { id: string; email: string; token: string };
  let ws: Record<'eur1' | 'eur2' | 'usd' | 'gbp', { id: string; sims: TestSim[] }>;
  let outsider: Awaited<ReturnType<typeof createTenant>>;

  beforeAll(async () => {
    app = await createTestApp();
    const eurOrg = await createOrg(app, { currency: 'EUR' });
    const eur1 = await createWorkspace(app, eurOrg.id);
    const eur2 = await createWorkspace(app, (await createOrg(app, { currency: 'EUR' })).id);
    const usd = await createWorkspace(app, (await createOrg(app, { currency: 'USD' })).id);
    const gbp = await createWorkspace(app, (await createOrg(app, { currency: 'GBP' })).id);
    const admin = await memberWithRole(app, eur1.id, 'ADMINISTRATOR');
    await addMember(app, eur2.id, admin.id, 'ADMINISTRATOR');
    await addMember(app, usd.id, admin.id, 'USER');
    await addMember(app, gbp.id, admin.id, 'OBSERVER');
    viewer = admin;
    const signedIn = await app.signIn(admin.email, PASSWORD);
    const simsIn = async (id: string) => registerSims(app, await switchTo(app, signedIn, id), 2);
    ws = {
      eur1: { id: eur1.id, sims: await simsIn(eur1.id) },
      eur2: { id: eur2.id, sims: await simsIn(eur2.id) },
      usd: { id: usd.id, sims: await simsIn(usd.id) },
      // SIMs are registered by writers; the viewer only observes the GBP Workspace.
      gbp: { id: gbp.id, sims: await registerSims(app, (await memberWithRole(app, gbp.id, 'USER')).token, 2) },
    };
    outsider = await createTenant(app, { currency: 'EUR' });
    const [outsiderSim] = await registerSims(app, outsider.admin.token, 1);
    const s = (w: keyof typeof ws, i: number) => ws[w].sims[i]?.iccid ?? '';
    await recordUsage(app, [
      usage(s('eur1', 0), D1, { bytesUp: 100, bytesDown: 1000, smsSent: 1, smsReceived: 2, cost: 0.1 }),
      usage(s('eur1', 1), D1, { bytesUp: 200, bytesDown: 2000, smsSent: 3, smsReceived: 4, cost: 0.2 }),
      usage(s('eur1', 0), D5, { bytesUp: 7, bytesDown: 8, smsSent: 0, smsReceived: 1, cost: 1.2345 }),
      usage(s('eur2', 0), D1, { bytesUp: 5, bytesDown: 50, smsSent: 5, smsReceived: 0, cost: 10 }),
      usage(s('usd', 0), D2, { bytesUp: 1e12, bytesDown: 2e12, smsSent: 10, smsReceived: 20, cost: 99.9999 }),
      usage(s('gbp', 1), D5, { bytesUp: 1, bytesDown: 2, smsSent: 3, smsReceived: 4, cost: 5.5 }),
      usage(outsiderSim?.iccid ?? '', D1, { bytesUp: 999, cost: 42 }),
    ]);
  });
  afterAll(() => app.close());

  const report = async (variables: Record<string, unknown>, token = viewer.token) =>
    expectData(await app.gql<{ workspaceDailyStats: Report }>(REPORT, variables, { token })).workspaceDailyStats;

  it('reports every requested Workspace in its own currency, in the order asked, every day of the range', async () => {
    const r = await report({ s: D1, e: D5, ids: [ws.usd.id, ws.eur1.id, ws.gbp.id, ws.eur2.id] });
    expect(r).toMatchObject({ startDate: D1, endDate: D5 });
    expect(r.workspaces.map((w) => [w.workspace.id, w.currency])).toEqual([
      [ws.usd.id, 'USD'],
      [ws.eur1.id, 'EUR'],
      [ws.gbp.id, 'GBP'],
      [ws.eur2.id, 'EUR'],
    ]);
    for (const w of r.workspaces) expect(w.days.map((d) => d.date)).toEqual([D1, D2, '2026-03-03', '2026-03-04', D5]);
    const eur1 = r.workspaces[1];
    expect(eur1?.days[0]).toEqual({
      date: D1,
      bytesUp: 300,
      bytesDown: 3000,
      smsSent: 4,
      smsReceived: 6,
      cost: 0.3,
      costDecimal: '0.3000',
    });
    expect(eur1?.days[4]).toMatchObject({ bytesUp: 7, bytesDown: 8, smsReceived: 1, cost: 1.2345, costDecimal: '1.2345' });
    expect(r.workspaces[0]?.days[1]).toMatchObject({ bytesUp: 1e12, bytesDown: 2e12, costDecimal: '99.9999' });
  });

  it('zero-fills days without usage', async () => {
    const r = await report({ s: '2026-02-27', e: '2026-03-03', ids: [ws.eur2.id] });
    const days = r.workspaces[0]?.days ?? [];
    expect(days.map((d) => d.date)).toEqual(['2026-02-27', '2026-02-28', D1, D2, '2026-03-03']);
    const zero = { bytesUp: 0, bytesDown: 0, smsSent: 0, smsReceived: 0, cost: 0, costDecimal: '0.0000' };
    expect(days.filter((d) => d.date !== D1)).toEqual(days.filter((d) => d.date !== D1).map((d) => ({ date: d.date, ...zero })));
    expect(days.find((d) => d.date === D1)).toMatchObject({ bytesUp: 5, bytesDown: 50, smsSent: 5, cost: 10 });
  });

  it('totals per currency, never across currencies, and lists a currency with no usage with zeros', async () => {
    const r = await report({ s: D1, e: D5, ids: [ws.usd.id, ws.eur1.id, ws.gbp.id, ws.eur2.id] });
    expect(r.totals).toEqual([
      // EUR: both EUR Workspaces; 0.1 + 0.2 + 1.2345 + 10, summed exactly.
      { currency: 'EUR', bytesUp: 312, bytesDown: 3058, smsSent: 9, smsReceived: 7, cost: 11.5345, costDecimal: '11.5345' },
      { currency: 'GBP', bytesUp: 1, bytesDown: 2, smsSent: 3, smsReceived: 4, cost: 5.5, costDecimal: '5.5000' },
      { currency: 'USD', bytesUp: 1e12, bytesDown: 2e12, smsSent: 10, smsReceived: 20, cost: 99.9999, costDecimal: '99.9999' },
    ]);
    const quiet = await report({ s: '2026-01-01', e: '2026-01-31', ids: [ws.gbp.id, ws.usd.id] });
    expect(quiet.totals).toEqual([
      { currency: 'GBP', bytesUp: 0, bytesDown: 0, smsSent: 0, smsReceived: 0, cost: 0, costDecimal: '0.0000' },
      { currency: 'USD', bytesUp: 0, bytesDown: 0, smsSent: 0, smsReceived: 0, cost: 0, costDecimal: '0.0000' },
    ]);
  });

  it('defaults to the last 30 days up to today (UTC) and to every Workspace the viewer can enter', async () => {
    const today = daysAgo(0);
    await recordUsage(app, [usage(ws.gbp.sims[0]?.iccid ?? '', today, { smsSent: 7, cost: 0.5 })]);
    const r = await report({});
    expect(r.endDate).toBe(today);
    expect(r.startDate).toBe(daysAgo(29));
    expect(r.workspaces.map((w) => w.workspace.id).sort()).toEqual([ws.eur1.id, ws.eur2.id, ws.usd.id, ws.gbp.id].sort());
    expect(r.workspaces.every((w) => w.days.length === 30 && w.days[29]?.date === today)).toBe(true);
    expect(r.workspaces.find((w) => w.workspace.id === ws.gbp.id)?.days[29]).toMatchObject({ smsSent: 7, costDecimal: '0.5000' });
    // Only one end given: 30 days ending there, or from there to today.
    expect(await report({ e: D5 })).toMatchObject({ startDate: '2026-02-04', endDate: D5 });
    expect(await report({ s: daysAgo(3) })).toMatchObject({ startDate: daysAgo(3), endDate: today });
  });

  it('answers NOT_FOUND (field workspaceIds) for a Workspace the viewer cannot enter, never a smaller report', async () => {
    for (const ids of [
      [outsider.workspace.id],
      [ws.eur1.id, outsider.workspace.id],
      ['not-a-uuid'],
      ['00000000-0000-4000-8000-000000000000'],
    ]) {
      expectError(await app.gql(REPORT, { s: D1, e: D5, ids }, { token: viewer.token }), 'NOT_FOUND', 'workspaceIds');
    }
    // The outsider sees only their own Workspace.
    const theirs = await report({ s: D1, e: D1 }, outsider.admin.token);
    expect(theirs.workspaces.map((w) => w.workspace.id)).toEqual([outsider.workspace.id]);
    expect(theirs.totals).toEqual([expect.objectContaining({ currency: 'EUR', bytesUp: 999, costDecimal: '42.0000' })]);
  });

  it('stops covering a Workspace the moment the viewer loses access to it', async () => {
    const user = await createUser(app);
    await addMember(app, ws.eur2.id, user.id, 'OBSERVER');
    await addMember(app, ws.usd.id, user.id, 'OBSERVER');
    const token = await switchTo(app, await app.signIn(user.email, PASSWORD), ws.usd.id);
    expect((await report({}, token)).workspaces.map((w) => w.workspace.id).sort()).toEqual([ws.eur2.id, ws.usd.id].sort());
    const admin = await switchTo(app, viewer.token, ws.eur2.id);
    expectData(await app.gql('mutation($u: ID!) { removeUserFromWorkspace(userId: $u) }', { u: user.id }, { token: admin }));
    // The same session token, at once.
    expect((await report({}, token)).workspaces.map((w) => w.workspace.id)).toEqual([ws.usd.id]);
    expectError(await app.gql(REPORT, { ids: [ws.eur2.id] }, { token }), 'NOT_FOUND', 'workspaceIds');
  });

  it('limits an application token to its own Workspace', async () => {
    const usdToken = await applicationToken(app, await switchTo(app, viewer.token, ws.usd.id));
    const r = await report({ s: D1, e: D5 }, usdToken);
    expect(r.workspaces.map((w) => w.workspace.id)).toEqual([ws.usd.id]);
    expect(r.totals.map((t) => t.currency)).toEqual(['USD']);
    expectError(await app.gql(REPORT, { ids: [ws.eur1.id] }, { token: usdToken }), 'NOT_FOUND', 'workspaceIds');
    expect((await report({ ids: [ws.usd.id] }, usdToken)).workspaces).toHaveLength(1);
  });

  it('validates the range: start after end, or more than 366 days, is BAD_USER_INPUT naming the field', async () => {
    expectError(await app.gql(REPORT, { s: D5, e: D1 }, { token: viewer.token }), 'BAD_USER_INPUT', 'startDate');
    expectError(await app.gql(REPORT, { s: '2025-01-01', e: '2026-01-02' }, { token: viewer.token }), 'BAD_USER_INPUT', 'startDate');
    const leap = await report({ s: '2024-01-01', e: '2024-12-31', ids: [ws.eur1.id] });
    expect(leap.workspaces[0]?.days).toHaveLength(366);
    expect((await report({ s: D1, e: D1, ids: [ws.eur1.id] })).workspaces[0]?.days).toHaveLength(1);
  });

  it('needs credentials; operators may name any Workspace', async () => {
    expectError(await app.gql(REPORT, {}), 'UNAUTHENTICATED');
    const ops = await app.opsToken();
    expect((await report({}, ops)).workspaces).toEqual([]);
    const r = await report({ s: D1, e: D1, ids: [outsider.workspace.id, ws.eur2.id] }, ops);
    expect(r.workspaces.map((w) => w.workspace.id)).toEqual([outsider.workspace.id, ws.eur2.id]);
    expectError(await app.gql(REPORT, { ids: ['00000000-0000-4000-8000-000000000000'] }, { token: ops }), 'NOT_FOUND', 'workspaceIds');
  });

  it('equals the raw per-SIM sum after replays and corrections', async () => {
    const [a, b] = ws.eur1.sims.map((s) => s.iccid) as [string, string];
    const day = '2026-04-10';
    await recordUsage(app, [
      usage(a, day, { bytesUp: 10, bytesDown: 20, smsSent: 1, smsReceived: 1, cost: 0.0001 }),
      usage(b, day, { bytesUp: 5, cost: 0.3333 }),
    ]);
    // The same records again (a replay), then corrections with different figures, then a replay of the corrections.
    await recordUsage(app, [
      usage(a, day, { bytesUp: 10, bytesDown: 20, smsSent: 1, smsReceived: 1, cost: 0.0001 }),
      usage(b, day, { bytesUp: 5, cost: 0.3333 }),
    ]);
    await recordUsage(app, [usage(a, day, { bytesUp: 11, bytesDown: 0, smsSent: 0, smsReceived: 9, cost: 1.1111 })]);
    await recordUsage(app, [
      usage(a, day, { bytesUp: 11, bytesDown: 0, smsSent: 0, smsReceived: 9, cost: 1.1111 }),
      usage(b, day, { bytesUp: 6, cost: 0.3334 }),
    ]);
    const r = await report({ s: '2026-04-09', e: '2026-04-11', ids: [ws.eur1.id] });
    expect(r.workspaces[0]?.days[1]).toEqual({
      date: day,
      bytesUp: 17,
      bytesDown: 0,
      smsSent: 0,
      smsReceived: 9,
      cost: 1.4445,
      costDecimal: '1.4445',
    });
    // Every Workspace and day of the report equals the raw rows summed, read as the table owner.
    const full = await report({ s: '2026-02-01', e: '2026-04-30' });
    const raw = await queryRows<{ ws: string; day: string; up: string; down: string; sent: string; received: string; cost: string }>(
      app.database.db,
      sql`SELECT workspace_id::text AS ws, day::text AS day, sum(bytes_up)::text AS up, sum(bytes_down)::text AS down,
                 sum(sms_sent)::text AS sent, sum(sms_received)::text AS received, sum(cost)::numeric(18,4)::text AS cost
            FROM sim_daily_usage WHERE day BETWEEN '2026-02-01' AND '2026-04-30' GROUP BY workspace_id, day`,
    );
    const rawByKey = new Map(raw.map((r) => [`${r.ws}/${r.day}`, r]));
    let nonZero = 0;
    for (const w of full.workspaces) {
      for (const d of w.days) {
        const expected = rawByKey.get(`${w.workspace.id}/${d.date}`);
        expect([String(d.bytesUp), String(d.bytesDown), String(d.smsSent), String(d.smsReceived), d.costDecimal]).toEqual(
          expected ? [expected.up, expected.down, expected.sent, expected.received, expected.cost] : ['0', '0', '0', '0', '0.0000'],
        );
        if (expected) nonZero++;
      }
    }
    expect(nonZero).toBeGreaterThanOrEqual(6);
  });

  it('runs one report statement whatever the number of Workspaces and days', async () => {
    const before = statementCount();
    await report({ s: '2025-06-01', e: '2026-05-31', ids: [ws.eur1.id] });
    const one = statementCount() - before;
    const mid = statementCount();
    await report({ s: '2025-06-01', e: '2026-05-31' });
    expect(statementCount() - mid).toBe(one);
  });
});

describe('per-device daily usage (Endpoint.dailyUsage, Sim.dailyUsage)', () => {
  let app: TestApp;
  let tenant: Awaited<ReturnType<typeof createTenant>>;
  let sims: TestSim[];
  const DEVICE =
    'query($id: ID!, $s: Date, $e: Date) { endpoint(id: $id) { dailyUsage(startDate: $s, endDate: $e) { date bytesUp bytesDown smsSent smsReceived cost costDecimal } } }';
  beforeAll(async () => {
    app = await createTestApp();
    tenant = await createTenant(app, { currency: 'GBP' });
    sims = await registerSims(app, tenant.admin.token, 3);
    await recordUsage(app, [
      usage(sims[0]?.iccid ?? '', D2, { bytesUp: 1, bytesDown: 2, smsSent: 3, smsReceived: 4, cost: 0.25 }),
      usage(sims[1]?.iccid ?? '', D2, { bytesUp: 100, cost: 9 }),
    ]);
  });
  afterAll(() => app.close());

  it("gives the device's SIM usage per day, zeros included, readable by every role", async () => {
    const device = await createEndpoint(app, tenant.admin.token, { simId: sims[0]?.id });
    const observer = await memberWithRole(app, tenant.workspace.id, 'OBSERVER');
    const data = expectData(
      await app.gql<{ endpoint: { dailyUsage: Day[] } }>(DEVICE, { id: device.id, s: D1, e: '2026-03-03' }, { token: observer.token }),
    );
    expect(data.endpoint.dailyUsage).toEqual([
      { date: D1, bytesUp: 0, bytesDown: 0, smsSent: 0, smsReceived: 0, cost: 0, costDecimal: '0.0000' },
      { date: D2, bytesUp: 1, bytesDown: 2, smsSent: 3, smsReceived: 4, cost: 0.25, costDecimal: '0.2500' },
      { date: '2026-03-03', bytesUp: 0, bytesDown: 0, smsSent: 0, smsReceived: 0, cost: 0, costDecimal: '0.0000' },
    ]);
    const sim = expectData(
      await app.gql<{ sim: { dailyUsage: Day[] } }>(
        'query($id: ID!) { sim(id: $id) { dailyUsage(startDate: "2026-03-02", endDate: "2026-03-02") { bytesUp cost } } }',
        { id: sims[1]?.id },
        { token: observer.token },
      ),
    );
    expect(sim.sim.dailyUsage).toEqual([{ bytesUp: 100, cost: 9 }]);
  });

  it('gives zeros for a device without a SIM, defaults to the last 30 days and validates the range', async () => {
    const device = await createEndpoint(app, tenant.admin.token);
    const data = expectData(await app.gql<{ endpoint: { dailyUsage: Day[] } }>(DEVICE, { id: device.id }, { token: tenant.admin.token }));
    expect(data.endpoint.dailyUsage).toHaveLength(30);
    expect(data.endpoint.dailyUsage[29]).toMatchObject({ date: daysAgo(0), bytesUp: 0, costDecimal: '0.0000' });
    expectError(await app.gql(DEVICE, { id: device.id, s: D5, e: D1 }, { token: tenant.admin.token }), 'BAD_USER_INPUT', 'startDate');
    expectError(
      await app.gql(DEVICE, { id: device.id, s: '2025-01-01', e: addDays('2025-01-01', 366) }, { token: tenant.admin.token }),
      'BAD_USER_INPUT',
      'startDate',
    );
  });

  it("answers NOT_FOUND for another Workspace's device", async () => {
    const device = await createEndpoint(app, tenant.admin.token, { simId: sims[2]?.id });
    const other = await createTenant(app);
    expectError(await app.gql(DEVICE, { id: device.id, s: D1, e: D2 }, { token: other.admin.token }), 'NOT_FOUND');
  });

  it('loads a page of devices with one usage query, whatever its size', async () => {
    const page =
      'query { endpoints(first: 50) { edges { node { id dailyUsage(startDate: "2026-03-01", endDate: "2026-03-07") { date bytesUp } } } } }';
    const before = statementCount();
    const small = expectData(await app.gql<{ endpoints: { edges: unknown[] } }>(page, {}, { token: tenant.admin.token }));
    const few = statementCount() - before;
    const more = await registerSims(app, tenant.admin.token, 10);
    for (const sim of more) await createEndpoint(app, tenant.admin.token, { simId: sim.id });
    const mid = statementCount();
    const big = expectData(await app.gql<{ endpoints: { edges: unknown[] } }>(page, {}, { token: tenant.admin.token }));
    expect(big.endpoints.edges.length).toBeGreaterThan(small.endpoints.edges.length + 5);
    expect(statementCount() - mid).toBe(few);
  });
});
