import { operation } from './client';
import { DAILY_FIELDS, type DailyUsagePoint } from './fleet';

export interface CurrencyTotalItem {
  currency: string;
  bytesUp: number;
  bytesDown: number;
  smsSent: number;
  smsReceived: number;
  cost: number;
  costDecimal: string;
}

export interface WorkspaceStatsItem {
  workspace: { id: string; name: string };
  currency: string;
  days: DailyUsagePoint[];
}

export interface DailyStatsData {
  workspaceDailyStats: {
    startDate: string;
    endDate: string;
    workspaces: WorkspaceStatsItem[];
    totals: CurrencyTotalItem[];
  };
}

export const WORKSPACE_DAILY_STATS = operation<DailyStatsData, { startDate: string; endDate: string; workspaceIds: string[] }>(`
query WorkspaceDailyStats($startDate: Date, $endDate: Date, $workspaceIds: [ID!]) {
  workspaceDailyStats(startDate: $startDate, endDate: $endDate, workspaceIds: $workspaceIds) {
    startDate endDate
    workspaces { workspace { id name } currency days { ${DAILY_FIELDS} } }
    totals { currency bytesUp bytesDown smsSent smsReceived cost costDecimal }
  }
}`);
