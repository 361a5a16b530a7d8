import { performance } from 'node:perf_hooks';
import type { ErrorCode } from '../errors';
import { principalKey } from '../features/limits/keys';
import type { Viewer } from './context';
import { type Logger, processLogger } from './log';
import { requestScope } from './request-scope';
import { bounded } from './safe-error';

/**
 * What one request's log line says, gathered while it runs (kept in its async scope, so that the
 * GraphQL plugins and the error formatter, which do not see the handler's variables, can add to it).
 */
export interface RequestRecord {
  requestId: string;
  started: number;
  /** `user:<id>`, `token:<id>` (never the token itself) or `anonymous`. */
  principal: string;
  workspaceId: string | null;
  /** GraphQL: the operation's name and type once the document is resolved. */
  operation: string | null;
  operationType: string | null;
  /** The codes of the errors answered, in order (a GraphQL response may carry several). */
  codes: (ErrorCode | 'INTERNAL_SERVER_ERROR')[];
  /** Unexpected errors: logged with the line, hidden from the client. */
  failures: unknown[];
}

export function openRecord(requestId: string): RequestRecord {
  return {
    requestId,
    started: performance.now(),
    principal: 'anonymous',
    workspaceId: null,
    operation: null,
    operationType: null,
    codes: [],
    failures: [],
  };
}

/** The current request's record, if the caller runs inside one. */
export const currentRecord = (): RequestRecord | undefined => requestScope.getStore();

export function noteViewer(record: RequestRecord, viewer: Viewer | null): void {
  if (!viewer) return;
  record.principal = principalKey(viewer);
  record.workspaceId = viewer.active?.workspace.id ?? null;
}

export function noteOperation(name: string | null, type: string | null): void {
  const record = currentRecord();
  if (!record) return;
  record.operation = name === null ? null : bounded(name);
  record.operationType = type;
}

/** An error answered to the client with this code. */
export function noteErrorCode(code: ErrorCode): void {
  currentRecord()?.codes.push(code);
}

/**
 * An unexpected error: it goes on the request's line. Outside a request (or when the scope was lost)
 * it is logged at once, so that no internal error goes unlogged.
 */
export function noteInternalError(error: unknown, requestId: string): void {
  const record = currentRecord();
  if (record?.requestId === requestId) {
    record.codes.push('INTERNAL_SERVER_ERROR');
    record.failures.push(error);
    return;
  }
  processLogger().error({ requestId, err: error }, 'internal error');
}

/** ok, the first error code answered, or internal when anything unexpected happened. */
export function outcomeOf(record: RequestRecord): string {
  if (record.failures.length) return 'internal';
  return record.codes[0] ?? 'ok';
}

/**
 * The one line per request: who, where, what, how long, how it ended. Internal errors make it an
 * error-level line carrying the (scrubbed) error; their request id is the one the client was shown.
 */
export function writeRequestLine(log: Logger, record: RequestRecord, request: Request, response: Response): void {
  const line = {
    requestId: record.requestId,
    method: request.method,
    path: bounded(new URL(request.url).pathname),
    principal: record.principal,
    workspaceId: record.workspaceId,
    operation: record.operation,
    operationType: record.operationType,
    durationMs: Math.round((performance.now() - record.started) * 10) / 10,
    outcome: outcomeOf(record),
    status: response.status,
  };
  const [first, ...more] = record.failures;
  if (first === undefined) log.info(line, 'request');
  else log.error({ ...line, err: first, moreInternalErrors: more.length || undefined }, 'request failed');
}
