import type { ServiceContext } from '../server/context';

/** What resolvers get: the service context, plus what only GraphQL execution needs. */
export interface GraphQLContext extends ServiceContext {
  /**
   * Shared with the handler by reference (Apollo shallow-copies the context): set when any error
   * occurred, so the handler rolls the transaction back.
   */
  outcome: { failed: boolean };
}
