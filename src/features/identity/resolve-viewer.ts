import { looksLikeSessionToken, verifySessionToken } from '../../auth/session-token';
import type { Database } from '../../db/schema-types';
import { notFound, unauthenticated } from '../../errors';
import type { Viewer } from '../../server/context';
import { resolveApplicationToken } from '../tokens/resolve';
import { findUserById } from './queries';
import { buildViewer, requireViewer } from './viewer';

/** What a request presented, before anything is verified. */
export type Credentials = { clientIp: string | null } & (
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  /** A next-auth browser session (already signature-checked) and the Workspace named by the page. */
  | { kind: 'browser'; userId: string; workspaceId: string | null }
);

/**
 * Turns credentials into a viewer, checking live access on every request: a token for a Workspace
 * the user lost (unlinked, removed, suspended) is refused at once.
 */
export async function resolveViewer(db: Database, credentials: Credentials, secret: string): Promise<Viewer | null> {
  switch (credentials.kind) {
    case 'none':
      return null;
    case 'bearer': {
      if (!looksLikeSessionToken(credentials.token)) return resolveApplicationToken(db, credentials.token, credentials.clientIp);
      const claims = await verifySessionToken(credentials.token, secret);
      const user = await findUserById(db, claims.userId);
      return requireViewer(db, user, claims.workspaceId, 'session');
    }
    case 'browser': {
      const user = await findUserById(db, credentials.userId);
      if (!user) throw unauthenticated('Your session has ended; sign in again.');
      const viewer = await buildViewer(db, user, credentials.workspaceId, 'browser');
      if (viewer) return viewer;
      // The page names a Workspace this user cannot enter: do not reveal whether it exists.
      if (credentials.workspaceId) throw notFound('Workspace', 'x-workspace-id');
      throw unauthenticated('You have no active Workspace; ask an Administrator to add you.');
    }
  }
}
