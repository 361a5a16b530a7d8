import { randomUUID } from 'node:crypto';
import { enterRuntimeRole } from '../db/rls';
import { AppError, type ErrorCode } from '../errors';
import { type Credentials, resolveViewer } from '../features/identity/resolve-viewer';
import { scopeOf } from '../features/identity/viewer';
import { addressKey, principalKey } from '../features/limits/keys';
import { defaultLimits, type Limits } from '../features/limits/limits';
import type { Runtime } from '../server/runtime';
import type { GraphQLContext } from './context';
import { readCredentials } from './credentials';
import { createLoaders } from './loaders';
import { requestScope } from './request-scope';

/**
 * The GraphQL request pipeline for plain HTTP routes (CSV exports, printable invoices): the same
 * credentials (Bearer token, or the browser's session cookie with x-workspace-id), the same viewer
 * resolution against live memberships, the same transaction dropped to the runtime role under the
 * viewer's row-level security scope. `fn` gets a GraphQL context, so routes call the same services
 * as resolvers. Everything `fn` reads happens inside the transaction; it commits when `fn` returns.
 * Requests spend the same rate-limit budget as GraphQL requests of the same principal.
 */
export async function runAsViewer<T>(
  request: Request,
  runtime: Runtime,
  fn: (ctx: GraphQLContext) => Promise<T>,
  options: { requestId?: string; workspaceId?: string | null; limits?: Limits } = {},
): Promise<T> {
  const requestId = options.requestId ?? randomUUID();
  const limits = options.limits ?? defaultLimits();
  return requestScope.run({ requestId }, async () => {
    const credentials = withWorkspace(await readCredentials(request, runtime.secret), options.workspaceId);
    if (credentials.kind === 'none') await limits.requests.consume(addressKey(credentials.clientIp));
    return runtime.database.db.transaction(async (tx) => {
      const viewer = await resolveViewer(tx, credentials, runtime.secret).catch(async (error: unknown) => {
        if (error instanceof AppError && error.code === 'UNAUTHENTICATED') await limits.requests.consume(addressKey(credentials.clientIp));
        throw error;
      });
      if (viewer) await limits.requests.consume(principalKey(viewer));
      await enterRuntimeRole(tx, scopeOf(viewer));
      const ctx: GraphQLContext = {
        requestId,
        db: tx,
        viewer,
        secret: runtime.secret,
        loaders: createLoaders(tx),
        outcome: { failed: false },
        async signInAs() {
          throw new Error('signInAs is a GraphQL mutation concern; routes never sign in');
        },
      };
      return fn(ctx);
    });
  });
}

/** A route that names its Workspace in the URL: a browser session acts there (not in x-workspace-id). */
function withWorkspace(credentials: Credentials, workspaceId: string | null | undefined): Credentials {
  if (workspaceId === undefined || credentials.kind !== 'browser') return credentials;
  return { ...credentials, workspaceId };
}

const STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  LIMIT_EXCEEDED: 403,
  RATE_LIMITED: 429,
};

/**
 * The answer of a route that failed: AppErrors as the GraphQL API words them (JSON `errors` with
 * `extensions.code` and `field`) under the matching HTTP status; anything else is logged and hidden.
 */
export function routeErrorResponse(error: unknown, requestId: string): Response {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-request-id': requestId,
    'cache-control': 'no-store',
  };
  if (error instanceof AppError) {
    if (error.retryAfter !== undefined) headers['retry-after'] = String(error.retryAfter);
    const extensions: Record<string, unknown> = { code: error.code };
    if (error.field) extensions.field = error.field;
    if (error.retryAfter !== undefined) extensions.retryAfter = error.retryAfter;
    return new Response(JSON.stringify({ errors: [{ message: error.message, extensions }] }), { status: STATUS[error.code], headers });
  }
  console.error(`[route] request ${requestId} failed:`, error);
  return new Response(
    JSON.stringify({
      errors: [{ message: `Internal server error (request id ${requestId}).`, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }],
    }),
    { status: 500, headers },
  );
}

/** A response body produced lazily, chunk by chunk, as the client reads it. */
export function streamText(chunks: Iterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.iterator]();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel() {
      iterator.return?.();
    },
  });
}
