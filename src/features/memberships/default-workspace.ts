import { requireViewer } from '../../auth/guard';
import { actsAsOperator, can } from '../../auth/policy';
import type { UserRow } from '../../db/schema';
import { badInput, forbidden, isUuid, notFound } from '../../errors';
import type { ServiceContext, Verb, Viewer } from '../../server/context';
import { recordAudit } from '../audit/record';
import { findUserById, updateUser } from '../identity/queries';
import { loadAccess } from '../workspaces/access';
import { hasMembershipIn } from './queries';

/**
 * Sets where a user's sign-in lands. Oneself: any Workspace one can enter (NOT_FOUND otherwise).
 * Another user: the viewer needs Administrator (or SuperAdmin) rights in both the user's current
 * default and the new one (FORBIDDEN otherwise), and the user must be able to enter the new one
 * (BAD_USER_INPUT). Platform operators may set anyone's default to a Workspace that user can enter.
 */
export const setDefaultWorkspace: Verb<{ userId: string; workspaceId: string }, UserRow> = async ({ ctx, input }) => {
  const viewer = requireViewer(ctx);
  const operator = actsAsOperator(viewer);
  const self = input.userId === viewer.user.id;
  const target = self ? viewer.user : await visibleUser(ctx, viewer, operator, input.userId);
  if (!target) throw notFound('User', 'userId');
  const workspaceId = input.workspaceId;
  if (!isUuid(workspaceId)) throw notFound('Workspace', 'workspaceId');

  if (self) {
    if (!viewer.access.some((a) => a.workspaceId === workspaceId)) throw notFound('Workspace', 'workspaceId');
  } else {
    if (!operator) {
      if (!viewer.access.some((a) => a.workspaceId === workspaceId)) throw notFound('Workspace', 'workspaceId');
      if (!administers(viewer, workspaceId))
        throw forbidden('Changing another user’s default Workspace needs Administrator rights in the new one.');
    } else if (!(await ctx.loaders.workspace.load(workspaceId))) {
      throw notFound('Workspace', 'workspaceId');
    }
    const access = await loadAccess(ctx.db, target);
    if (!access.some((a) => a.workspaceId === workspaceId))
      throw badInput('workspaceId', 'The user cannot enter that Workspace; add them to it first.');
    // Checked only once the user is known to be able to enter the new one: for an invited member the
    // answer must not depend on whether their account has a default elsewhere (that is, exists).
    if (!operator && target.defaultWorkspaceId && !administers(viewer, target.defaultWorkspaceId)) {
      throw forbidden('Changing another user’s default Workspace needs Administrator rights in their current default Workspace too.');
    }
  }

  if (target.defaultWorkspaceId === workspaceId) return target;
  const updated = await updateUser(ctx.db, target.id, { defaultWorkspaceId: workspaceId });
  if (!updated) throw notFound('User', 'userId');
  await recordAudit(ctx, {
    workspaceId,
    action: 'user.default_workspace_set',
    targetType: 'user',
    targetId: target.id,
    before: { defaultWorkspaceId: target.defaultWorkspaceId },
    after: { defaultWorkspaceId: workspaceId },
  });
  if (self)
    ctx.viewer = { ...viewer, user: updated, access: viewer.access.map((a) => ({ ...a, isDefault: a.workspaceId === workspaceId })) };
  return updated;
};

function administers(viewer: Viewer, workspaceId: string): boolean {
  return can(viewer.access.find((a) => a.workspaceId === workspaceId)?.role, 'members:manage');
}

/**
 * Another user, when the viewer may know of them: a member (any status) of, or the SuperAdmin of, a
 * Workspace the viewer can enter. Operators see everyone. Anyone else is indistinguishable from unknown.
 */
async function visibleUser(ctx: ServiceContext, viewer: Viewer, operator: boolean, userId: string): Promise<UserRow | null> {
  const user = await findUserById(ctx.db, userId);
  if (!user || operator) return user;
  const accessible = viewer.access.map((a) => a.workspaceId);
  if (accessible.length === 0) return null;
  if (await hasMembershipIn(ctx.db, accessible, user.id)) return user;
  const theirs = await loadAccess(ctx.db, user);
  return theirs.some((a) => accessible.includes(a.workspaceId)) ? user : null;
}
