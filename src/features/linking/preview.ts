import { requireOperator } from '../../auth/guard';
import type { UserRow } from '../../db/schema';
import type { ServiceContext, Verb } from '../../server/context';
import { findMembership } from '../memberships/queries';
import { requireOrganization, requireWorkspace } from '../ops/service';
import { countLinkedWorkspaces } from '../workspaces/queries';
import { assertCanLink, requireLink, superAdminAfterLink } from './service';

/** What a link or unlink would do to one Workspace (the LinkImpact of the API). */
export interface LinkImpactModel {
  superAdmin: UserRow | null;
  gainsAccess: UserRow[];
  losesAccess: UserRow[];
  becomesAdministrator: UserRow[];
  linkedAfter: number;
  limit: number;
}

/*
 * The previews run the checks of the real operations (shared in ./service.ts, in the same order, with
 * the same errors) and then derive the effect from the one rule that changes access: only the
 * SuperAdmin's access moves with a link; every membership stays as it is. They read without locking
 * and write nothing.
 */

/** Operators: what linkWorkspace(mainOrganizationId, workspaceId) would do. */
export const previewLinkWorkspace: Verb<{ mainOrganizationId: string; workspaceId: string }, LinkImpactModel> = async ({ ctx, input }) => {
  requireOperator(ctx);
  const org = await requireOrganization(ctx, input.mainOrganizationId, 'mainOrganizationId');
  const workspace = await requireWorkspace(ctx, input.workspaceId, 'workspaceId');
  const linked = await assertCanLink(ctx, org, workspace);
  const superAdmin = await loadUser(ctx, await superAdminAfterLink(ctx, org));
  // The SuperAdmin enters as SUPER_ADMIN; they gain access unless an active membership lets them in already.
  const entersAlready = superAdmin ? await isActiveMember(ctx, workspace.id, superAdmin.id) : true;
  return {
    superAdmin,
    gainsAccess: superAdmin && !entersAlready ? [superAdmin] : [],
    losesAccess: [],
    becomesAdministrator: [],
    linkedAfter: linked + 1,
    limit: org.workspaceLimit,
  };
};

/** Operators: what unlinkWorkspace(workspaceId) would do. */
export const previewUnlinkWorkspace: Verb<{ workspaceId: string }, LinkImpactModel> = async ({ ctx, input }) => {
  requireOperator(ctx);
  const workspace = await requireWorkspace(ctx, input.workspaceId, 'workspaceId');
  const link = await requireLink(ctx, workspace);
  const org = await requireOrganization(ctx, link.mainOrganizationId, 'workspaceId');
  const superAdmin = await loadUser(ctx, org.superAdminUserId);
  // The former SuperAdmin's membership (if any) becomes ADMINISTRATOR; only an active one lets them in.
  const staysAsAdministrator = superAdmin ? await isActiveMember(ctx, workspace.id, superAdmin.id) : false;
  const linked = await countLinkedWorkspaces(ctx.db, org.id);
  return {
    superAdmin,
    gainsAccess: [],
    losesAccess: superAdmin && !staysAsAdministrator ? [superAdmin] : [],
    becomesAdministrator: superAdmin && staysAsAdministrator ? [superAdmin] : [],
    linkedAfter: linked - 1,
    limit: org.workspaceLimit,
  };
};

async function isActiveMember(ctx: ServiceContext, workspaceId: string, userId: string): Promise<boolean> {
  return (await findMembership(ctx.db, workspaceId, userId))?.status === 'ACTIVE';
}

async function loadUser(ctx: ServiceContext, id: string | null): Promise<UserRow | null> {
  return id ? ctx.loaders.user.load(id) : null;
}
