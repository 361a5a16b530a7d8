import { randomUUID } from 'node:crypto';
import { HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import { applyScope, enterRuntimeRole } from '../db/rls';
import type { Database } from '../db/schema-types';
import { AppError } from '../errors';
import { resolveViewer } from '../features/identity/resolve-viewer';
import { buildViewer, scopeOf } from '../features/identity/viewer';
import { addressKey, principalKey } from '../features/limits/keys';
import { defaultLimits, type Limits } from '../features/limits/limits';
import type { RateStatus } from '../features/limits/rate-limiter';
import type { SignInGuard } from '../features/limits/sign-in-throttle';
import { afterCommit } from '../features/mail/sender';
import type { Runtime } from '../server/runtime';
import type { GraphQLContext, Viewer } from './context';
import { readCredentials } from './credentials';
import { createLoaders } from './loaders';
import { requestScope } from './request-scope';

/** The GraphQL document (the `query` string) may not exceed this. */
export const MAX_DOCUMENT_BYTES = 100 * 1024;
/** The whole body may: variables carry bulk input (recordUsage takes 10,000 records, about 1.2 MB). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Thrown inside the transaction to roll it back while still answering with the GraphQL response. */
class Rollback extends Error {
  constructor(readonly response: Response) {
    super('rollback');
  }
}

export interface HandleOptions {
  /** Rate limits and sign-in throttling; default: the process-wide ones configured from the environment. */
  limits?: Limits;
}

/**
 * POST /api/graphql. Each request runs in one transaction: the viewer is resolved and verified first
 * (as the owner, to read memberships across Workspaces), then the transaction drops to the runtime role
 * with the viewer's row-level security scope, and the operation executes. Any error rolls back.
 *
 * Rate limits count each request against its principal (src/features/limits/keys.ts): anonymous
 * callers by address before any database work; everyone else once the viewer is resolved, because only
 * then is the principal known (an application token's id, a user's id however many sessions they hold)
 * and verified: counting raw credentials would give every freshly signed session token its own budget.
 */
export async function handleGraphQL(request: Request, runtime: Runtime, options: HandleOptions = {}): Promise<Response> {
  const requestId = randomUUID();
  return requestScope.run({ requestId }, async () => {
    const body = await readBody(request);
    if (body instanceof Response) return withRequestId(body, requestId);
    const limits = options.limits ?? defaultLimits();
    const credentials = await readCredentials(request, runtime.secret);
    let rate: RateStatus | null = null;
    try {
      if (credentials.kind === 'none') rate = await limits.requests.consume(addressKey(credentials.clientIp));
      const committed = await runtime.database.db.transaction(async (tx) => {
        const viewer = await resolveViewer(tx, credentials, runtime.secret).catch(async (error: unknown) => {
          // Credentials that do not hold (a wrong or revoked token) are counted against the address.
          if (error instanceof AppError && error.code === 'UNAUTHENTICATED')
            await limits.requests.consume(addressKey(credentials.clientIp));
          throw error;
        });
        if (viewer) rate = await limits.requests.consume(principalKey(viewer));
        await enterRuntimeRole(tx, scopeOf(viewer));
        const context = createContext(tx, viewer, requestId, runtime.secret, limits.signIn.forAddress(credentials.clientIp));
        const result = await runtime.apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'POST', headers: toHeaderMap(request.headers), search: '', body },
          context: async () => context,
        });
        const response = withRateStatus(withRequestId(await toResponse(result), requestId), rate);
        if (context.outcome.failed) throw new Rollback(response);
        return response;
      });
      afterCommit(runtime.database, requestId); // delivers queued email in the background; never throws
      return committed;
    } catch (error) {
      if (error instanceof Rollback) return error.response;
      if (error instanceof AppError) return withRequestId(errorResponse(error), requestId);
      console.error(`[graphql] request ${requestId} failed:`, error);
      return withRequestId(
        json(500, {
          errors: [
            { message: `Internal server error (request id ${requestId}).`, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } },
          ],
        }),
        requestId,
      );
    }
  });
}

function createContext(tx: Database, viewer: Viewer | null, requestId: string, secret: string, signInGuard: SignInGuard): GraphQLContext {
  const context: GraphQLContext = {
    requestId,
    db: tx,
    viewer,
    secret,
    loaders: createLoaders(tx),
    outcome: { failed: false },
    signInGuard,
    async signInAs(user, workspaceId) {
      // Memberships are row-level secured: first let the transaction see this user's own.
      await applyScope(tx, { workspaceIds: [], userId: user.id, operator: false });
      const next = await buildViewer(tx, user, workspaceId, 'session');
      // `this` is the context the resolvers hold (Apollo's copy), so later fields see the new viewer.
      this.viewer = next ?? this.viewer;
      await applyScope(tx, scopeOf(this.viewer));
      return next;
    },
  };
  return context;
}

async function readBody(request: Request): Promise<unknown | Response> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    return json(413, {
      errors: [{ message: `The request body exceeds ${MAX_BODY_BYTES / 1024 / 1024} MB.`, extensions: { code: 'BAD_USER_INPUT' } }],
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return json(400, {
      errors: [{ message: 'The request body must be JSON: {query, variables, operationName}.', extensions: { code: 'BAD_USER_INPUT' } }],
    });
  }
  if (Array.isArray(body)) {
    return json(400, {
      errors: [
        { message: 'Batched operations are not supported; send one operation per request.', extensions: { code: 'BAD_USER_INPUT' } },
      ],
    });
  }
  const query = (body as { query?: unknown } | null)?.query;
  if (typeof query === 'string' && Buffer.byteLength(query) > MAX_DOCUMENT_BYTES) {
    return json(413, {
      errors: [{ message: `The GraphQL document exceeds ${MAX_DOCUMENT_BYTES / 1024} KB.`, extensions: { code: 'BAD_USER_INPUT' } }],
    });
  }
  return body;
}

function errorResponse(error: AppError): Response {
  const extensions: Record<string, unknown> = { code: error.code };
  if (error.field) extensions.field = error.field;
  if (error.retryAfter !== undefined) extensions.retryAfter = error.retryAfter;
  if (error.code === 'RATE_LIMITED') {
    const response = json(429, { errors: [{ message: error.message, extensions }] });
    response.headers.set('retry-after', String(error.retryAfter ?? 1));
    return response;
  }
  const status = error.code === 'UNAUTHENTICATED' ? 401 : 200;
  return json(status, { errors: [{ message: error.message, extensions }] });
}

/** Tells the caller their budget: X-RateLimit-Limit (the burst) and X-RateLimit-Remaining. */
function withRateStatus(response: Response, rate: RateStatus | null): Response {
  if (rate) {
    response.headers.set('x-ratelimit-limit', String(rate.limit));
    response.headers.set('x-ratelimit-remaining', String(rate.remaining));
  }
  return response;
}

function toHeaderMap(headers: Headers): HeaderMap {
  const map = new HeaderMap();
  headers.forEach((value, key) => map.set(key, value));
  return map;
}

async function toResponse(result: HTTPGraphQLResponse): Promise<Response> {
  const headers = new Headers();
  for (const [key, value] of result.headers) headers.set(key, value);
  if (result.body.kind === 'complete') return new Response(result.body.string, { status: result.status ?? 200, headers });
  let text = '';
  for await (const chunk of result.body.asyncIterator) text += chunk;
  return new Response(text, { status: result.status ?? 200, headers });
}

function json(status: number, payload: unknown): Response {
  return new Response(JSON.stringify(payload), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

function withRequestId(response: Response, requestId: string): Response {
  response.headers.set('x-request-id', requestId);
  return response;
}
