import { sql } from 'drizzle-orm';
import { createTestApp, expectData, type TestApp } from '../../../test/app';
import { createTenant } from '../../../test/factories';
import { queryRows } from '../../db/rows';
import { luhnValid } from './identifiers';
import { DEMO_FLEET, seedFleetDemo } from './seed';

describe('seedFleetDemo', () => {
  let app: TestApp;
  let a: Awaited<ReturnType<typeof createTenant>>;
  let b: Awaited<ReturnType<typeof createTenant>>;
  let seconds: number;
  beforeAll(async () => {
    app = await createTestApp();
    a = await createTenant(app);
    b = await createTenant(app);
    const started = Date.now();
    await seedFleetDemo(app.database.db, [a.workspace.id, b.workspace.id]);
    seconds = (Date.now() - started) / 1000;
  });
  afterAll(() => app.close());

  it('seeds two Workspaces in seconds, and skips them when called again', async () => {
    expect(seconds).toBeLessThan(60);
    expect(await seedFleetDemo(app.database.db, [a.workspace.id])).toEqual([]);
  });

  it('shows each Workspace about 2,000 SIMs and devices, most SIMs in devices, through the API', async () => {
    const query = `{ sims(first: 1) { totalCount } assigned: sims(first: 1, filter: { assigned: true }) { totalCount }
      endpoints(first: 1) { totalCount } tagged: endpoints(first: 1, filter: { tag: "north" }) { totalCount }
      servicePolicies { totalCount } coveragePolicies { totalCount } }`;
    for (const tenant of [a, b]) {
      const data = expectData(await app.gql<Record<string, { totalCount: number }>>(query, {}, { token: tenant.admin.token }));
      expect(data.sims?.totalCount).toBe(DEMO_FLEET.sims);
      expect(data.assigned?.totalCount).toBe(DEMO_FLEET.inDevices);
      expect(data.endpoints?.totalCount).toBe(DEMO_FLEET.devices);
      expect(data.tagged?.totalCount).toBe(DEMO_FLEET.devices / 4);
      expect(data.servicePolicies?.totalCount).toBe(2);
      expect(data.coveragePolicies?.totalCount).toBe(2);
    }
  });

  it('uses valid identifiers: Luhn ICCIDs and IMEIs, 15-digit IMSIs, E.164 MSISDNs', async () => {
    const sims = await queryRows<{ iccid: string; imsi: string; msisdn: string | null }>(
      app.database.db,
      sql`SELECT iccid, imsi, msisdn FROM sims`,
    );
    expect(sims).toHaveLength(2 * DEMO_FLEET.sims);
    expect(sims.filter((s) => !/^\d{19}$/.test(s.iccid) || !luhnValid(s.iccid))).toEqual([]);
    expect(sims.filter((s) => !/^\d{15}$/.test(s.imsi))).toEqual([]);
    expect(sims.filter((s) => s.msisdn !== null && !/^\+[1-9]\d{1,14}$/.test(s.msisdn))).toEqual([]);
    const imeis = await queryRows<{ imei: string }>(app.database.db, sql`SELECT imei FROM endpoints`);
    expect(imeis.filter((e) => !/^\d{15}$/.test(e.imei) || !luhnValid(e.imei))).toEqual([]);
  });

  it('writes 90 days of usage up to today, and the rollup equals the raw sum', async () => {
    const [usage] = await queryRows<{ days: number; sims: number; last: string }>(
      app.database.db,
      sql`SELECT count(DISTINCT day)::int AS days, count(DISTINCT sim_id)::int AS sims, max(day)::text AS last
            FROM sim_daily_usage WHERE workspace_id = ${a.workspace.id}`,
    );
    expect(usage).toEqual({ days: DEMO_FLEET.usageDays, sims: DEMO_FLEET.inDevices, last: new Date().toISOString().slice(0, 10) });
    const mismatches = await queryRows(
      app.database.db,
      sql`SELECT * FROM (SELECT workspace_id, day, sum(bytes_up) AS up, sum(bytes_down) AS down, sum(sms_sent) AS sent, sum(sms_received) AS received, sum(cost) AS cost
                           FROM sim_daily_usage GROUP BY workspace_id, day) r
          FULL JOIN workspace_daily_usage w USING (workspace_id, day)
          WHERE r.up IS DISTINCT FROM w.bytes_up OR r.down IS DISTINCT FROM w.bytes_down OR r.sent IS DISTINCT FROM w.sms_sent
             OR r.received IS DISTINCT FROM w.sms_received OR r.cost IS DISTINCT FROM w.cost`,
    );
    expect(mismatches).toEqual([]);
  });
});
