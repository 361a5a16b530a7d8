import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { createApplicationToken, listApplicationTokens, revokeApplicationToken, tokenStatus } from './service';

export const tokenResolvers: Resolvers = {
  Query: {
    applicationTokens: (_, input, ctx) => listApplicationTokens({ ctx, input }),
  },
  Mutation: {
    createApplicationToken: (_, input, ctx) => createApplicationToken({ ctx, input }),
    revokeApplicationToken: (_, input, ctx) => revokeApplicationToken({ ctx, input }),
  },
  ApplicationToken: {
    createdBy: async (token, _, ctx) => {
      const user = await ctx.loaders.user.load(token.createdBy);
      if (!user) throw new Error(`User ${token.createdBy} vanished`);
      return user;
    },
    status: (token) => tokenStatus(token),
  },
};
