import { requireRole } from '../../auth/guard';
import { type Connection, type PageArgs, paginate } from '../../db/paging';
import type { Verb } from '../../server/context';
import type { MembershipModel } from './model';
import { countMemberships, findMembership, type MemberEntry, pageMemberships, WORKSPACE_USERS_ORDER } from './queries';
import { superAdminOf } from './superadmin';

/**
 * Members of the active Workspace (Administrator or SuperAdmin). While the Workspace is linked, its
 * SuperAdmin is listed too, with role SUPER_ADMIN: first, when they hold no membership row here;
 * otherwise in their row's place, its role and status replaced by their effective SUPER_ADMIN / ACTIVE.
 */
export const listWorkspaceUsers: Verb<PageArgs, Connection<MembershipModel>> = async ({ ctx, input }) => {
  const { active } = requireRole(ctx, 'members:manage');
  const workspace = active.workspace;
  const superAdmin = await superAdminOf(ctx, workspace);
  const superAdminRow = superAdmin ? await findMembership(ctx.db, workspace.id, superAdmin.userId) : null;
  // The SuperAdmin without a row of their own is listed ahead of the rows (rank 0), on the first page only.
  const synthetic: MemberEntry | null =
    superAdmin && !superAdminRow
      ? {
          workspaceId: workspace.id,
          userId: superAdmin.userId,
          role: 'SUPER_ADMIN',
          status: 'ACTIVE',
          joinedAt: superAdmin.linkedAt,
          rank: 0,
          joinedAtKey: superAdmin.linkedAt.toISOString(),
        }
      : null;
  const effective = (entry: MemberEntry): MemberEntry =>
    entry.userId === superAdmin?.userId ? { ...entry, role: 'SUPER_ADMIN', status: 'ACTIVE' } : entry;
  return paginate<MemberEntry>({
    ctx,
    order: WORKSPACE_USERS_ORDER,
    page: input,
    rows: async (page) => {
      const first = synthetic && !page.after ? [synthetic] : [];
      const rows = await pageMemberships(ctx.db, workspace.id, { ...page, limit: page.limit - first.length });
      return [...first, ...rows.map(effective)];
    },
    count: async () => (await countMemberships(ctx.db, workspace.id)) + (synthetic ? 1 : 0),
  });
};
