import type { Resolvers } from '../../../graphql/generated/resolvers-types';
import { deleteEndpoints } from './verbs/delete-endpoints';
import { updateEndpoints } from './verbs/update-endpoints';
import { updateSimStatuses } from './verbs/update-sim-statuses';

export const bulkResolvers: Resolvers = {
  Mutation: {
    updateEndpoints: (_, input, ctx) => updateEndpoints({ ctx, input }),
    deleteEndpoints: (_, input, ctx) => deleteEndpoints({ ctx, input }),
    updateSimStatuses: (_, input, ctx) => updateSimStatuses({ ctx, input }),
  },
};
