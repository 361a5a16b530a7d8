import DataLoader from 'dataloader';
import type { Database } from '../../db/schema-types';
import { type DailyUsageModel, loadSimDailyUsage, type SimDaysKey } from './queries';

/** Per-request batch loaders of the reports feature. */
export interface ReportLoaders {
  /** A SIM's zero-filled daily usage over a range: one query per Workspace and range, whatever the page size. */
  simDays: DataLoader<SimDaysKey, DailyUsageModel[], string>;
}

const keyOf = (k: SimDaysKey) => `${k.workspaceId}/${k.simId}/${k.startDate}/${k.endDate}`;

export function createReportLoaders(db: Database): ReportLoaders {
  return {
    simDays: new DataLoader(
      async (keys) => {
        const groups = new Map<string, SimDaysKey[]>();
        for (const k of keys) {
          const group = `${k.workspaceId}/${k.startDate}/${k.endDate}`;
          groups.set(group, [...(groups.get(group) ?? []), k]);
        }
        const found = new Map<string, DailyUsageModel[]>();
        for (const group of groups.values()) {
          const { workspaceId, startDate, endDate } = group[0] as SimDaysKey;
          const bySim = await loadSimDailyUsage(db, workspaceId, [...new Set(group.map((k) => k.simId))], { startDate, endDate });
          for (const k of group) found.set(keyOf(k), bySim.get(k.simId) ?? []);
        }
        return keys.map((k) => found.get(keyOf(k)) ?? []);
      },
      { cacheKeyFn: keyOf },
    ),
  };
}
