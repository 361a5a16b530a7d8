import { requireRole } from '../../auth/guard';
import { can } from '../../auth/policy';
import { type Connection, type PageArgs, paginate } from '../../db/paging';
import type { ApplicationTokenRow } from '../../db/schema';
import { badInput, forbidden, isUuid, notFound } from '../../errors';
import type { Verb } from '../../server/context';
import { validText } from '../../validation';
import { recordAudit } from '../audit/record';
import { parseAllowedIps } from './ip-allowlist';
import { countTokens, findToken, insertToken, pageTokens, revokeToken, TOKENS_ORDER, type TokenScope } from './queries';
import { newTokenSecret } from './secret';

export const DESCRIPTION_MAX = 200;

export interface NewApplicationTokenModel {
  token: string;
  applicationToken: ApplicationTokenRow;
}

/** Creates a token in the active Workspace for the viewer; the secret is returned this once only. */
export const createApplicationToken: Verb<
  { description: string; expiresAt?: string | null; allowedIps?: readonly string[] | null },
  NewApplicationTokenModel
> = async ({ ctx, input }) => {
  const { viewer, active } = requireRole(ctx, 'tokens:own');
  if (viewer.credential === 'application') throw forbidden('Application tokens cannot create tokens; sign in as a user.');
  const description = validText('description', input.description, DESCRIPTION_MAX);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw badInput('expiresAt', 'Expiry date must be in the future.');
  const allowedIps = parseAllowedIps(input.allowedIps);
  const { secret, hash, prefix } = newTokenSecret();
  const row = await insertToken(ctx.db, active.workspace.id, {
    createdBy: viewer.user.id,
    description,
    prefix,
    secretHash: hash,
    allowedIps,
    expiresAt,
  });
  await recordAudit(ctx, {
    workspaceId: row.workspaceId,
    action: 'application_token.created',
    targetType: 'application_token',
    targetId: row.id,
    after: row,
  });
  return { token: secret, applicationToken: row };
};

/** Revokes a token of the active Workspace: one's own, or any for Administrators and the SuperAdmin. */
export const revokeApplicationToken: Verb<{ id: string }, boolean> = async ({ ctx, input }) => {
  const { viewer, active } = requireRole(ctx, 'tokens:own');
  const token = isUuid(input.id) ? await findToken(ctx.db, active.workspace.id, input.id) : null;
  if (!token) throw notFound('Application token', 'id');
  if (token.createdBy !== viewer.user.id && !can(active.role, 'tokens:manage')) {
    throw forbidden("Only Administrators may revoke other people's tokens.");
  }
  if (token.revokedAt) return true; // already revoked: revoking again changes nothing
  const revoked = await revokeToken(ctx.db, token.workspaceId, token.id, viewer.user.id);
  if (!revoked) throw notFound('Application token', 'id');
  await recordAudit(ctx, {
    workspaceId: token.workspaceId,
    action: 'application_token.revoked',
    targetType: 'application_token',
    targetId: token.id,
    before: token,
    after: revoked,
  });
  return true;
};

/** The active Workspace's tokens, newest first: one's own, or all of them for Administrators and the SuperAdmin. */
export const listApplicationTokens: Verb<PageArgs & { includeRevoked?: boolean | null }, Connection<ApplicationTokenRow>> = async ({
  ctx,
  input,
}) => {
  const { viewer, active } = requireRole(ctx, 'tokens:own');
  const scope: TokenScope = {
    workspaceId: active.workspace.id,
    createdBy: can(active.role, 'tokens:manage') ? null : viewer.user.id,
    includeRevoked: !!input.includeRevoked,
  };
  return paginate({
    ctx,
    order: TOKENS_ORDER,
    page: input,
    rows: (page) => pageTokens(ctx.db, scope, page),
    count: () => countTokens(ctx.db, scope),
  });
};

export function tokenStatus(token: ApplicationTokenRow): 'ACTIVE' | 'EXPIRED' | 'REVOKED' {
  if (token.revokedAt) return 'REVOKED';
  if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) return 'EXPIRED';
  return 'ACTIVE';
}
