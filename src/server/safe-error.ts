/**
 * Errors as the log may show them. Database errors carry what a log must never print: Drizzle's
 * DrizzleQueryError has the bind parameters in `params` and in its message ("Failed query: …
 * params: …"), PGlite's errors carry `params` too, and PostgreSQL quotes offending values in its
 * messages and details. So nothing is copied wholesale: only known, harmless properties are kept, every
 * string is cut to a bounded prefix, and every bind parameter found anywhere in the `cause` chain is
 * blotted out of every message.
 */

/** No value in a log line is longer than this (query text, messages, stack frames). */
export const MAX_VALUE_LENGTH = 200;
const MAX_DEPTH = 5;
const MAX_FRAMES = 15;
/** Shorter parameters are not blotted out: they would mangle every message without hiding anything. */
const MIN_SECRET_LENGTH = 4;

export interface SafeError {
  type: string;
  message: string;
  /** SQLSTATE (PostgreSQL) or a Node error code (ECONNREFUSED). */
  code?: string;
  /** Names from PostgreSQL's error fields: identifiers, never values. */
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
  /** The failing statement's text, a bounded prefix (parameters are placeholders there). */
  query?: string;
  stack?: string[];
  cause?: SafeError;
  errors?: SafeError[];
}

/** A bounded prefix of `text`, marked when cut. */
export function bounded(text: string, max = MAX_VALUE_LENGTH): string {
  return text.length <= max ? text : `${text.slice(0, max)}…[${text.length - max} more]`;
}

export function serializeError(error: unknown): SafeError {
  const secrets = [...parametersOf(error, 0, new Set())].sort((a, b) => b.length - a.length);
  return describe(error, secrets, 0);
}

type ErrorLike = Record<string, unknown>;

function describe(error: unknown, secrets: readonly string[], depth: number): SafeError {
  if (typeof error !== 'object' || error === null) return { type: typeof error, message: scrub(String(error), secrets) };
  const e = error as ErrorLike;
  const isQueryError = typeof e.query === 'string' && Array.isArray(e.params);
  const safe: SafeError = {
    type: bounded(String(e.name ?? e.constructor?.name ?? 'Error'), 100),
    // Drizzle's message repeats the query and its parameters: the query has its own field.
    message: isQueryError && /^Failed query:/.test(String(e.message)) ? 'Failed query' : scrub(String(e.message ?? ''), secrets),
  };
  for (const field of ['code', 'constraint', 'table', 'column', 'routine'] as const) {
    if (typeof e[field] === 'string' || typeof e[field] === 'number') safe[field] = scrub(String(e[field]), secrets);
  }
  if (typeof e.query === 'string') safe.query = bounded(e.query);
  if (typeof e.stack === 'string') safe.stack = framesOf(e.stack, secrets);
  if (depth < MAX_DEPTH && e.cause !== undefined) safe.cause = describe(e.cause, secrets, depth + 1);
  if (depth < MAX_DEPTH && Array.isArray(e.errors)) safe.errors = e.errors.slice(0, 5).map((inner) => describe(inner, secrets, depth + 1));
  return safe;
}

/** Only the "at …" lines: the stack's first line repeats the message, which is scrubbed separately. */
function framesOf(stack: string, secrets: readonly string[]): string[] {
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES)
    .map((line) => scrub(line.trim(), secrets));
}

/** Blots out bind parameters and credentials in URLs or key=value pairs, then bounds the length. */
function scrub(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) clean = clean.split(secret).join('[param]');
  clean = clean
    .replace(/\/\/[^\s/@]+@/g, '//[redacted]@')
    .replace(/\b(password|passwd|token|secret|authorization|cookie|api[_-]?key)(\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)/gi, '$1$2[redacted]');
  return bounded(clean);
}

/** Every string bind parameter of every error in the chain (Drizzle's and PGlite's `params`). */
function parametersOf(error: unknown, depth: number, found: Set<string>): Set<string> {
  if (typeof error !== 'object' || error === null || depth > MAX_DEPTH) return found;
  const e = error as ErrorLike;
  if (Array.isArray(e.params)) for (const param of e.params) collectStrings(param, found, 0);
  parametersOf(e.cause, depth + 1, found);
  if (Array.isArray(e.errors)) for (const inner of e.errors) parametersOf(inner, depth + 1, found);
  return found;
}

function collectStrings(value: unknown, found: Set<string>, depth: number): void {
  if (found.size > 1000 || depth > 4) return;
  if (typeof value === 'string') {
    if (value.length >= MIN_SECRET_LENGTH) found.add(value);
    return;
  }
  if (typeof value !== 'object' || value === null || value instanceof Date) return;
  // A JSON parameter reaches PostgreSQL as its text: blot out the text and every string inside it.
  const json = JSON.stringify(value);
  if (json && json.length >= MIN_SECRET_LENGTH) found.add(json);
  for (const inner of Object.values(value)) collectStrings(inner, found, depth + 1);
}
