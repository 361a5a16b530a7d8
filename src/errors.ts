/** The closed set of error codes clients see in `extensions.code` (CONTRACT.md). */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'LIMIT_EXCEEDED' | 'RATE_LIMITED';

/** An error meant for the client: its message is safe to show. Anything else is reported as internal. */
export class AppError extends Error {
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

export const unauthenticated = (message = 'Sign in first.') => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'Your role does not allow this.') => new AppError('FORBIDDEN', message);
/** NOT_FOUND names the argument too, so clients know which id was unknown (or invisible: same answer). */
export const notFound = (what: string, field?: string) => new AppError('NOT_FOUND', `${what} not found.`, field);
export const badInput = (field: string, message: string) => new AppError('BAD_USER_INPUT', message, field);
export const conflict = (message: string, field?: string) => new AppError('CONFLICT', message, field);
export const limitExceeded = (message: string) => new AppError('LIMIT_EXCEEDED', message);

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
