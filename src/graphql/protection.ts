import type { ApolloServerPlugin } from '@apollo/server';
import { type FragmentDefinitionNode, GraphQLError, Kind, type SelectionSetNode } from 'graphql';
import { httpStatus } from '../errors';
import { operationCost } from '../features/limits/cost';
import type { GraphQLContext } from './context';

/**
 * Refuses an operation costing more than `maxCost` (src/features/limits/cost.ts). graphql-armor's cost
 * rule is a validation rule: it cannot see variables, so `first: $n` would count as 1. This runs once
 * the operation is known, with its variables.
 */
export function costLimit(maxCost: number): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(schema, operation, fragmentsOf(document.definitions), request.variables);
          if (cost > maxCost) {
            throw new GraphQLError(
              `Query cost limit of ${maxCost} exceeded, found ${cost}. Every field counts once per item of the lists around it (a list's size is its \`first\`, default 50): ask for fewer items or fewer nested lists.`,
              { extensions: { code: 'BAD_USER_INPUT', http: { status: httpStatus('BAD_USER_INPUT', 'document') } } },
            );
          }
        },
      };
    },
  };
}

/**
 * Introspection (`__schema`, `__type`) is for authenticated callers: integrators sign in or use a token
 * (the schema is also published as schema.graphql). `__typename` is always allowed.
 */
export function introspectionForViewers(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (contextValue.viewer || !operation) return;
          if (selectsIntrospection(operation.selectionSet, fragmentsOf(document.definitions), new Set())) {
            throw new GraphQLError(
              'Sign in first: introspection is available to authenticated callers (an application token or a session).',
              {
                extensions: { code: 'UNAUTHENTICATED', http: { status: httpStatus('UNAUTHENTICATED', 'document') } },
              },
            );
          }
        },
      };
    },
  };
}

/** graphql-js suggests names ("Did you mean …?"); anonymous callers must not learn the schema that way. */
export function noSuggestionsForAnonymous(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          if (contextValue.viewer) return;
          for (const error of errors) error.message = withoutSuggestions(error.message);
        },
      };
    },
  };
}

export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '').trim();
}

/**
 * RATE_LIMITED answers HTTP 429 (src/errors.ts) with Retry-After, also when a resolver raised it (the
 * sign-in throttle); the longest retryAfter of the errors wins.
 */
export function rateLimitedStatus(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const waits = (response.body.singleResult.errors ?? [])
            .filter((error) => error.extensions?.code === 'RATE_LIMITED')
            .map((error) => Number(error.extensions?.retryAfter ?? 1));
          if (!waits.length) return;
          response.http.status = httpStatus('RATE_LIMITED', 'graphql');
          response.http.headers.set('retry-after', String(Math.max(1, ...waits)));
        },
      };
    },
  };
}

function fragmentsOf(definitions: readonly { kind: Kind }[]): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = definition as FragmentDefinitionNode;
      fragments[fragment.name.value] = fragment;
    }
  }
  return fragments;
}

function selectsIntrospection(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen: Set<string>): boolean {
  return set.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === '__schema' || selection.name.value === '__type';
    if (selection.kind === Kind.INLINE_FRAGMENT) return selectsIntrospection(selection.selectionSet, fragments, seen);
    const fragment = fragments[selection.name.value];
    if (!fragment || seen.has(fragment.name.value)) return false;
    seen.add(fragment.name.value);
    return selectsIntrospection(fragment.selectionSet, fragments, seen);
  });
}
