import { requireViewer } from '../../auth/guard';
import { runPipeline } from '../../server/pipeline';
import type { Runtime } from '../../server/runtime';
import { streamText } from '../../server/stream';
import type { Limits } from '../limits/limits';
import type { WorkspaceStatsReportModel } from './queries';
import { validDate } from './range';
import { type DailyStatsInput, workspaceDailyStats } from './service';

export const DAILY_CSV_COLUMNS = [
  'workspace_id',
  'workspace_name',
  'currency',
  'date',
  'bytes_up',
  'bytes_down',
  'sms_sent',
  'sms_received',
  'cost',
] as const;

/**
 * GET /api/reports/daily.csv?startDate=&endDate=&workspaceIds=: the centralized report as CSV, one
 * row per Workspace and day (zeros included), cost as an exact decimal in the Workspace's currency
 * (the `currency` column; never summed across currencies). Same authorization, defaults and errors as
 * the `workspaceDailyStats` query. `workspaceIds` is comma-separated or repeated.
 * The rows are read in the request's transaction (at most 366 days x 100 Workspaces), then the CSV
 * text is produced lazily as the client reads the stream.
 */
export async function handleDailyCsv(request: Request, runtime: Runtime, options: { limits?: Limits } = {}): Promise<Response> {
  return runPipeline(request, runtime, { transport: 'route', limits: options.limits }, async (ctx) => {
    requireViewer(ctx);
    const report = await workspaceDailyStats({ ctx, input: readParams(new URL(request.url).searchParams) });
    const rows = await ctx.loaders.workspace.loadMany(report.workspaces.map((w) => w.workspaceId));
    const names = new Map(rows.flatMap((r) => (r && !(r instanceof Error) ? [[r.id, r.name] as const] : [])));
    const headers = {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="daily-usage-${report.startDate}-to-${report.endDate}.csv"`,
      'cache-control': 'no-store',
    };
    return { response: new Response(streamText(dailyCsv(report, names)), { status: 200, headers }), commit: true };
  });
}

function readParams(params: URLSearchParams): DailyStatsInput {
  const date = (name: 'startDate' | 'endDate') => {
    const value = params.get(name)?.trim();
    return value ? validDate(name, value) : null;
  };
  const ids = params
    .getAll('workspaceIds')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return { startDate: date('startDate'), endDate: date('endDate'), workspaceIds: ids.length ? ids : null };
}

/** The CSV lines, generated one Workspace-day at a time. */
export function* dailyCsv(report: WorkspaceStatsReportModel, names: ReadonlyMap<string, string>): Generator<string> {
  yield `${DAILY_CSV_COLUMNS.join(',')}\r\n`;
  for (const ws of report.workspaces) {
    const name = csvField(names.get(ws.workspaceId) ?? '');
    for (const d of ws.days) {
      yield `${ws.workspaceId},${name},${ws.currency},${d.date},${d.bytesUp},${d.bytesDown},${d.smsSent},${d.smsReceived},${d.costDecimal}\r\n`;
    }
  }
}

/**
 * Quotes a text field (RFC 4180) and defuses spreadsheet formulas: a value starting with = + - @ or a
 * control character is prefixed with an apostrophe.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}
