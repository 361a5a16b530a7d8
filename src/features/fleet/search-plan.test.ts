import { count, type SQL, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/app';
import { createTenant } from '../../../test/factories';
import { queryRows } from '../../db/rows';
import { endpoints, sims } from '../../db/schema';
import { type EndpointFilterValues, endpointConditions } from './endpoints/queries';
import { type SimFilterValues, simConditions } from './sims/queries';

/*
 * The contains search stays an index search in a big Workspace: on 50,000 devices and SIMs, a
 * fragment of a name or of an ICCID is looked up through the trigram indexes (pg_trgm), not by
 * reading every row. Plans, not timings (CONTRIBUTING: no timed assertions).
 */

const SIZE = 50_000;

describe('contains search plans in a Workspace of 50,000 devices', () => {
  let app: TestApp;
  let workspaceId: string;
  beforeAll(async () => {
    app = await createTestApp();
    workspaceId = (await createTenant(app)).workspace.id;
    const db = app.database.db;
    // ICCIDs need no valid check digit here: the rows go in below the API.
    await db.execute(sql`INSERT INTO sims (workspace_id, iccid, imsi, msisdn)
      SELECT ${workspaceId}, '8949' || lpad(i::text, 15, '0'), '26201' || lpad(i::text, 10, '0'), '+4917' || lpad(i::text, 9, '0')
        FROM generate_series(1, ${SIZE}) AS i`);
    await db.execute(sql`INSERT INTO endpoints (workspace_id, name, imei, sim_id)
      SELECT ${workspaceId}, 'Meter ' || lpad(s.seq_no::text, 6, '0'), '35' || lpad(s.seq_no::text, 13, '0'), s.id
        FROM (SELECT id, row_number() OVER (ORDER BY iccid) AS seq_no FROM sims WHERE workspace_id = ${workspaceId}) AS s`);
    await db.execute(sql`ANALYZE sims`);
    await db.execute(sql`ANALYZE endpoints`);
  }, 300_000);
  afterAll(() => app.close());

  const plan = async (query: SQL) =>
    (await queryRows<{ 'QUERY PLAN': string }>(app.database.db, sql`EXPLAIN ${query}`)).map((r) => r['QUERY PLAN']).join('\n');
  const devices = (search: string) => {
    const filter: EndpointFilterValues = { statuses: null, tag: null, search, servicePolicyId: null, coveragePolicyId: null };
    return app.database.db.select({ n: count() }).from(endpoints).where(endpointConditions(workspaceId, filter)).getSQL();
  };
  const simsMatching = (search: string) => {
    const filter: SimFilterValues = { statuses: null, tag: null, search, assigned: null };
    return app.database.db.select({ n: count() }).from(sims).where(simConditions(workspaceId, filter)).getSQL();
  };
  const countOf = async (query: SQL) => {
    const [row] = await queryRows<Record<string, unknown>>(app.database.db, query);
    return Number(Object.values(row ?? {})[0]);
  };

  it('finds devices by the middle of their name through the name trigram index', async () => {
    const text = await plan(devices('ter 01234'));
    expect(text).toContain('endpoints_name_trgm_idx');
    expect(text).not.toMatch(/Seq Scan on endpoints/);
    expect(await countOf(devices('ter 01234'))).toBe(10);
  });

  it('finds devices by an ICCID fragment through the ICCID trigram index, and the devices by their SIM', async () => {
    const text = await plan(devices('000012345'));
    expect(text).toContain('sims_iccid_trgm_idx');
    expect(text).toContain('endpoints_imei_trgm_idx');
    expect(text).not.toMatch(/Seq Scan on (endpoints|sims)/);
    expect(await countOf(devices('000012345'))).toBe(1);
  });

  it('finds SIMs by an ICCID fragment or their device name through the trigram indexes', async () => {
    const text = await plan(simsMatching('000012345'));
    expect(text).toContain('sims_iccid_trgm_idx');
    expect(text).toContain('endpoints_name_trgm_idx');
    expect(text).not.toMatch(/Seq Scan on (endpoints|sims)/);
    expect(await countOf(simsMatching('ter 012345'))).toBe(1);
  });
});
