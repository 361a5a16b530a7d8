import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { acceptInvitation, signIn, switchWorkspace } from './service';

export const identityResolvers: Resolvers = {
  Mutation: {
    signIn: (_, input, ctx) => signIn({ ctx, input }),
    switchWorkspace: (_, input, ctx) => switchWorkspace({ ctx, input }),
    acceptInvitation: (_, input, ctx) => acceptInvitation({ ctx, input }),
  },
};
