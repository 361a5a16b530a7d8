import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { noteOperation } from '../server/request-log';
import { requestScope } from '../server/request-scope';
import type { GraphQLContext } from './context';
import { formatError } from './format-error';
import { inputEdge } from './input-edge';
import { costLimit, introspectionForViewers, noSuggestionsForAnonymous, rateLimitedStatus } from './protection';
import { resolvers } from './resolvers';
import { loadTypeDefs } from './schema';

/**
 * Query limits: abusive documents are refused before they run, with BAD_USER_INPUT and a message
 * naming the limit. Depth, aliases and directives: graphql-armor. Tokens: graphql-js's parser. Cost: our
 * own plugin, which sees variables (src/features/limits/cost.ts). Document size (100 KB) and batching:
 * the handler.
 */
export const LIMITS = { maxDepth: 12, maxAliases: 15, maxCost: 20000, maxTokens: 5000, maxDirectives: 10 };

export function createApolloServer(): ApolloServer<GraphQLContext> {
  const armor = new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: LIMITS.maxAliases },
    // graphql-js counts tokens while parsing (parseOptions below): a clean 400, where armor's plugin gives a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: LIMITS.maxDirectives },
    // Replaced by costLimit (variables) and noSuggestionsForAnonymous (depends on the viewer).
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  const protection = armor.protect();
  return new ApolloServer<GraphQLContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
    parseOptions: { maxLexicalTokens: LIMITS.maxTokens },
    // Authenticated callers only: introspectionForViewers refuses anonymous ones.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    validationRules: protection.validationRules,
    plugins: [
      ...protection.plugins,
      costLimit(LIMITS.maxCost),
      inputEdge(),
      introspectionForViewers(),
      noSuggestionsForAnonymous(),
      rateLimitedStatus(),
      rollbackOnErrors(),
      operationNames(),
    ],
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

/**
 * Names the operation in the request's log line and span: the name the client sent at first (kept for
 * documents that never resolve), then the resolved operation's name and type.
 */
function operationNames(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ request }) {
      noteOperation(request.operationName ?? null, null);
      return {
        async didResolveOperation({ operationName, operation }) {
          noteOperation(operationName, operation?.operation ?? null);
        },
      };
    },
  };
}

function requestIdOf(): string {
  return requestScope.getStore()?.requestId ?? 'unknown';
}
