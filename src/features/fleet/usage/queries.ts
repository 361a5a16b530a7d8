import { and, inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../../db/rows';
import { simDailyUsage } from '../../../db/schema';
import type { Database } from '../../../db/schema-types';

/** A SIM's usage over a date range. */
export interface UsageTotals {
  bytesUp: number;
  bytesDown: number;
  smsSent: number;
  smsReceived: number;
  cost: number;
}

/** The usage totals of several SIMs of any of the Workspaces over one date range (the loader's batch), one row per SIM with usage. */
export async function usageTotalsOfSims(
  db: Database,
  workspaceIds: readonly string[],
  simIds: readonly string[],
  range: { startDate: string; endDate: string },
): Promise<(UsageTotals & { workspaceId: string; simId: string })[]> {
  return db
    .select({
      workspaceId: simDailyUsage.workspaceId,
      simId: simDailyUsage.simId,
      bytesUp: sql<number>`sum(${simDailyUsage.bytesUp})::float8`,
      bytesDown: sql<number>`sum(${simDailyUsage.bytesDown})::float8`,
      smsSent: sql<number>`sum(${simDailyUsage.smsSent})::int`,
      smsReceived: sql<number>`sum(${simDailyUsage.smsReceived})::int`,
      cost: sql<number>`sum(${simDailyUsage.cost})::float8`,
    })
    .from(simDailyUsage)
    .where(
      and(
        inArray(simDailyUsage.workspaceId, [...workspaceIds]),
        inArray(simDailyUsage.simId, [...simIds]),
        sql`${simDailyUsage.day} BETWEEN ${range.startDate}::date AND ${range.endDate}::date`,
      ),
    )
    .groupBy(simDailyUsage.workspaceId, simDailyUsage.simId);
}

/** One record as stored: the ICCID still to be resolved to its SIM (and so to its Workspace). */
export interface UsageRow {
  iccid: string;
  day: string;
  bytes_up: number;
  bytes_down: number;
  sms_sent: number;
  sms_received: number;
  cost: number;
}

/** Serializes ingests: each one's "previous figures" are then exact, so the rollup stays equal to the raw sum. */
const USAGE_INGEST_LOCK = 774_201_003;

export async function lockUsageIngest(db: Database): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${USAGE_INGEST_LOCK})`);
}

/** The distinct ICCIDs among `iccids` that no Workspace has registered. */
export async function unknownIccids(db: Database, iccids: readonly string[]): Promise<string[]> {
  const rows = await queryRows<{ iccid: string }>(
    db,
    sql`SELECT DISTINCT i.iccid FROM jsonb_array_elements_text(${JSON.stringify(iccids)}::jsonb) AS i(iccid)
        WHERE NOT EXISTS (SELECT 1 FROM sims s WHERE s.iccid = i.iccid) ORDER BY i.iccid`,
  );
  return rows.map((r) => r.iccid);
}

export interface StoredUsage {
  workspace_id: string;
  rows: number;
  first_day: string;
  last_day: string;
}

/**
 * Upserts the records into sim_daily_usage and moves workspace_daily_usage by the difference (new
 * figures minus the replaced ones), in ONE set-based statement. The records are one jsonb parameter
 * expanded with jsonb_to_recordset. Returns the rows stored per Workspace.
 */
export async function upsertUsage(db: Database, records: readonly UsageRow[]): Promise<StoredUsage[]> {
  return queryRows<StoredUsage>(
    db,
    sql`WITH input AS (
      SELECT r.iccid, r.day, r.bytes_up, r.bytes_down, r.sms_sent, r.sms_received, round(r.cost, 4) AS cost
        FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
          AS r(iccid text, day date, bytes_up bigint, bytes_down bigint, sms_sent integer, sms_received integer, cost numeric)
    ),
    resolved AS (
      SELECT s.workspace_id, s.id AS sim_id, i.day, i.bytes_up, i.bytes_down, i.sms_sent, i.sms_received, i.cost
        FROM input i JOIN sims s ON s.iccid = i.iccid
    ),
    previous AS (
      SELECT u.workspace_id, u.day, u.bytes_up, u.bytes_down, u.sms_sent, u.sms_received, u.cost
        FROM sim_daily_usage u
        JOIN resolved r ON u.workspace_id = r.workspace_id AND u.sim_id = r.sim_id AND u.day = r.day
    ),
    stored AS (
      INSERT INTO sim_daily_usage AS u (workspace_id, sim_id, day, bytes_up, bytes_down, sms_sent, sms_received, cost)
      SELECT workspace_id, sim_id, day, bytes_up, bytes_down, sms_sent, sms_received, cost FROM resolved
      ON CONFLICT (workspace_id, sim_id, day) DO UPDATE SET
        bytes_up = excluded.bytes_up, bytes_down = excluded.bytes_down, sms_sent = excluded.sms_sent,
        sms_received = excluded.sms_received, cost = excluded.cost
      RETURNING u.workspace_id, u.day, u.bytes_up, u.bytes_down, u.sms_sent, u.sms_received, u.cost
    ),
    delta AS (
      SELECT workspace_id, day, sum(bytes_up) AS bytes_up, sum(bytes_down) AS bytes_down, sum(sms_sent) AS sms_sent,
             sum(sms_received) AS sms_received, sum(cost) AS cost
        FROM (
          SELECT workspace_id, day, bytes_up, bytes_down, sms_sent, sms_received, cost FROM stored
          UNION ALL
          SELECT workspace_id, day, -bytes_up, -bytes_down, -sms_sent, -sms_received, -cost FROM previous
        ) changes
       GROUP BY workspace_id, day
    ),
    rollup AS (
      INSERT INTO workspace_daily_usage AS w (workspace_id, day, bytes_up, bytes_down, sms_sent, sms_received, cost)
      SELECT workspace_id, day, bytes_up, bytes_down, sms_sent, sms_received, cost FROM delta
      ON CONFLICT (workspace_id, day) DO UPDATE SET
        bytes_up = w.bytes_up + excluded.bytes_up, bytes_down = w.bytes_down + excluded.bytes_down,
        sms_sent = w.sms_sent + excluded.sms_sent, sms_received = w.sms_received + excluded.sms_received,
        cost = w.cost + excluded.cost
    )
    SELECT workspace_id, count(*)::int AS rows, min(day)::text AS first_day, max(day)::text AS last_day
      FROM stored GROUP BY workspace_id ORDER BY workspace_id`,
  );
}

/**
 * Recomputes the rollup of the given Workspaces from the raw rows (used after bulk loads such as the
 * demo seed, which write sim_daily_usage directly).
 */
export async function rebuildDailyRollup(db: Database, workspaceIds: readonly string[]): Promise<void> {
  const ids = `{${workspaceIds.join(',')}}`;
  await db.execute(sql`DELETE FROM workspace_daily_usage WHERE workspace_id = ANY (${ids}::uuid[])`);
  await db.execute(sql`INSERT INTO workspace_daily_usage (workspace_id, day, bytes_up, bytes_down, sms_sent, sms_received, cost)
    SELECT workspace_id, day, sum(bytes_up), sum(bytes_down), sum(sms_sent), sum(sms_received), sum(cost)
      FROM sim_daily_usage WHERE workspace_id = ANY (${ids}::uuid[])
     GROUP BY workspace_id, day`);
}
