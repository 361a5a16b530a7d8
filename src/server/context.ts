import type { Role } from '../auth/policy';
import type { UserRow, WorkspaceRow } from '../db/schema';
import type { Database } from '../db/schema-types';
import type { SignInGuard } from '../features/limits/sign-in-throttle';
import type { WorkspaceAccessEntry } from '../features/workspaces/access';
import type { Loaders } from './loaders';

/** How the viewer proved who they are. */
export type Credential = 'session' | 'browser' | 'application';

export interface ActiveWorkspace {
  workspace: WorkspaceRow;
  role: Role;
}

/** The principal of one request, resolved once and verified against live memberships and links. */
export interface Viewer {
  user: UserRow;
  isOperator: boolean;
  credential: Credential;
  /** The application token's id when credential is 'application'. */
  tokenId?: string;
  /** The Workspace this request acts in; null only for an operator with no membership. */
  active: ActiveWorkspace | null;
  /** Every Workspace the user can enter now (an application token: only its own). */
  access: WorkspaceAccessEntry[];
}

/**
 * What every service verb works with, whatever the transport (GraphQL, CSV and invoice routes, the
 * seed): built once per request by the request pipeline (src/server/pipeline.ts).
 */
export interface ServiceContext {
  requestId: string;
  /** The request's transaction, running as the runtime role under row-level security. */
  db: Database;
  /** Null for an anonymous caller. */
  viewer: Viewer | null;
  /** Per-request batch loaders (src/server/loaders.ts). */
  loaders: Loaders;
  /** Signs session tokens. */
  secret: string;
  /** Throttles password sign-ins from this request's address (src/features/limits). */
  signInGuard: SignInGuard;
  /**
   * Re-scopes the transaction to a user who just proved who they are (signIn, acceptInvitation) and
   * makes them the viewer, acting in `workspaceId` (null: their landing Workspace). Null when the user
   * can enter no Workspace (and is no operator).
   */
  signInAs(this: ServiceContext, user: UserRow, workspaceId: string | null): Promise<Viewer | null>;
}

type VerbArgs<I> = [I] extends [undefined] ? { ctx: ServiceContext; input?: undefined } : { ctx: ServiceContext; input: I };

/**
 * The one shape of a service verb: `verb({ ctx, input })`. It authorizes first (src/auth/guard.ts),
 * validates, acts through its feature's queries.ts, and audits, all in the request's transaction.
 */
export type Verb<I, O> = (args: VerbArgs<I>) => Promise<O>;
