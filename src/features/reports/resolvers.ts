import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { simDailyUsage, workspaceDailyStats } from './service';
import { statsWorkspace } from './workspace';

export const reportResolvers: Resolvers = {
  Query: {
    workspaceDailyStats: (_, input, ctx) => workspaceDailyStats({ ctx, input }),
  },
  WorkspaceStats: {
    workspace: (stats, _, ctx) => statsWorkspace(ctx, stats.workspaceId),
  },
  DailyUsage: {
    cost: (day) => Number(day.costDecimal),
  },
  CurrencyTotal: {
    cost: (total) => Number(total.costDecimal),
  },
  Endpoint: {
    dailyUsage: (endpoint, range, ctx) =>
      simDailyUsage({ ctx, input: { workspaceId: endpoint.workspaceId, simId: endpoint.simId, ...range } }),
  },
  Sim: {
    dailyUsage: (sim, range, ctx) => simDailyUsage({ ctx, input: { workspaceId: sim.workspaceId, simId: sim.id, ...range } }),
  },
};
