import { requireRole } from '../../auth/guard';
import type { MembershipRow, UserRow, WorkspaceRow } from '../../db/schema';
import { conflict, isUniqueViolation } from '../../errors';
import type { Role } from '../../graphql/generated/resolvers-types';
import type { ServiceContext, Verb } from '../../server/context';
import { validEmail } from '../../validation';
import { recordAudit } from '../audit/record';
import { newActivationKey } from '../identity/activation-key';
import { findUserByEmail, insertUserUnlessTaken, updateUser } from '../identity/queries';
import { publicUrl, queueEmail } from '../mail/outbox';
import { provisionalName } from './invited-look';
import { findMembership, insertInvitation, insertMembership, inWorkspaceGroup } from './queries';
import { storedRole } from './roles';
import { superAdminOf } from './superadmin';

/**
 * Adds a user to the active Workspace (Administrator or SuperAdmin). An activated account of the
 * Workspace's group (docs/domain.md) becomes an active member at once. Anyone else is invited: an
 * unknown email gets an account without password, an existing account keeps its own; either way the
 * user gets a fresh one-time key (an older one stops working), valid 7 days, and becomes an INVITED
 * member. The answer, the audit trail and the Workspace's view of the member are the same whether or
 * not the email had an account, so adding someone never tells who has one.
 */
export const addUserToWorkspace: Verb<{ email: string; role: Role }, MembershipRow> = async ({ ctx, input }) => {
  const { viewer, active } = requireRole(ctx, 'members:manage');
  const role = storedRole(input.role);
  const email = validEmail('email', input.email);
  const workspace = active.workspace;
  const existing = await findUserByEmail(ctx.db, email);
  if (existing) {
    const superAdmin = await superAdminOf(ctx, workspace);
    if (superAdmin?.userId === existing.id)
      throw conflict('This user is the SuperAdmin of this Workspace and has access already.', 'email');
    if (await findMembership(ctx.db, workspace.id, existing.id))
      throw conflict('This user is already a member of this Workspace.', 'email');
  }
  try {
    if (existing?.passwordHash && (await inWorkspaceGroup(ctx.db, workspace.id, existing.id)))
      return await addActive(ctx, workspace, existing, role);
    return await invite(ctx, workspace, existing, email, role, viewer.user.id);
  } catch (error) {
    // Only two adds of one email to this same Workspace collide here (the membership's key).
    if (isUniqueViolation(error)) throw conflict('This user was just added by someone else; reload the list.', 'email');
    throw error;
  }
};

async function addActive(ctx: ServiceContext, workspace: WorkspaceRow, user: UserRow, role: MembershipRow['role']): Promise<MembershipRow> {
  const membership = await insertMembership(ctx.db, workspace.id, { userId: user.id, role, status: 'ACTIVE' });
  await recordAudit(ctx, {
    workspaceId: workspace.id,
    action: 'membership.added',
    targetType: 'membership',
    targetId: `${workspace.id}:${user.id}`,
    after: membership,
  });
  await queueEmail(ctx, {
    recipient: user.email,
    subject: `You were added to the Workspace ${workspace.name}`,
    body: [
      `Hello ${user.name},`,
      '',
      `You now have the role ${role} in the Workspace "${workspace.name}".`,
      `Sign in at ${publicUrl()}/ and pick it in the Workspace switcher.`,
    ].join('\n'),
  });
  return membership;
}

/** Invites `email` (an account or not) as an INVITED member; everything the Workspace sees is the same either way. */
async function invite(
  ctx: ServiceContext,
  workspace: WorkspaceRow,
  existing: UserRow | null,
  email: string,
  role: MembershipRow['role'],
  invitedBy: string,
): Promise<MembershipRow> {
  const key = newActivationKey();
  const user = await keyedAccount(ctx, existing, email, { activationKeyHash: key.hash, activationExpiresAt: key.expiresAt });
  const membership = await insertMembership(ctx.db, workspace.id, { userId: user.id, role, status: 'INVITED' });
  await insertInvitation(ctx.db, workspace.id, { userId: user.id, invitedBy, email, expiresAt: key.expiresAt });
  // What the inviter typed, never what the account holds (its name, its letter case, its dates).
  await recordAudit(ctx, {
    workspaceId: workspace.id,
    action: 'user.invited',
    targetType: 'user',
    targetId: user.id,
    after: { id: user.id, email, name: provisionalName(email) },
  });
  await recordAudit(ctx, {
    workspaceId: workspace.id,
    action: 'membership.invited',
    targetType: 'membership',
    targetId: `${workspace.id}:${user.id}`,
    after: membership,
  });
  await queueEmail(ctx, invitationEmail(workspace, user, role, key));
  return membership;
}

/**
 * The account to invite, holding the new key: the existing one, or a new one without password. When a
 * concurrent request (another Workspace inviting the same new email) created it first, that one: the
 * insert waits for its commit and then finds the email taken, so this request re-keys the account
 * instead of failing. Its key is the newer, and it accepts every pending invitation at once.
 */
async function keyedAccount(
  ctx: ServiceContext,
  existing: UserRow | null,
  email: string,
  activation: Pick<UserRow, 'activationKeyHash' | 'activationExpiresAt'>,
): Promise<UserRow> {
  const created = existing ? null : await insertUserUnlessTaken(ctx.db, { email, name: provisionalName(email), ...activation });
  if (created) return created;
  const account = existing ?? (await findUserByEmail(ctx.db, email));
  const keyed = account ? await updateUser(ctx.db, account.id, activation) : null;
  if (!keyed) throw new Error('the invited user vanished');
  return keyed;
}

/**
 * The invitation email. Only its recipient reads it, so it may say what the inviter must not learn: an
 * account that has a password accepts by confirming it (and keeps it), a new one chooses one.
 */
function invitationEmail(workspace: WorkspaceRow, user: UserRow, role: MembershipRow['role'], key: { key: string; expiresAt: Date }) {
  const hasPassword = !!user.passwordHash;
  const link = `${publicUrl()}/activate?key=${encodeURIComponent(key.key)}${hasPassword ? '&account=existing' : ''}`;
  const how = hasPassword
    ? `Accept it here with the password of your account (valid until ${key.expiresAt.toISOString()}); your password stays as it is:`
    : `Activate your account and choose a password here (valid until ${key.expiresAt.toISOString()}):`;
  return {
    recipient: user.email,
    subject: `You are invited to the Workspace ${workspace.name}`,
    body: [
      'Hello,',
      '',
      `You are invited to the Workspace "${workspace.name}" with the role ${role}.`,
      how,
      '',
      link,
      '',
      `Activation key: ${key.key}`,
      '',
      'If you did not expect this invitation, ignore this email.',
    ].join('\n'),
  };
}
