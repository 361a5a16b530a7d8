import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { type ErrorCode, errorExtensions, internalError, isAppError } from '../errors';
import { noteErrorCode } from '../server/request-log';

/** Codes a plugin may raise itself (introspection: UNAUTHENTICATED); any other document error is BAD_USER_INPUT. */
const KEPT_CODES: readonly ErrorCode[] = ['UNAUTHENTICATED', 'RATE_LIMITED', 'BAD_USER_INPUT'];

/**
 * Errors inside a GraphQL response. AppErrors keep their code and field (src/errors.ts); GraphQL's own
 * parse/validation/limit errors become BAD_USER_INPUT; anything else goes on the request's log line
 * (under the request id the client is shown) and is replaced by a generic message (no stack traces, no SQL, no internals).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, requestId: string): GraphQLFormattedError {
  const original = appErrorOf(error);
  if (isAppError(original)) {
    noteErrorCode(original.code);
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { ...errorExtensions(original) },
    };
  }
  if (original instanceof GraphQLError && (!original.originalError || original.originalError instanceof GraphQLError)) {
    // Raised by graphql-js, a validation rule or a limit (Apollo wraps those, keeping graphql-js's error
    // as originalError): about the document or variables, never internal.
    const raised = formatted.extensions?.code;
    const code = KEPT_CODES.find((kept) => kept === raised) ?? 'BAD_USER_INPUT';
    noteErrorCode(code);
    return { message: limitMessage(formatted.message), locations: formatted.locations, extensions: { code } };
  }
  const hidden = internalError(original, requestId);
  return { message: hidden.message, path: formatted.path, extensions: { ...hidden.extensions } };
}

/** A resolver's error, or an AppError thrown by a plugin (wrapped by Apollo without a path). */
function appErrorOf(error: unknown): unknown {
  const original = unwrapResolverError(error);
  if (original instanceof GraphQLError && isAppError(original.originalError)) return original.originalError;
  return original;
}

/** graphql-armor words its limits as syntax errors ("Syntax Error: Query depth limit of 12 exceeded…"): they are not. */
function limitMessage(message: string): string {
  const limit = /^Syntax Error: ((?:Query depth|Aliases|Directives) limit of \d+ exceeded.*)$/.exec(message);
  if (limit?.[1]) return `${limit[1]} See the limits in docs/api.md.`;
  const tokens = /^Syntax Error: Document contains more that (\d+) tokens/.exec(message);
  if (tokens?.[1]) return `Token limit of ${tokens[1]} exceeded: the document is too long. See the limits in docs/api.md.`;
  // graphql-js gives up on documents too costly to validate (thousands of fields of one name in one selection).
  if (message === 'Validation aborted.')
    return 'The document is too complex to validate: split it into smaller operations. See the limits in docs/api.md.';
  return message;
}
