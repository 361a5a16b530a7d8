import type { UserRow, WorkspaceRow } from '../db/schema';
import type { Database } from '../db/schema-types';
import type { SignInGuard } from '../features/limits/sign-in-throttle';
import type { WorkspaceAccessEntry } from '../features/workspaces/access';
import type { Role } from './generated/resolvers-types';
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

export interface GraphQLContext {
  requestId: string;
  /** The request's transaction, running as the runtime role under row-level security. */
  db: Database;
  viewer: Viewer | null;
  secret: string;
  loaders: Loaders;
  /**
   * Shared with the handler by reference (Apollo shallow-copies the context): set when any error
   * occurred, so the handler rolls the transaction back.
   */
  outcome: { failed: boolean };
  /**
   * Throttles password sign-ins from this request's address (src/features/limits). Set by the GraphQL
   * handler; absent where nothing signs in (plain routes).
   */
  signInGuard?: SignInGuard;
  /**
   * Re-scopes the transaction to a user who just proved who they are (signIn, acceptInvitation) and
   * makes them the viewer, acting in `workspaceId` (null: their landing Workspace). Null when the user
   * can enter no Workspace (and is no operator).
   */
  signInAs(this: GraphQLContext, user: UserRow, workspaceId: string | null): Promise<Viewer | null>;
}
