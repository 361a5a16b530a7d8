import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/db';
import type { DatabaseHandle } from '../../db/client';
import { queryRows } from '../../db/rows';

const FLEET_TABLES = [
  'sims',
  'endpoints',
  'endpoint_tags',
  'service_policies',
  'coverage_policies',
  'sim_daily_usage',
  'workspace_daily_usage',
];

/** Every fleet index leads with workspace_id (so filters, sorts and a Citus-style distribution all work per Workspace). */
describe('fleet indexes', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  // Trigram (GIN) indexes cannot lead with a uuid without btree_gin; the Workspace condition is checked
  // on the rows they find (and row-level security applies). Expression indexes have no first column here.
  const TRIGRAM = ['endpoints_imei_trgm_idx', 'sims_iccid_trgm_idx', 'sims_imsi_trgm_idx', 'sims_msisdn_trgm_idx'];

  it('lead with workspace_id, except the global ICCID uniqueness and the trigram indexes', async () => {
    const rows = await queryRows<{ index: string; first: string }>(
      database.db,
      sql`SELECT i.relname AS index, a.attname AS first
            FROM pg_index x
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
           WHERE t.relname IN (${sql.join(
             FLEET_TABLES.map((name) => sql`${name}`),
             sql`, `,
           )})
           ORDER BY i.relname`,
    );
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((r) => r.first !== 'workspace_id').map((r) => r.index)).toEqual([...TRIGRAM, 'sims_iccid_key'].sort());
  });

  it('back every list filter and sort', async () => {
    const definitions = (
      await queryRows<{ def: string }>(
        database.db,
        sql`SELECT indexdef AS def FROM pg_indexes WHERE tablename IN ('sims', 'endpoints', 'endpoint_tags')`,
      )
    ).map((r) => r.def.replace(/^.* USING (btree|gin) /, ''));
    for (const wanted of [
      '(workspace_id, seq)', // CREATED_ASC / CREATED_DESC (sims and endpoints)
      '(workspace_id, iccid)', // ICCID_ASC / ICCID_DESC
      '(workspace_id, imsi)',
      '(workspace_id, msisdn)',
      '(iccid gin_trgm_ops)', // contains search: any part of the ICCID, IMSI, MSISDN, IMEI or name
      '(imsi gin_trgm_ops)',
      '(msisdn gin_trgm_ops)',
      '(imei gin_trgm_ops)',
      '(lower(name) gin_trgm_ops)',
      '(workspace_id, status, seq)', // status filter
      '(workspace_id, name, id)', // NAME_ASC / NAME_DESC
      '(workspace_id, imei)',
      '(workspace_id, sim_id)', // SIM -> device, assigned filter
      '(workspace_id, tag, endpoint_id)', // tag filter
    ]) {
      expect(definitions).toContain(wanted);
    }
  });
});
