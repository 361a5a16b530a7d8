import type { Database } from '../../db/schema-types';
import { unauthenticated } from '../../errors';
import type { Viewer } from '../../server/context';
import { findUserById } from '../identity/queries';
import { loadAccess } from '../workspaces/access';
import { findWorkspaceById } from '../workspaces/queries';
import { ipAllowed } from './ip-allowlist';
import { touchToken } from './last-used';
import { findTokenBySecretHash } from './queries';
import { hashTokenSecret } from './secret';

const INVALID = 'The token is invalid, revoked or expired.';

/**
 * An application token acts in its own Workspace, with its creator's role there now. It stops
 * working when revoked or expired, from an address outside its allow-list, or when the creator
 * loses access to the Workspace.
 */
export async function resolveApplicationToken(db: Database, secret: string, clientIp: string | null): Promise<Viewer> {
  const token = await findTokenBySecretHash(db, hashTokenSecret(secret));
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= Date.now())) throw unauthenticated(INVALID);
  if (!ipAllowed(token.allowedIps, clientIp)) throw unauthenticated('This token may not be used from your address.');
  const creator = await findUserById(db, token.createdBy);
  const entry = creator ? (await loadAccess(db, creator)).find((a) => a.workspaceId === token.workspaceId) : undefined;
  if (!creator || !entry) throw unauthenticated("The token's creator no longer has access to its Workspace.");
  const workspace = await findWorkspaceById(db, token.workspaceId);
  if (!workspace) throw unauthenticated(INVALID);
  await touchToken(db, token);
  return {
    user: creator,
    isOperator: false, // a token never carries platform-operator powers
    credential: 'application',
    tokenId: token.id,
    active: { workspace, role: entry.role },
    access: [entry],
  };
}
