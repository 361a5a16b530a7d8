import { and, asc, count, eq, sql } from 'drizzle-orm';
import { requireOperator } from '../../auth/guard';
import { queryRows } from '../../db/rows';
import { memberships, type OrganizationRow, organizations, users, type WorkspaceRow, workspaceLinks, workspaces } from '../../db/schema';
import { badInput, conflict, forbidden, isUniqueViolation, limitExceeded } from '../../errors';
import type { ServiceContext } from '../../server/context';
import { recordAudit } from '../audit/record';
import { lockOrganization, requireWorkspace } from '../ops/service';

export const linkWorkspace = async ({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { mainOrganizationId: string; workspaceId: string };
}): Promise<WorkspaceRow> => {
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
  if (org.package !== 'PRO') throw forbidden('Linking Workspaces needs the Pro package.');
  const [existing] = await ctx.db.select().from(workspaceLinks).where(eq(workspaceLinks.workspaceId, workspace.id));
  if (existing) throw conflict('This Workspace is already linked to a main organization; unlink it first.', 'workspaceId');
  await assertBelowLimit(ctx, org);
  try {
    await ctx.db.insert(workspaceLinks).values({ workspaceId: workspace.id, mainOrganizationId: org.id });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('This Workspace is already linked to a main organization.', 'workspaceId');
    throw error;
  }
  const superAdminUserId = org.superAdminUserId ?? (await electSuperAdmin(ctx, org.id));
  if (superAdminUserId && !org.superAdminUserId) {
    await ctx.db.update(organizations).set({ superAdminUserId }).where(eq(organizations.id, org.id));
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

/** LIMIT_EXCEEDED when the main organization already links as many Workspaces as it may. */
export async function assertBelowLimit(ctx: ServiceContext, org: OrganizationRow): Promise<void> {
  const [linked] = await ctx.db.select({ n: count() }).from(workspaceLinks).where(eq(workspaceLinks.mainOrganizationId, org.id));
  if ((linked?.n ?? 0) >= org.workspaceLimit) {
    throw limitExceeded(`${org.name} already links ${linked?.n ?? 0} of ${org.workspaceLimit} Workspaces; ask ops to raise the limit.`);
  }
}

/** The longest-standing active Administrator of the main organization's own Workspaces. */
async function electSuperAdmin(ctx: ServiceContext, organizationId: string): Promise<string | null> {
  const [first] = await ctx.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(workspaces.organizationId, organizationId), eq(memberships.role, 'ADMINISTRATOR'), eq(memberships.status, 'ACTIVE')))
    .orderBy(asc(memberships.joinedAt), asc(memberships.userId))
    .limit(1);
  return first?.userId ?? null;
}

/**
 * Unlinks a Workspace. The SuperAdmin role goes with the link: the former SuperAdmin stays, as
 * Administrator, only where they had a membership; elsewhere they lose access. Nobody else changes.
 */
export const unlinkWorkspace = async ({ ctx, input }: { ctx: ServiceContext; input: { workspaceId: string } }): Promise<WorkspaceRow> => {
  requireOperator(ctx);
  const workspace = await requireWorkspace(ctx, input.workspaceId, 'workspaceId');
  const [link] = await ctx.db.select().from(workspaceLinks).where(eq(workspaceLinks.workspaceId, workspace.id));
  if (!link) throw badInput('workspaceId', 'This Workspace is not linked.');
  const org = await lockOrganization(ctx, link.mainOrganizationId, 'workspaceId');
  await ctx.db.delete(workspaceLinks).where(eq(workspaceLinks.workspaceId, workspace.id));
  const superAdmin = org.superAdminUserId;
  if (superAdmin) {
    await ctx.db
      .update(memberships)
      .set({ role: 'ADMINISTRATOR' })
      .where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, superAdmin)));
    const [remaining] = await ctx.db.select({ n: count() }).from(workspaceLinks).where(eq(workspaceLinks.mainOrganizationId, org.id));
    if ((remaining?.n ?? 0) === 0) await ctx.db.update(organizations).set({ superAdminUserId: null }).where(eq(organizations.id, org.id));
    await moveDefaultIfLost(ctx, superAdmin);
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

/** Makes a user the SuperAdmin of a main organization; they must be active in one of its own Workspaces. */
export const assignSuperAdmin = async ({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { mainOrganizationId: string; userId: string };
}): Promise<OrganizationRow> => {
  requireOperator(ctx);
  const org = await lockOrganization(ctx, input.mainOrganizationId, 'mainOrganizationId');
  if (org.package !== 'PRO') throw forbidden('A SuperAdmin needs the Pro package.');
  const [candidate] = await ctx.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(workspaces.organizationId, org.id), eq(memberships.userId, input.userId), eq(memberships.status, 'ACTIVE')))
    .limit(1);
  if (!candidate) throw badInput('userId', "The SuperAdmin must be an active member of one of the main organization's own Workspaces.");
  const [updated] = await ctx.db
    .update(organizations)
    .set({ superAdminUserId: candidate.userId })
    .where(eq(organizations.id, org.id))
    .returning();
  if (!updated) throw new Error('organization vanished while locked');
  if (org.superAdminUserId && org.superAdminUserId !== candidate.userId) await moveDefaultIfLost(ctx, org.superAdminUserId);
  await recordAudit(ctx, {
    workspaceId: null,
    action: 'organization.super_admin_assigned',
    targetType: 'organization',
    targetId: org.id,
    before: { superAdminUserId: org.superAdminUserId },
    after: { superAdminUserId: candidate.userId },
  });
  return updated;
};

/** When a user can no longer enter their default Workspace, move it to the next one they can. */
async function moveDefaultIfLost(ctx: ServiceContext, userId: string): Promise<void> {
  await queryRows(
    ctx.db,
    sql`UPDATE ${users} SET default_workspace_id = app_first_accessible_workspace(${userId}::uuid, NULL)
        WHERE id = ${userId}::uuid AND default_workspace_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = ${userId}::uuid AND m.workspace_id = users.default_workspace_id AND m.status = 'ACTIVE')
          AND NOT EXISTS (SELECT 1 FROM workspace_links l JOIN organizations o ON o.id = l.main_organization_id
                          WHERE l.workspace_id = users.default_workspace_id AND o.super_admin_user_id = ${userId}::uuid)`,
  );
}
