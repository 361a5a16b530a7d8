import { requireRole } from '../../auth/guard';
import type { MembershipRow, UserRow, WorkspaceRow } from '../../db/schema';
import { conflict, isUniqueViolation } from '../../errors';
import type { Role } from '../../graphql/generated/resolvers-types';
import type { ServiceContext, Verb } from '../../server/context';
import { validEmail } from '../../validation';
import { recordAudit } from '../audit/record';
import { newActivationKey } from '../identity/activation-key';
import { findUserByEmail, insertUser, updateUser } from '../identity/queries';
import { publicUrl, queueEmail } from '../mail/outbox';
import { findMembership, insertInvitation, insertMembership } from './queries';
import { storedRole } from './roles';
import { superAdminOf } from './superadmin';

/**
 * Adds a user to the active Workspace (Administrator or SuperAdmin). An activated account becomes an
 * active member at once; an unknown email gets an account without password, and an account that was
 * never activated gets a fresh key (the old one stops working): both become INVITED members and are
 * emailed a one-time activation link valid for 7 days.
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
    if (existing?.passwordHash) return await addActive(ctx, workspace, existing, role);
    return await invite(ctx, workspace, existing, email, role, viewer.user.id);
  } catch (error) {
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

async function invite(
  ctx: ServiceContext,
  workspace: WorkspaceRow,
  existing: UserRow | null,
  email: string,
  role: MembershipRow['role'],
  invitedBy: string,
): Promise<MembershipRow> {
  const key = newActivationKey();
  const activation = { activationKeyHash: key.hash, activationExpiresAt: key.expiresAt };
  let user: UserRow | null;
  if (existing) {
    user = await updateUser(ctx.db, existing.id, activation);
  } else {
    // The display name is provisional: the user may set theirs when accepting.
    user = await insertUser(ctx.db, { email, name: email.split('@')[0] || email, ...activation });
    await recordAudit(ctx, {
      workspaceId: workspace.id,
      action: 'user.invited',
      targetType: 'user',
      targetId: user.id,
      after: user,
    });
  }
  if (!user) throw new Error('the invited user vanished');
  const membership = await insertMembership(ctx.db, workspace.id, { userId: user.id, role, status: 'INVITED' });
  await insertInvitation(ctx.db, workspace.id, { userId: user.id, invitedBy, email: user.email, expiresAt: key.expiresAt });
  await recordAudit(ctx, {
    workspaceId: workspace.id,
    action: 'membership.invited',
    targetType: 'membership',
    targetId: `${workspace.id}:${user.id}`,
    after: membership,
  });
  const link = `${publicUrl()}/activate?key=${encodeURIComponent(key.key)}`;
  await queueEmail(ctx, {
    recipient: user.email,
    subject: `You are invited to the Workspace ${workspace.name}`,
    body: [
      'Hello,',
      '',
      `You are invited to the Workspace "${workspace.name}" with the role ${role}.`,
      `Activate your account and choose a password here (valid until ${key.expiresAt.toISOString()}):`,
      '',
      link,
      '',
      `Activation key: ${key.key}`,
      '',
      'If you did not expect this invitation, ignore this email.',
    ].join('\n'),
  });
  return membership;
}
