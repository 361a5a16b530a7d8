import { noteErrorCode, noteInternalError } from './server/request-log';

/** The closed set of error codes clients see in `extensions.code` (docs/api.md, "Errors"). */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'LIMIT_EXCEEDED' | 'RATE_LIMITED';

/**
 * Marks AppErrors across copies of this module. `next build` bundles a module once per entry (the
 * instrumentation hook, each route), and process-wide objects made by one copy (the Apollo server,
 * the limits) meet errors made by another: `instanceof` then fails and an AppError is reported as
 * internal. Symbol.for gives every copy the same key; isAppError checks it.
 */
const APP_ERROR: unique symbol = Symbol.for('portal.AppError');

/** An error meant for the client: its message is safe to show. Anything else is reported as internal. */
export class AppError extends Error {
  readonly [APP_ERROR] = true;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** True for an AppError made by any copy of this module (use it instead of `instanceof AppError`). */
export function isAppError(value: unknown): value is AppError {
  return value instanceof Error && (value as Partial<Record<typeof APP_ERROR, unknown>>)[APP_ERROR] === true;
}

export const unauthenticated = (message = 'Sign in first.') => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'Your role does not allow this.') => new AppError('FORBIDDEN', message);
/** NOT_FOUND names the argument too, so clients know which id was unknown (or invisible: same answer). */
export const notFound = (what: string, field?: string) => new AppError('NOT_FOUND', `${what} not found.`, field);
export const badInput = (field: string, message: string) => new AppError('BAD_USER_INPUT', message, field);
export const conflict = (message: string, field?: string) => new AppError('CONFLICT', message, field);
export const limitExceeded = (message: string) => new AppError('LIMIT_EXCEEDED', message);

/*
 * How each code reaches the client, decided here once and used by every writer of errors: the GraphQL
 * error formatter, the GraphQL handler and its plugins, and the plain routes (CSV, invoices).
 *
 * - `route`: the HTTP status of a plain route's answer.
 * - `graphql`: a GraphQL response carries its errors in the body and answers 200 (GraphQL over HTTP),
 *   except for the two codes that refuse the whole request: UNAUTHENTICATED (401) and RATE_LIMITED
 *   (429 with Retry-After).
 * - `document`: an operation refused before it runs (parse and validation errors, query limits,
 *   anonymous introspection) answers like graphql-js's own validation errors: BAD_USER_INPUT is 400.
 */
const HTTP: Record<ErrorCode, Record<Transport, number>> = {
  UNAUTHENTICATED: { route: 401, graphql: 401, document: 401 },
  FORBIDDEN: { route: 403, graphql: 200, document: 200 },
  NOT_FOUND: { route: 404, graphql: 200, document: 200 },
  BAD_USER_INPUT: { route: 400, graphql: 200, document: 400 },
  CONFLICT: { route: 409, graphql: 200, document: 200 },
  LIMIT_EXCEEDED: { route: 403, graphql: 200, document: 200 },
  RATE_LIMITED: { route: 429, graphql: 429, document: 429 },
};

/** Which writer answers: a plain HTTP route, a GraphQL response, or a GraphQL document refused before it ran. */
export type Transport = 'route' | 'graphql' | 'document';

export function httpStatus(code: ErrorCode, transport: Transport): number {
  return HTTP[code][transport];
}

/** `extensions` of an error as clients see it: the code, the offending field, seconds to wait. */
export interface ErrorExtensions {
  code: ErrorCode | 'INTERNAL_SERVER_ERROR';
  field?: string;
  retryAfter?: number;
  requestId?: string;
}

export function errorExtensions(error: AppError): ErrorExtensions {
  const extensions: ErrorExtensions = { code: error.code };
  if (error.field) extensions.field = error.field;
  if (error.retryAfter !== undefined) extensions.retryAfter = error.retryAfter;
  return extensions;
}

/**
 * What the client learns of an unexpected error: nothing but the request id to quote. The error itself
 * goes on the request's log line (src/server/request-log.ts), under the same request id.
 */
export function internalError(error: unknown, requestId: string): { message: string; extensions: ErrorExtensions } {
  noteInternalError(error, requestId);
  return { message: `Internal server error (request id ${requestId}).`, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } };
}

/** A whole HTTP answer for an error raised outside GraphQL execution: `{ errors: [...] }` under the code's status. */
export function errorResponse(error: unknown, requestId: string, transport: Transport): Response {
  const headers = new Headers({
    'content-type': 'application/json; charset=utf-8',
    'x-request-id': requestId,
    'cache-control': 'no-store',
  });
  if (!isAppError(error)) {
    return new Response(JSON.stringify({ errors: [internalError(error, requestId)] }), { status: 500, headers });
  }
  noteErrorCode(error.code);
  if (error.code === 'RATE_LIMITED') headers.set('retry-after', String(error.retryAfter ?? 1));
  const body = { errors: [{ message: error.message, extensions: errorExtensions(error) }] };
  return new Response(JSON.stringify(body), { status: httpStatus(error.code, transport), headers });
}

/**
 * A request the GraphQL endpoint cannot even parse (not JSON, batched, too large): BAD_USER_INPUT
 * under a 4xx status, since no operation ran.
 */
export function malformedRequest(status: 400 | 413, message: string, requestId: string): Response {
  const headers = { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId, 'cache-control': 'no-store' };
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] }), { status, headers });
}

/** Postgres unique_violation, from either driver. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = findPgError(error);
  return !!e && e.code === '23505' && (!constraint || e.constraint === constraint);
}

interface PgErrorShape {
  code?: string;
  constraint?: string;
}

/** Drizzle wraps driver errors in `cause`; walk down to the Postgres one. */
function findPgError(error: unknown): PgErrorShape | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as PgErrorShape & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids are UUIDs; anything else cannot name an object (checked before it reaches a uuid column). */
export const isUuid = (id: string) => UUID.test(id);
