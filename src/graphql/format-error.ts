import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { AppError } from '../errors';

/**
 * The one place errors become what clients see. AppErrors keep their code and field; GraphQL's own
 * parse/validation/limit errors become BAD_USER_INPUT; anything else is logged with the request id
 * and replaced by a generic message (no stack traces, no SQL, no internals).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, requestId: string): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    const extensions: Record<string, unknown> = { code: original.code };
    if (original.field) extensions.field = original.field;
    if (original.retryAfter !== undefined) extensions.retryAfter = original.retryAfter;
    return { message: original.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  if (original instanceof GraphQLError && !original.originalError) {
    // Raised by graphql-js or a validation rule: about the document or variables, never internal.
    const code = formatted.extensions?.code === 'RATE_LIMITED' ? 'RATE_LIMITED' : 'BAD_USER_INPUT';
    return { message: formatted.message, locations: formatted.locations, extensions: { code } };
  }
  console.error(`[graphql] request ${requestId} failed:`, original);
  return {
    message: `Internal server error (request id ${requestId}).`,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
  };
}
