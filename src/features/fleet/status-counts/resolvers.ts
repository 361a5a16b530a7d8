import type { Resolvers } from '../../../graphql/generated/resolvers-types';
import { endpointStatusCounts, simStatusCounts } from './service';

export const statusCountResolvers: Resolvers = {
  Query: {
    simStatusCounts: (_, input, ctx) => simStatusCounts({ ctx, input }),
    endpointStatusCounts: (_, input, ctx) => endpointStatusCounts({ ctx, input }),
  },
};
