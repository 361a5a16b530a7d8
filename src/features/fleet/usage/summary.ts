import { badInput } from '../../../errors';
import type { ServiceContext } from '../../../server/context';
import { NO_USAGE } from '../loaders';
import type { UsageTotals } from './queries';

/** What `Endpoint.usage` and `Sim.usage` return; the currency is resolved from the Workspace. */
export interface UsageSummaryModel extends UsageTotals {
  workspaceId: string;
  startDate: string;
  endDate: string;
}

export const DEFAULT_USAGE_DAYS = 30;
export const MAX_USAGE_DAYS = 731;
const DAY_MS = 86_400_000;

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The date range of a summary: default the last 30 days up to today (UTC); at most two years. */
export function usageRange(
  startDate: string | null | undefined,
  endDate: string | null | undefined,
  today = new Date(),
): { startDate: string; endDate: string } {
  const end = endDate ?? isoDay(today.getTime());
  const start = startDate ?? isoDay(Date.parse(`${end}T00:00:00Z`) - (DEFAULT_USAGE_DAYS - 1) * DAY_MS);
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS + 1;
  if (days < 1) throw badInput('startDate', 'Start date must not be after the end date.');
  if (days > MAX_USAGE_DAYS) throw badInput('startDate', `A usage summary covers at most ${MAX_USAGE_DAYS} days.`);
  return { startDate: start, endDate: end };
}

/** A SIM's usage totals over a range, through the per-request loader (one query per page). */
export async function usageSummary(
  ctx: ServiceContext,
  workspaceId: string,
  simId: string | null,
  range: { startDate?: string | null; endDate?: string | null },
): Promise<UsageSummaryModel> {
  const { startDate, endDate } = usageRange(range.startDate, range.endDate);
  const totals = simId ? await ctx.loaders.fleet.usage.load({ workspaceId, id: simId, startDate, endDate }) : NO_USAGE;
  return { workspaceId, startDate, endDate, ...totals };
}

/** The Workspace's billing currency (its organization's). */
export async function workspaceCurrency(ctx: ServiceContext, workspaceId: string): Promise<string> {
  const workspace = await ctx.loaders.workspace.load(workspaceId);
  const organization = workspace ? await ctx.loaders.organization.load(workspace.organizationId) : null;
  if (!organization) throw new Error(`Workspace ${workspaceId} has no organization`);
  return organization.currency;
}
