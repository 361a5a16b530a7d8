import { requireOperator } from '../../auth/guard';
import type { OrganizationRow, WorkspaceLinkRow, WorkspaceRow } from '../../db/schema';
import { badInput, conflict, forbidden, isUniqueViolation, isUuid, limitExceeded } from '../../errors';
import type { ServiceContext, Verb } from '../../server/context';
import { recordAudit } from '../audit/record';
import { updateMembership } from '../memberships/queries';
import { updateOrganization } from '../ops/queries';
import { lockOrganization, requireWorkspace } from '../ops/service';
import { countLinkedWorkspaces, deleteLink, findLink, insertLink } from '../workspaces/queries';
import { findFirstAdministrator, isActiveMemberOfOrganization, moveDefaultIfLost } from './queries';

/** Links a Workspace to a Pro main organization, within its limit (operators). */
export const linkWorkspace: Verb<{ mainOrganizationId: string; workspaceId: string }, WorkspaceRow> = async ({ ctx, input }) => {
  requireOperator(ctx);
  const org = await lockOrganization(ctx, input.mainOrganizationId, 'mainOrganizationId');
  const workspace = await requireWorkspace(ctx, input.workspaceId, 'workspaceId');
  await linkToMainOrganization(ctx, org, workspace);
  return workspace;
};

/**
 * Links `workspace` to `org`, which the caller has locked FOR UPDATE: concurrent links to one main
 * organization serialize on that lock, so the limit holds. The first link names a SuperAdmin.
 */
export async function linkToMainOrganization(ctx: ServiceContext, org: OrganizationRow, workspace: WorkspaceRow): Promise<void> {
  await assertCanLink(ctx, org, workspace);
  try {
    await insertLink(ctx.db, workspace.id, org.id);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('This Workspace is already linked to a main organization.', 'workspaceId');
    throw error;
  }
  const superAdminUserId = await superAdminAfterLink(ctx, org);
  if (superAdminUserId && !org.superAdminUserId) {
    await updateOrganization(ctx.db, org.id, { superAdminUserId });
    await recordAudit(ctx, {
      workspaceId: null,
      action: 'organization.super_admin_assigned',
      targetType: 'organization',
      targetId: org.id,
      before: { superAdminUserId: null },
      after: { superAdminUserId },
    });
  }
  await recordAudit(ctx, {
    workspaceId: workspace.id,
    action: 'workspace.linked',
    targetType: 'workspace',
    targetId: workspace.id,
    before: null,
    after: { mainOrganizationId: org.id },
  });
}

/**
 * Every check a link makes before it changes anything, in the order it makes them; the preview runs
 * the same ones, so a preview fails exactly when the link would. Returns how many are linked now.
 */
export async function assertCanLink(ctx: ServiceContext, org: OrganizationRow, workspace: WorkspaceRow): Promise<number> {
  assertCanBeMain(org);
  if (await findLink(ctx.db, workspace.id))
    throw conflict('This Workspace is already linked to a main organization; unlink it first.', 'workspaceId');
  return assertBelowLimit(ctx, org);
}

/** Only a Pro organization links Workspaces. */
export function assertCanBeMain(org: OrganizationRow): void {
  if (org.package !== 'PRO') throw forbidden('Linking Workspaces needs the Pro package.');
}

/** Who is SuperAdmin once a Workspace is linked: the one there is, else (first link) the longest-standing Administrator. */
export async function superAdminAfterLink(ctx: ServiceContext, org: OrganizationRow): Promise<string | null> {
  return org.superAdminUserId ?? (await findFirstAdministrator(ctx.db, org.id));
}

/** LIMIT_EXCEEDED when the main organization already links as many Workspaces as it may; else how many it links. */
export async function assertBelowLimit(ctx: ServiceContext, org: OrganizationRow): Promise<number> {
  const linked = await countLinkedWorkspaces(ctx.db, org.id);
  if (linked >= org.workspaceLimit) {
    throw limitExceeded(`${org.name} already links ${linked} of ${org.workspaceLimit} Workspaces; ask ops to raise the limit.`);
  }
  return linked;
}

/** The link of a Workspace to unlink: BAD_USER_INPUT when there is none (unlink and its preview). */
export async function requireLink(ctx: ServiceContext, workspace: WorkspaceRow): Promise<WorkspaceLinkRow> {
  const link = await findLink(ctx.db, workspace.id);
  if (!link) throw badInput('workspaceId', 'This Workspace is not linked.');
  return link;
}

/**
 * Unlinks a Workspace. The SuperAdmin role goes with the link: the former SuperAdmin stays, as
 * Administrator, only where they had a membership; elsewhere they lose access. Nobody else changes.
 */
export const unlinkWorkspace: Verb<{ workspaceId: string }, WorkspaceRow> = async ({ ctx, input }) => {
  requireOperator(ctx);
  const workspace = await requireWorkspace(ctx, input.workspaceId, 'workspaceId');
  const link = await requireLink(ctx, workspace);
  const org = await lockOrganization(ctx, link.mainOrganizationId, 'workspaceId');
  await deleteLink(ctx.db, workspace.id);
  const superAdmin = org.superAdminUserId;
  if (superAdmin) {
    await updateMembership(ctx.db, workspace.id, superAdmin, { role: 'ADMINISTRATOR' });
    if ((await countLinkedWorkspaces(ctx.db, org.id)) === 0) await clearSuperAdmin(ctx, org.id, superAdmin);
    await moveDefaultIfLost(ctx.db, superAdmin);
  }
  await recordAudit(ctx, {
    workspaceId: workspace.id,
    action: 'workspace.unlinked',
    targetType: 'workspace',
    targetId: workspace.id,
    before: { mainOrganizationId: org.id, superAdminUserId: superAdmin },
    after: null,
  });
  return workspace;
};

/** With its last link gone, a main organization has no SuperAdmin any more (the next first link elects one). */
async function clearSuperAdmin(ctx: ServiceContext, organizationId: string, superAdminUserId: string): Promise<void> {
  await updateOrganization(ctx.db, organizationId, { superAdminUserId: null });
  await recordAudit(ctx, {
    workspaceId: null,
    action: 'organization.super_admin_assigned',
    targetType: 'organization',
    targetId: organizationId,
    before: { superAdminUserId },
    after: { superAdminUserId: null },
  });
}

/** Makes a user the SuperAdmin of a main organization; they must be active in one of its own Workspaces. */
export const assignSuperAdmin: Verb<{ mainOrganizationId: string; userId: string }, OrganizationRow> = async ({ ctx, input }) => {
  requireOperator(ctx);
  const org = await lockOrganization(ctx, input.mainOrganizationId, 'mainOrganizationId');
  if (org.package !== 'PRO') throw forbidden('A SuperAdmin needs the Pro package.');
  const candidate = input.userId;
  if (!isUuid(candidate) || !(await isActiveMemberOfOrganization(ctx.db, org.id, candidate)))
    throw badInput('userId', "The SuperAdmin must be an active member of one of the main organization's own Workspaces.");
  const updated = await updateOrganization(ctx.db, org.id, { superAdminUserId: candidate });
  if (!updated) throw new Error('organization vanished while locked');
  if (org.superAdminUserId && org.superAdminUserId !== candidate) await moveDefaultIfLost(ctx.db, org.superAdminUserId);
  await recordAudit(ctx, {
    workspaceId: null,
    action: 'organization.super_admin_assigned',
    targetType: 'organization',
    targetId: org.id,
    before: { superAdminUserId: org.superAdminUserId },
    after: { superAdminUserId: candidate },
  });
  return updated;
};
