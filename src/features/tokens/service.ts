import { and, count, desc, eq, isNull, lt, or, type SQL } from 'drizzle-orm';
import { requireRole } from '../../auth/guard';
import { can } from '../../auth/policy';
import { type ApplicationTokenRow, applicationTokens } from '../../db/schema';
import { badInput, forbidden, isUuid, notFound } from '../../errors';
import { type Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '../../graphql/connection';
import type { ServiceContext } from '../../server/context';
import { validText } from '../../validation';
import { recordAudit } from '../audit/record';
import { parseAllowedIps } from './ip-allowlist';
import { newTokenSecret } from './secret';

export const DESCRIPTION_MAX = 200;

export interface NewApplicationTokenModel {
  token: string;
  applicationToken: ApplicationTokenRow;
}

/** Creates a token in the active Workspace for the viewer; the secret is returned this once only. */
export async function createApplicationToken({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { description: string; expiresAt?: string | null; allowedIps?: readonly string[] | null };
}): Promise<NewApplicationTokenModel> {
  const { viewer, active } = requireRole(ctx, 'tokens:own');
  if (viewer.credential === 'application') throw forbidden('Application tokens cannot create tokens; sign in as a user.');
  const description = validText('description', input.description, DESCRIPTION_MAX);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw badInput('expiresAt', 'expiresAt must be in the future.');
  const allowedIps = parseAllowedIps(input.allowedIps);
  const { secret, hash, prefix } = newTokenSecret();
  const [row] = await ctx.db
    .insert(applicationTokens)
    .values({ workspaceId: active.workspace.id, createdBy: viewer.user.id, description, prefix, secretHash: hash, allowedIps, expiresAt })
    .returning();
  if (!row) throw new Error('insert returned no token');
  await recordAudit(ctx, {
    workspaceId: row.workspaceId,
    action: 'application_token.created',
    targetType: 'application_token',
    targetId: row.id,
    after: auditView(row),
  });
  return { token: secret, applicationToken: row };
}

/** Revokes a token of the active Workspace: one's own, or any for Administrators and the SuperAdmin. */
export async function revokeApplicationToken({ ctx, input }: { ctx: ServiceContext; input: { id: string } }): Promise<boolean> {
  const { viewer, active } = requireRole(ctx, 'tokens:own');
  const [token] = isUuid(input.id)
    ? await ctx.db
        .select()
        .from(applicationTokens)
        .where(and(eq(applicationTokens.workspaceId, active.workspace.id), eq(applicationTokens.id, input.id)))
    : [];
  if (!token) throw notFound('Application token', 'id');
  if (token.createdBy !== viewer.user.id && !can(active.role, 'tokens:manage')) {
    throw forbidden("Only Administrators may revoke other people's tokens.");
  }
  if (token.revokedAt) return true; // already revoked: revoking again changes nothing
  const [revoked] = await ctx.db
    .update(applicationTokens)
    .set({ revokedAt: new Date(), revokedBy: viewer.user.id })
    .where(and(eq(applicationTokens.workspaceId, token.workspaceId), eq(applicationTokens.id, token.id)))
    .returning();
  if (!revoked) throw notFound('Application token', 'id');
  await recordAudit(ctx, {
    workspaceId: token.workspaceId,
    action: 'application_token.revoked',
    targetType: 'application_token',
    targetId: token.id,
    before: auditView(token),
    after: auditView(revoked),
  });
  return true;
}

/** The active Workspace's tokens, newest first: one's own, or all of them for Administrators and the SuperAdmin. */
export async function listApplicationTokens({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { first?: number | null; after?: string | null; includeRevoked?: boolean | null };
}): Promise<Connection<ApplicationTokenRow>> {
  const { viewer, active } = requireRole(ctx, 'tokens:own');
  const size = pageSize(input.first);
  const cursor = decodeCursor(input.after, 2);
  const scope: (SQL | undefined)[] = [
    eq(applicationTokens.workspaceId, active.workspace.id),
    can(active.role, 'tokens:manage') ? undefined : eq(applicationTokens.createdBy, viewer.user.id),
    input.includeRevoked ? undefined : isNull(applicationTokens.revokedAt),
  ];
  const after = cursor
    ? or(
        lt(applicationTokens.createdAt, new Date(String(cursor[0]))),
        and(eq(applicationTokens.createdAt, new Date(String(cursor[0]))), lt(applicationTokens.id, String(cursor[1]))),
      )
    : undefined;
  const [rows, total] = await Promise.all([
    ctx.db
      .select()
      .from(applicationTokens)
      .where(and(...scope, after))
      .orderBy(desc(applicationTokens.createdAt), desc(applicationTokens.id))
      .limit(size + 1),
    ctx.db
      .select({ n: count() })
      .from(applicationTokens)
      .where(and(...scope)),
  ]);
  return toConnection(rows, size, total[0]?.n ?? 0, (r) => encodeCursor([r.createdAt.toISOString(), r.id]));
}

export function tokenStatus(token: ApplicationTokenRow): 'ACTIVE' | 'EXPIRED' | 'REVOKED' {
  if (token.revokedAt) return 'REVOKED';
  if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) return 'EXPIRED';
  return 'ACTIVE';
}

/** What an audit event keeps of a token: never the hash. */
function auditView(token: ApplicationTokenRow) {
  const { secretHash, ...rest } = token;
  void secretHash;
  return rest;
}
