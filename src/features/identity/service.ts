import { requireViewer } from '../../auth/guard';
import { assertPasswordStrength, hashPassword, verifyPassword } from '../../auth/passwords';
import { signSessionToken } from '../../auth/session-token';
import { applyScope } from '../../db/rls';
import type { UserRow } from '../../db/schema';
import { badInput, forbidden, notFound, unauthenticated } from '../../errors';
import type { ServiceContext, Verb, Viewer } from '../../server/context';
import { validName } from '../../validation';
import { recordAudit } from '../audit/record';
import { activateInvitedMemberships, markInvitationsAccepted } from '../memberships/queries';
import { hashActivationKey } from './activation-key';
import type { AuthPayloadModel } from './auth-payload';
import { findUserByActivationKeyHash, findUserByEmail, updateUser } from './queries';

const WRONG_CREDENTIALS = 'Wrong email or password.';

/** Signs in and lands in the default Workspace (or the first one the user can still enter). */
export const signIn: Verb<{ email: string; password: string }, AuthPayloadModel> = async ({ ctx, input }) => {
  const email = input.email.trim();
  // Counted before the password is checked, so parallel guesses cannot slip past; RATE_LIMITED while throttled.
  await ctx.signInGuard?.begin(email);
  const user = await findUserByEmail(ctx.db, email);
  const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !valid) throw unauthenticated(WRONG_CREDENTIALS);
  await ctx.signInGuard?.succeeded(email);
  const viewer = await ctx.signInAs(user, null);
  if (!viewer) throw forbidden('Your account has no active Workspace membership; ask an Administrator to add you.');
  return payloadFor(ctx, viewer);
};

/** A new session token for another Workspace the user can enter; the current token stays valid. */
export const switchWorkspace: Verb<{ workspaceId: string }, AuthPayloadModel> = async ({ ctx, input }) => {
  const viewer = requireViewer(ctx);
  if (viewer.credential === 'application') throw forbidden('Application tokens belong to one Workspace; switching needs user credentials.');
  const entry = viewer.access.find((a) => a.workspaceId === input.workspaceId);
  if (!entry) throw notFound('Workspace', 'workspaceId');
  const workspace = await ctx.loaders.workspace.load(entry.workspaceId);
  if (!workspace) throw notFound('Workspace', 'workspaceId');
  const token = await signSessionToken({ userId: viewer.user.id, workspaceId: workspace.id }, ctx.secret);
  return { token, user: viewer.user, workspace };
};

/**
 * Accepts an account's invitations with the key from the email, and signs in. A new account sets its
 * password here; an account that has one already confirms it and keeps it (the key alone must not be
 * a way to change a password). Either way every pending invitation of the account becomes active.
 */
export const acceptInvitation: Verb<{ activationKey: string; password: string; name?: string | null }, AuthPayloadModel> = async ({
  ctx,
  input,
}) => {
  const invited = await findUserByActivationKeyHash(ctx.db, hashActivationKey(input.activationKey.trim()));
  if (!invited?.activationExpiresAt || invited.activationExpiresAt.getTime() < Date.now()) {
    throw badInput('activationKey', 'The activation key is invalid or has expired; ask for a new invitation.');
  }
  const name = input.name === null || input.name === undefined ? invited.name : validName('name', input.name);
  const passwordHash = invited.passwordHash ? await confirmPassword(ctx, invited, input.password) : await newPassword(input.password);
  const user = await updateUser(ctx.db, invited.id, { passwordHash, name, activationKeyHash: null, activationExpiresAt: null });
  if (!user) throw badInput('activationKey', 'The activation key is invalid or has expired.');
  await applyScope(ctx.db, { workspaceIds: [], userId: user.id, operator: false });
  const activated = await activateInvitedMemberships(ctx.db, user.id);
  await markInvitationsAccepted(ctx.db, user.id);
  const viewer = await ctx.signInAs({ ...user }, null);
  if (!viewer) throw forbidden('The invitation was withdrawn: you have no active Workspace membership.');
  for (const m of activated) {
    await recordAudit(ctx, {
      workspaceId: m.workspaceId,
      action: 'membership.activated',
      targetType: 'membership',
      targetId: `${m.workspaceId}:${m.userId}`,
      before: { status: 'INVITED' },
      after: { status: 'ACTIVE' },
    });
  }
  return payloadFor(ctx, viewer);
};

async function newPassword(password: string): Promise<string> {
  assertPasswordStrength(password);
  return hashPassword(password);
}

/** An existing account accepts with its current password, throttled like signing in; it stays as it is. */
async function confirmPassword(ctx: ServiceContext, user: UserRow, password: string): Promise<string> {
  await ctx.signInGuard?.begin(user.email);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password)))
    throw badInput('password', 'Wrong password: this account has one already; enter it to accept the invitation.');
  await ctx.signInGuard?.succeeded(user.email);
  return user.passwordHash;
}

async function payloadFor(ctx: ServiceContext, viewer: Viewer): Promise<AuthPayloadModel> {
  const workspaceId = viewer.active?.workspace.id ?? null;
  const token = await signSessionToken({ userId: viewer.user.id, workspaceId }, ctx.secret);
  return { token, user: viewer.user, workspace: viewer.active?.workspace ?? null };
}
