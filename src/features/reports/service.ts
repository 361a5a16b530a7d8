import { requireViewer } from '../../auth/guard';
import { actsAsOperator, can } from '../../auth/policy';
import { badInput, isUuid, notFound } from '../../errors';
import type { ServiceContext, Verb, Viewer } from '../../server/context';
import { type DailyUsageModel, loadDailyStats, type WorkspaceStatsReportModel } from './queries';
import { type DateRange, reportRange } from './range';

/** A report covers at most this many Workspaces (each adds up to 366 rows). */
export const MAX_REPORT_WORKSPACES = 100;

export interface DailyStatsInput {
  startDate?: string | null;
  endDate?: string | null;
  workspaceIds?: readonly string[] | null;
}

/**
 * The centralized report: usage per day of every requested Workspace the viewer can enter (default:
 * all of them; an application token: its own Workspace only), in each Workspace's currency, with
 * totals per currency. Asking for a Workspace the viewer cannot enter is NOT_FOUND, never a smaller
 * report. Operators (with their own credentials) may name any Workspace.
 */
export const workspaceDailyStats: Verb<DailyStatsInput, WorkspaceStatsReportModel> = async ({ ctx, input }) => {
  const viewer = requireViewer(ctx);
  const workspaceIds = await reportWorkspaces(ctx, viewer, input.workspaceIds);
  const range = reportRange(input.startDate, input.endDate);
  return loadDailyStats(ctx.db, workspaceIds, range);
};

/** The Workspaces a report covers, in the order asked (duplicates dropped), each one checked. */
async function reportWorkspaces(ctx: ServiceContext, viewer: Viewer, requested: readonly string[] | null | undefined): Promise<string[]> {
  const readable = viewer.access.filter((a) => can(a.role, 'reports:read')).map((a) => a.workspaceId);
  const ids = requested ? [...new Set(requested)] : readable;
  if (ids.length > MAX_REPORT_WORKSPACES) {
    throw badInput('workspaceIds', `A report covers at most ${MAX_REPORT_WORKSPACES} Workspaces; name the ones you need in workspaceIds.`);
  }
  if (!requested) return ids;
  const allowed = new Set(readable);
  const operator = actsAsOperator(viewer);
  for (const id of ids) {
    if (allowed.has(id)) continue;
    // Same answer whether the Workspace exists elsewhere or not at all.
    if (!isUuid(id) || !operator || !(await ctx.loaders.workspace.load(id))) throw notFound('Workspace', 'workspaceIds');
  }
  return ids;
}

export interface SimDailyUsageInput {
  /** The Workspace of the device or SIM asking (a row the viewer could already read). */
  workspaceId: string;
  /** Null: a device without a SIM, all zeros. */
  simId: string | null;
  startDate?: string | null;
  endDate?: string | null;
}

/**
 * Zero-filled daily usage of one SIM (a device's current SIM) through the per-request loader. A field
 * of a device or SIM: reading that row was the authorization.
 */
export const simDailyUsage: Verb<SimDailyUsageInput, DailyUsageModel[]> = async ({ ctx, input }) => {
  const range = reportRange(input.startDate, input.endDate);
  if (input.simId) return ctx.loaders.reports.simDays.load({ workspaceId: input.workspaceId, simId: input.simId, ...range });
  return zeroDays(range);
};

/** Every day of a range with no usage. */
export function zeroDays(range: DateRange): DailyUsageModel[] {
  const days: DailyUsageModel[] = [];
  for (let t = Date.parse(`${range.startDate}T00:00:00Z`); t <= Date.parse(`${range.endDate}T00:00:00Z`); t += 86_400_000) {
    days.push({
      date: new Date(t).toISOString().slice(0, 10),
      bytesUp: 0,
      bytesDown: 0,
      smsSent: 0,
      smsReceived: 0,
      costDecimal: '0.0000',
    });
  }
  return days;
}
