import { ApolloServer } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLContext } from './context';
import { formatError } from './format-error';
import { resolvers } from './resolvers';
import { loadTypeDefs } from './schema';
import { requestScope } from './request-scope';

/** Query limits: reject abusive documents before they run (graphql-armor). */
export const LIMITS = { maxDepth: 12, maxAliases: 15, maxCost: 20000, maxTokens: 5000, maxDirectives: 10 };

export function createApolloServer(): ApolloServer<GraphQLContext> {
  const armor = new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: LIMITS.maxAliases },
    costLimit: { maxCost: LIMITS.maxCost },
    maxTokens: { n: LIMITS.maxTokens },
    maxDirectives: { n: LIMITS.maxDirectives },
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();
  return new ApolloServer<GraphQLContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    validationRules: protection.validationRules,
    plugins: [...protection.plugins, rollbackOnErrors()],
    // formatError has no access to the context; the request id comes from the request's async scope.
    formatError: (formatted, error) => formatError(formatted, error, requestIdOf()),
  });
}

/** Marks the request as failed so the handler rolls its transaction back: nothing half-done is kept. */
function rollbackOnErrors() {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue }: { contextValue: GraphQLContext }) {
          contextValue.outcome.failed = true;
        },
      };
    },
  };
}

function requestIdOf(): string {
  return requestScope.getStore()?.requestId ?? 'unknown';
}
