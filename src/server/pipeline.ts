import { randomUUID } from 'node:crypto';
import { applyScope, enterRuntimeRole } from '../db/rls';
import type { Database } from '../db/schema-types';
import { errorResponse, isAppError, type Transport } from '../errors';
import { type Credentials, resolveViewer } from '../features/identity/resolve-viewer';
import { buildViewer, scopeOf } from '../features/identity/viewer';
import { addressKey, principalKey } from '../features/limits/keys';
import { defaultLimits, type Limits } from '../features/limits/limits';
import type { RateStatus } from '../features/limits/rate-limiter';
import type { SignInGuard } from '../features/limits/sign-in-throttle';
import { afterCommit } from '../features/mail/sender';
import type { ServiceContext, Viewer } from './context';
import { readCredentials } from './credentials';
import { createLoaders } from './loaders';
import { noteViewer, openRecord, writeRequestLine } from './request-log';
import { requestScope } from './request-scope';
import type { Runtime } from './runtime';
import { activeSpan, inSpan, markSpan, REQUEST_ID } from './tracing';

export interface PipelineOptions {
  /** Who writes the error answers (src/errors.ts decides their status per transport). */
  transport: Transport;
  /** Set when the caller already needs it (e.g. for an answer written before the pipeline runs). */
  requestId?: string;
  /** Rate limits and sign-in throttling; default: the process-wide ones configured from the environment. */
  limits?: Limits;
  /** A route that names its Workspace in the URL: a browser session acts there (not in x-workspace-id). */
  workspaceId?: string | null;
}

/** What a handler returns: its answer, and whether the request's changes are kept. */
export interface Outcome {
  response: Response;
  /** False rolls the transaction back but still sends `response` (GraphQL errors). */
  commit: boolean;
}

/**
 * The one request pipeline, for the GraphQL endpoint and the plain routes (CSV, invoices) alike:
 *
 * 1. read the credentials (Bearer token, or the browser's session cookie with the page's Workspace);
 * 2. anonymous callers spend their address's rate budget before any database work;
 * 3. in one transaction: resolve the viewer against live memberships and links (a wrong or revoked
 *    credential also spends the address's budget), spend the principal's budget, drop to the runtime
 *    role under the viewer's row-level security scope, and run `handle` with a ServiceContext;
 * 4. commit (then deliver queued email) or roll back; any error becomes the transport's error answer;
 * 5. one log line for the request (src/server/request-log.ts), its id and outcome on the trace.
 *
 * Principals are counted once the viewer is resolved, because only then is the principal known and
 * verified (src/features/limits/keys.ts): counting raw credentials would give every freshly signed
 * session token its own budget.
 */
export async function runPipeline(
  request: Request,
  runtime: Runtime,
  options: PipelineOptions,
  handle: (ctx: ServiceContext) => Promise<Outcome>,
): Promise<Response> {
  const record = openRecord(options.requestId ?? randomUUID());
  const { requestId } = record;
  const limits = options.limits ?? defaultLimits();
  const response = await requestScope.run(record, async () => {
    let rate: RateStatus | null = null;
    try {
      const credentials = withWorkspace(await readCredentials(request, runtime.secret), options.workspaceId);
      if (credentials.kind === 'none') rate = await limits.requests.consume(addressKey(credentials.clientIp));
      const response = await tracedTransaction(runtime, requestId, async (tx) => {
        const viewer = await resolveViewer(tx, credentials, runtime.secret).catch(async (error: unknown) => {
          if (isAppError(error) && error.code === 'UNAUTHENTICATED') await limits.requests.consume(addressKey(credentials.clientIp));
          throw error;
        });
        noteViewer(record, viewer);
        if (viewer) rate = await limits.requests.consume(principalKey(viewer));
        await enterRuntimeRole(tx, scopeOf(viewer));
        const outcome = await handle(
          createServiceContext(tx, viewer, requestId, runtime.secret, limits.signIn.forAddress(credentials.clientIp)),
        );
        if (!outcome.commit) throw new Rollback(outcome.response);
        return outcome.response;
      });
      afterCommit(runtime.database, requestId, runtime.log); // delivers queued email in the background; never throws
      return finish(response, requestId, rate);
    } catch (error) {
      if (error instanceof Rollback) return finish(error.response, requestId, rate);
      return finish(errorResponse(error, requestId, options.transport), requestId, rate);
    }
  });
  markSpan(activeSpan(), record);
  writeRequestLine(runtime.log, record, request, response);
  return response;
}

/** The request's transaction as one span, on either database (pg's statement spans nest under it). */
function tracedTransaction<T>(runtime: Runtime, requestId: string, run: (tx: Database) => Promise<T>): Promise<T> {
  const attributes = { [REQUEST_ID]: requestId, 'db.system': 'postgresql', 'portal.database': runtime.database.kind };
  return inSpan('db.transaction', attributes, async (span) => {
    try {
      const result = await runtime.database.db.transaction(run);
      span.setAttribute('portal.transaction', 'commit');
      return result;
    } catch (error) {
      span.setAttribute('portal.transaction', 'rollback');
      throw error;
    }
  });
}

/** Thrown inside the transaction to roll it back while still answering with the handler's response. */
class Rollback extends Error {
  constructor(readonly response: Response) {
    super('rollback');
  }
}

function createServiceContext(
  tx: Database,
  viewer: Viewer | null,
  requestId: string,
  secret: string,
  signInGuard: SignInGuard,
): ServiceContext {
  return {
    requestId,
    db: tx,
    viewer,
    secret,
    loaders: createLoaders(tx),
    signInGuard,
    async signInAs(user, workspaceId) {
      // Memberships are row-level secured: first let the transaction see this user's own.
      await applyScope(tx, { workspaceIds: [], userId: user.id, operator: false });
      const next = await buildViewer(tx, user, workspaceId, 'session');
      // `this` is the context the caller holds (for GraphQL, Apollo's copy), so later reads see the new viewer.
      this.viewer = next ?? this.viewer;
      await applyScope(tx, scopeOf(this.viewer));
      return next;
    },
  };
}

/** A route that names its Workspace in the URL: a browser session acts there (not in x-workspace-id). */
function withWorkspace(credentials: Credentials, workspaceId: string | null | undefined): Credentials {
  if (workspaceId === undefined || credentials.kind !== 'browser') return credentials;
  return { ...credentials, workspaceId };
}

/** Every answer names its request id and, once a budget was spent, the caller's rate status. */
function finish(response: Response, requestId: string, rate: RateStatus | null): Response {
  response.headers.set('x-request-id', requestId);
  if (rate) {
    response.headers.set('x-ratelimit-limit', String(rate.limit));
    response.headers.set('x-ratelimit-remaining', String(rate.remaining));
  }
  return response;
}
