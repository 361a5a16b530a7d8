import { requireRole } from '../../auth/guard';
import type { MembershipRow } from '../../db/schema';
import { badInput, forbidden, isUuid, notFound } from '../../errors';
import type { MembershipStatus, Role } from '../../graphql/generated/resolvers-types';
import type { ActiveWorkspace, ServiceContext, Verb, Viewer } from '../../server/context';
import { recordAudit } from '../audit/record';
import { deleteMembership, findMembership, updateMembership } from './queries';
import { storedRole } from './roles';
import { superAdminOf } from './superadmin';

/** Changes another member's role in the active Workspace (Administrator or SuperAdmin). */
export const setUserRole: Verb<{ userId: string; role: Role }, MembershipRow> = async ({ ctx, input }) => {
  const { viewer, active } = requireRole(ctx, 'members:manage');
  const role = storedRole(input.role);
  const before = await targetMembership(ctx, viewer, active, input.userId);
  if (before.role === role) return before;
  const after = await update(ctx, before, { role });
  await recordAudit(ctx, {
    workspaceId: before.workspaceId,
    action: 'membership.role_changed',
    targetType: 'membership',
    targetId: keyOf(before),
    before,
    after,
  });
  return after;
};

/** Suspends or reactivates another member of the active Workspace (Administrator or SuperAdmin). */
export const setUserStatus: Verb<{ userId: string; status: MembershipStatus }, MembershipRow> = async ({ ctx, input }) => {
  const { viewer, active } = requireRole(ctx, 'members:manage');
  const status = input.status;
  if (status === 'INVITED') throw badInput('status', 'Status must be ACTIVE or SUSPENDED; INVITED is set by an invitation.');
  const before = await targetMembership(ctx, viewer, active, input.userId);
  if (before.status === status) return before;
  if (before.status === 'INVITED' && status === 'ACTIVE') {
    throw badInput('status', 'An invited user becomes ACTIVE by accepting the invitation.');
  }
  // A trigger moves the user's default Workspace away from a Workspace where they are suspended.
  const after = await update(ctx, before, { status });
  await recordAudit(ctx, {
    workspaceId: before.workspaceId,
    action: 'membership.status_changed',
    targetType: 'membership',
    targetId: keyOf(before),
    before,
    after,
  });
  return after;
};

/** Removes another member from the active Workspace (Administrator or SuperAdmin). */
export const removeUserFromWorkspace: Verb<{ userId: string }, boolean> = async ({ ctx, input }) => {
  const { viewer, active } = requireRole(ctx, 'members:manage');
  const before = await targetMembership(ctx, viewer, active, input.userId);
  // A trigger moves the user's default Workspace away from this one.
  await deleteMembership(ctx.db, before.workspaceId, before.userId);
  await recordAudit(ctx, {
    workspaceId: before.workspaceId,
    action: 'membership.removed',
    targetType: 'membership',
    targetId: keyOf(before),
    before,
    after: null,
  });
  return true;
};

/**
 * The membership another user holds in the active Workspace, locked for the change. Oneself:
 * BAD_USER_INPUT. The Workspace's SuperAdmin: FORBIDDEN (only ops reassign them). Anyone else who is
 * not a member here (members of other Workspaces included): NOT_FOUND.
 */
async function targetMembership(ctx: ServiceContext, viewer: Viewer, active: ActiveWorkspace, userId: string): Promise<MembershipRow> {
  if (userId === viewer.user.id)
    throw badInput('userId', 'You cannot change your own role or status, or remove yourself; ask another Administrator.');
  const superAdmin = await superAdminOf(ctx, active.workspace);
  if (superAdmin?.userId === userId)
    throw forbidden(
      'The SuperAdmin of a linked Workspace cannot be changed or removed; only platform operations staff reassign the SuperAdmin.',
    );
  const membership = isUuid(userId) ? await findMembership(ctx.db, active.workspace.id, userId, true) : null;
  if (!membership) throw notFound('Member', 'userId');
  return membership;
}

async function update(
  ctx: ServiceContext,
  before: MembershipRow,
  set: Partial<Pick<MembershipRow, 'role' | 'status'>>,
): Promise<MembershipRow> {
  const after = await updateMembership(ctx.db, before.workspaceId, before.userId, set);
  if (!after) throw notFound('Member', 'userId');
  return after;
}

const keyOf = (m: MembershipRow) => `${m.workspaceId}:${m.userId}`;
