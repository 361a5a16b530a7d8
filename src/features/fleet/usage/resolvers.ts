import type { Resolvers } from '../../../graphql/generated/resolvers-types';
import { recordUsage } from './service';
import { workspaceCurrency } from './summary';

export const usageResolvers: Resolvers = {
  Mutation: {
    recordUsage: (_, input, ctx) => recordUsage({ ctx, input }),
  },
  UsageSummary: {
    currency: (summary, _, ctx) => workspaceCurrency(ctx, summary.workspaceId),
  },
};
