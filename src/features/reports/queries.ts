import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows';
import type { Database } from '../../db/schema-types';
import type { DateRange } from './range';

/** One day of usage as reports return it. Cost is exact (decimal string) and converted once, at the edge. */
export interface DailyUsageModel {
  date: string;
  bytesUp: number;
  bytesDown: number;
  smsSent: number;
  smsReceived: number;
  /** Decimal string in the Workspace's currency, 4 decimals. */
  costDecimal: string;
}

export interface CurrencyTotalModel extends Omit<DailyUsageModel, 'date'> {
  currency: string;
}

export interface WorkspaceStatsModel {
  workspaceId: string;
  currency: string;
  days: DailyUsageModel[];
}

export interface WorkspaceStatsReportModel extends DateRange {
  workspaces: WorkspaceStatsModel[];
  totals: CurrencyTotalModel[];
}

interface ReportRow {
  kind: 'day' | 'total';
  workspace_id: string | null;
  currency: string;
  /** JSON: a Workspace's days as [date, bytesUp, bytesDown, smsSent, smsReceived, "cost"] arrays, or a total's one array. */
  data: string;
}

type Figures = [number, number, number, number, string];

/**
 * The centralized report in ONE statement for every requested Workspace: the per-Workspace daily
 * rollup (maintained with every usage ingest), zero-filled with generate_series, plus totals per
 * currency summed in numeric (never across currencies, never in floating point; cost travels as
 * text). Each Workspace's days come back as one JSON array (ascending), which both drivers decode far
 * faster than thousands of rows. Workspaces in the order given, currencies alphabetically.
 */
export function dailyStatsQuery(workspaceIds: readonly string[], range: DateRange) {
  const ids = `{${workspaceIds.join(',')}}`;
  return sql`WITH requested AS (
      SELECT r.id AS workspace_id, r.ord, o.currency
        FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS r(id, ord)
        JOIN workspaces w ON w.id = r.id
        JOIN organizations o ON o.id = w.organization_id
    ),
    usage AS (
      SELECT u.workspace_id, u.day, u.bytes_up, u.bytes_down, u.sms_sent, u.sms_received, u.cost
        FROM workspace_daily_usage u
       WHERE u.workspace_id = ANY (${ids}::uuid[]) AND u.day BETWEEN ${range.startDate}::date AND ${range.endDate}::date
    ),
    grid AS (
      SELECT q.ord, q.workspace_id, q.currency, d.day::date AS day,
             coalesce(u.bytes_up, 0) AS bytes_up, coalesce(u.bytes_down, 0) AS bytes_down,
             coalesce(u.sms_sent, 0) AS sms_sent, coalesce(u.sms_received, 0) AS sms_received,
             coalesce(u.cost, 0)::numeric(18, 4) AS cost
        FROM requested q
       CROSS JOIN generate_series(${range.startDate}::date::timestamp, ${range.endDate}::date::timestamp, interval '1 day') AS d(day)
        LEFT JOIN usage u ON u.workspace_id = q.workspace_id AND u.day = d.day::date
    )
    SELECT kind, workspace_id, currency, data FROM (
      SELECT 'day' AS kind, ord, workspace_id::text AS workspace_id, currency,
             json_agg(json_build_array(day::text, bytes_up, bytes_down, sms_sent, sms_received, cost::text) ORDER BY day)::text AS data
        FROM grid GROUP BY ord, workspace_id, currency
      UNION ALL
      SELECT 'total', NULL, NULL, currency,
             json_build_array(sum(bytes_up), sum(bytes_down), sum(sms_sent), sum(sms_received), sum(cost)::numeric(20, 4)::text)::text
        FROM grid GROUP BY currency
    ) report
    ORDER BY kind, ord, currency`;
}

/** Runs dailyStatsQuery and shapes its rows. */
export async function loadDailyStats(db: Database, workspaceIds: readonly string[], range: DateRange): Promise<WorkspaceStatsReportModel> {
  const rows = await queryRows<ReportRow>(db, dailyStatsQuery(workspaceIds, range));
  const workspaces: WorkspaceStatsModel[] = [];
  const totals: CurrencyTotalModel[] = [];
  for (const row of rows) {
    if (row.kind === 'total') {
      totals.push({ currency: row.currency, ...figures(JSON.parse(row.data) as Figures) });
      continue;
    }
    const days = (JSON.parse(row.data) as [string, ...Figures][]).map(([date, ...rest]) => ({ date, ...figures(rest) }));
    workspaces.push({ workspaceId: row.workspace_id ?? '', currency: row.currency, days });
  }
  return { ...range, workspaces, totals };
}

const figures = ([bytesUp, bytesDown, smsSent, smsReceived, costDecimal]: Figures) => ({
  bytesUp,
  bytesDown,
  smsSent,
  smsReceived,
  costDecimal,
});

export interface SimDaysKey {
  workspaceId: string;
  simId: string;
  startDate: string;
  endDate: string;
}

/**
 * Daily usage of several SIMs of one Workspace over one range, zero-filled, in one statement (the
 * device page's chart; batched by a per-request loader).
 */
export async function loadSimDailyUsage(
  db: Database,
  workspaceId: string,
  simIds: readonly string[],
  range: DateRange,
): Promise<Map<string, DailyUsageModel[]>> {
  const ids = `{${simIds.join(',')}}`;
  const rows = await queryRows<{
    sim_id: string;
    day: string;
    bytes_up: number;
    bytes_down: number;
    sms_sent: number;
    sms_received: number;
    cost: string;
  }>(
    db,
    sql`SELECT k.sim_id::text AS sim_id, d.day::date::text AS day,
               coalesce(u.bytes_up, 0)::float8 AS bytes_up, coalesce(u.bytes_down, 0)::float8 AS bytes_down,
               coalesce(u.sms_sent, 0)::float8 AS sms_sent, coalesce(u.sms_received, 0)::float8 AS sms_received,
               coalesce(u.cost, 0)::numeric(14, 4)::text AS cost
          FROM unnest(${ids}::uuid[]) AS k(sim_id)
         CROSS JOIN generate_series(${range.startDate}::date::timestamp, ${range.endDate}::date::timestamp, interval '1 day') AS d(day)
          LEFT JOIN sim_daily_usage u ON u.workspace_id = ${workspaceId}::uuid AND u.sim_id = k.sim_id AND u.day = d.day::date
         ORDER BY k.sim_id, d.day`,
  );
  const bySim = new Map<string, DailyUsageModel[]>();
  for (const row of rows) {
    const days = bySim.get(row.sim_id) ?? [];
    days.push({
      date: row.day,
      bytesUp: Number(row.bytes_up),
      bytesDown: Number(row.bytes_down),
      smsSent: Number(row.sms_sent),
      smsReceived: Number(row.sms_received),
      costDecimal: row.cost,
    });
    bySim.set(row.sim_id, days);
  }
  return bySim;
}
