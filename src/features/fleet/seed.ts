import { type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows';
import type { Database } from '../../db/schema-types';
import { rebuildDailyRollup } from './usage/queries';

/** How big each seeded fleet is. */
export const DEMO_FLEET = {
  sims: 2000,
  /** SIMs 1..inDevices are ACTIVATED (every 40th SUSPENDED) and sit in devices; the rest are stock. */
  inDevices: 1800,
  devices: 2000,
  usageDays: 90,
} as const;

export interface SeededFleet {
  workspaceId: string;
  sims: number;
  devices: number;
  usageRows: number;
}

/**
 * Gives each Workspace a demo fleet: two service and two coverage policies, about 2,000 SIMs
 * (valid Luhn ICCIDs; most ACTIVATED, some SUSPENDED, ISSUED, FACTORY_TEST and DELETED), 2,000 devices
 * (valid Luhn IMEIs, tags, both policies; 1,800 of them holding a SIM) and 90 days of daily usage
 * up to today for every SIM in service, plus the daily rollup. Everything is written with a handful
 * of set-based INSERT … SELECT statements (generate_series), so it takes seconds.
 *
 * Runs as the database owner (like migrations): row-level security does not apply. Workspaces that
 * already have SIMs are skipped, so it is safe to call twice. Returns what was created per Workspace.
 */
export async function seedFleetDemo(db: Database, workspaceIds: readonly string[]): Promise<SeededFleet[]> {
  if (!workspaceIds.length) return [];
  const requested = uuidArray(workspaceIds);
  const fresh = await queryRows<{ id: string }>(
    db,
    sql`SELECT w.id::text AS id FROM workspaces w
         WHERE w.id = ANY (${requested}) AND NOT EXISTS (SELECT 1 FROM sims s WHERE s.workspace_id = w.id)
         ORDER BY w.id`,
  );
  if (!fresh.length) return [];
  const targets = uuidArray(fresh.map((w) => w.id));

  await db.execute(sql`INSERT INTO service_policies (workspace_id, name, data_enabled, sms_enabled, monthly_data_limit_mb, monthly_sms_limit)
    SELECT w, p.name, p.data_enabled, p.sms_enabled, p.data_mb, p.sms_limit
      FROM unnest(${targets}) AS w
     CROSS JOIN (VALUES ('Standard data', true, true, 1024, 100), ('Telemetry lite', true, false, 50, NULL::int))
           AS p(name, data_enabled, sms_enabled, data_mb, sms_limit)
    ON CONFLICT DO NOTHING`);
  await db.execute(sql`INSERT INTO coverage_policies (workspace_id, name, countries, networks, data_plan)
    SELECT w, p.name, p.countries, p.networks, p.data_plan
      FROM unnest(${targets}) AS w
     CROSS JOIN (VALUES ('Europe', '{DE,FR,NL,BE,AT,CH,IT,ES,PL,SE,DK}'::text[], '{}'::text[], 'EU pool 10 GB'),
                        ('Global', '{}'::text[], '{}'::text[], 'Global pay-as-you-go'))
           AS p(name, countries, networks, data_plan)
    ON CONFLICT DO NOTHING`);

  // SIM n of a Workspace: ICCID 89 882 <8 digits from the Workspace id> <n, 5 digits> <Luhn>.
  const block = sql.raw(`lpad(((('x' || substr(md5(w::text), 1, 7))::bit(28)::int) % 100000000)::text, 8, '0')`);
  const short = sql.raw(`lpad(((('x' || substr(md5(w::text), 9, 7))::bit(28)::int) % 100000)::text, 5, '0')`);
  await db.execute(sql`INSERT INTO sims (workspace_id, iccid, imsi, msisdn, status, created_at, updated_at)
    SELECT w, p.payload || ${luhn(sql.raw('p.payload'), 18)},
           '90143' || ${short} || lpad(n::text, 5, '0'),
           CASE WHEN n <= ${DEMO_FLEET.inDevices} THEN '+88236' || ${short} || lpad(n::text, 5, '0') END,
           (CASE WHEN n <= ${DEMO_FLEET.inDevices} AND n % 40 = 0 THEN 'SUSPENDED'
                 WHEN n <= ${DEMO_FLEET.inDevices} THEN 'ACTIVATED'
                 WHEN n <= ${DEMO_FLEET.inDevices} + 120 THEN 'ISSUED'
                 WHEN n <= ${DEMO_FLEET.inDevices} + 170 THEN 'FACTORY_TEST'
                 ELSE 'DELETED' END)::sim_status,
           now() - (${DEMO_FLEET.sims} - n) * interval '1 hour' - interval '30 days',
           now() - (${DEMO_FLEET.sims} - n) * interval '1 hour' - interval '30 days'
      FROM unnest(${targets}) AS w
     CROSS JOIN generate_series(1, ${DEMO_FLEET.sims}) AS n
     CROSS JOIN LATERAL (SELECT '89882' || ${block} || lpad(n::text, 5, '0') AS payload) p
     ORDER BY w, n
    ON CONFLICT (iccid) DO NOTHING`);

  // Device n holds SIM n (n <= 1800); its number comes back out of the SIM's ICCID.
  const kinds = `'{Tracker,Meter,Sensor,Gateway,Pump,Locker}'::text[]`;
  await db.execute(sql`INSERT INTO endpoints (workspace_id, name, status, imei, ip_address, sim_id, service_policy_id, coverage_policy_id, created_at, updated_at)
    SELECT s.workspace_id,
           (${sql.raw(kinds)})[1 + d.n % 6] || ' ' || lpad(d.n::text, 4, '0'),
           (CASE WHEN d.n % 25 = 0 THEN 'DISABLED' ELSE 'ENABLED' END)::endpoint_status,
           d.imei || ${luhn(sql.raw('d.imei'), 14)},
           ('10.' || (d.n / 65536) % 256 || '.' || (d.n / 256) % 256 || '.' || d.n % 256)::inet,
           CASE WHEN d.n <= ${DEMO_FLEET.inDevices} THEN s.id END,
           (SELECT id FROM service_policies sp WHERE sp.workspace_id = s.workspace_id
               AND sp.name = CASE WHEN d.n % 3 = 0 THEN 'Telemetry lite' ELSE 'Standard data' END),
           (SELECT id FROM coverage_policies cp WHERE cp.workspace_id = s.workspace_id
               AND cp.name = CASE WHEN d.n % 4 = 0 THEN 'Global' ELSE 'Europe' END),
           s.created_at, s.created_at
      FROM sims s
     CROSS JOIN LATERAL (SELECT substr(s.iccid, 14, 5)::int AS n) k
     CROSS JOIN LATERAL (SELECT k.n, '3529' || substr(s.imsi, 6, 4) || lpad(k.n::text, 6, '0') AS imei) d
     WHERE s.workspace_id = ANY (${targets}) AND k.n <= ${DEMO_FLEET.devices}
     -- Inserted last-first, so "newest first" lists open on devices that hold SIMs and report usage.
     ORDER BY s.workspace_id, k.n DESC`);

  await db.execute(sql`INSERT INTO endpoint_tags (workspace_id, endpoint_id, tag)
    SELECT e.workspace_id, e.id, t.tag
      FROM endpoints e
     CROSS JOIN LATERAL (SELECT right(e.name, 4)::int AS n) k
     CROSS JOIN LATERAL unnest(ARRAY[
           ('{north,south,east,west}'::text[])[1 + k.n % 4],
           CASE k.n % 3 WHEN 0 THEN 'cold-chain' WHEN 1 THEN 'pilot' END,
           CASE WHEN k.n % 10 = 0 THEN 'priority' END]) AS t(tag)
     WHERE e.workspace_id = ANY (${targets}) AND t.tag IS NOT NULL`);

  // 90 days up to today for every SIM in service; a per-SIM profile makes some SIMs chattier than others.
  await db.execute(sql`INSERT INTO sim_daily_usage (workspace_id, sim_id, day, bytes_up, bytes_down, sms_sent, sms_received, cost)
    SELECT workspace_id, sim_id, day, bytes_up, bytes_down, sms_sent, sms_received,
           round((bytes_up + bytes_down) / 1048576.0 * 0.0025 + sms_sent * 0.05, 4)
      FROM (SELECT s.workspace_id, s.id AS sim_id, (now() AT TIME ZONE 'UTC')::date - ago AS day,
                   (random() * 4 * p.scale * 1048576)::bigint AS bytes_up,
                   (random() * 16 * p.scale * 1048576)::bigint AS bytes_down,
                   (random() * 3)::int AS sms_sent,
                   (random() * 2)::int AS sms_received
              FROM sims s
             CROSS JOIN LATERAL (SELECT 0.2 + (substr(s.iccid, 18, 1)::int) / 5.0 AS scale) p
             CROSS JOIN generate_series(0, ${DEMO_FLEET.usageDays - 1}) AS ago
             WHERE s.workspace_id = ANY (${targets}) AND s.status IN ('ACTIVATED', 'SUSPENDED')) generated`);

  await rebuildDailyRollup(
    db,
    fresh.map((w) => w.id),
  );
  return queryRows<SeededFleet>(
    db,
    sql`SELECT w AS "workspaceId",
               (SELECT count(*)::int FROM sims WHERE workspace_id = w) AS sims,
               (SELECT count(*)::int FROM endpoints WHERE workspace_id = w) AS devices,
               (SELECT count(*)::int FROM sim_daily_usage WHERE workspace_id = w) AS "usageRows"
          FROM unnest(${targets}) AS w`,
  );
}

/** A uuid[] parameter (as a Postgres array literal: both drivers pass it the same way). */
const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * SQL for the Luhn check digit of a digit-string expression of known length: from the right, every
 * second digit starting with the rightmost is doubled (minus 9 above 9), and the check digit tops
 * the sum up to a multiple of 10.
 */
function luhn(payload: SQL, length: number): SQL {
  const n = sql.raw(String(length));
  return sql`(SELECT ((10 - sum(CASE WHEN (${n} - i) % 2 = 0
                                  THEN (substr(${payload}, i, 1)::int * 2) % 10 + (substr(${payload}, i, 1)::int * 2) / 10
                                  ELSE substr(${payload}, i, 1)::int END) % 10) % 10)::text
                FROM generate_series(1, ${n}) AS i)`;
}
