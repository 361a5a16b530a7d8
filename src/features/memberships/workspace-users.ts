import { requireRole } from '../../auth/guard';
import { badInput, isUuid } from '../../errors';
import { type Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '../../graphql/connection';
import type { ServiceContext } from '../../server/context';
import type { MembershipModel } from './model';
import { countMemberships, findMembership, pageMemberships } from './queries';
import { superAdminOf } from './superadmin';

const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Where a page starts: after the SuperAdmin's entry (rank 0) or after a membership row (rank 1). */
type Keyset = { rank: 0 } | { rank: 1; joinedAt: string; userId: string };

/**
 * Members of the active Workspace (Administrator or SuperAdmin). While the Workspace is linked, its
 * SuperAdmin is listed too, with role SUPER_ADMIN: first, when they hold no membership row here;
 * otherwise in their row's place, its role and status replaced by their effective SUPER_ADMIN / ACTIVE.
 */
export async function listWorkspaceUsers({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { first?: number | null; after?: string | null };
}): Promise<Connection<MembershipModel>> {
  const { active } = requireRole(ctx, 'members:manage');
  const size = pageSize(input.first);
  const after = parseKeyset(decodeCursor(input.after, 3));
  const workspace = active.workspace;
  const superAdmin = await superAdminOf(ctx, workspace);
  const superAdminRow = superAdmin ? await findMembership(ctx.db, workspace.id, superAdmin.userId) : null;

  const items: { node: MembershipModel; cursor: string }[] = [];
  const synthetic = superAdmin && !superAdminRow;
  if (synthetic && !after) {
    items.push({
      node: { workspaceId: workspace.id, userId: superAdmin.userId, role: 'SUPER_ADMIN', status: 'ACTIVE', joinedAt: superAdmin.linkedAt },
      cursor: encodeCursor([0, '', superAdmin.userId]),
    });
  }
  const rows = await pageMemberships(ctx.db, workspace.id, after?.rank === 1 ? after : null, size + 1 - items.length);
  for (const { row, joinedAtText } of rows) {
    const node: MembershipModel = row.userId === superAdmin?.userId ? { ...row, role: 'SUPER_ADMIN', status: 'ACTIVE' } : row;
    items.push({ node, cursor: encodeCursor([1, joinedAtText, row.userId]) });
  }
  const totalCount = (await countMemberships(ctx.db, workspace.id)) + (synthetic ? 1 : 0);
  const page = toConnection(items, size, totalCount, (item) => item.cursor);
  return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.node })) };
}

function parseKeyset(values: (string | number)[] | null): Keyset | null {
  if (!values) return null;
  const [rank, joinedAt, userId] = values;
  if (rank === 0) return { rank: 0 };
  if (rank === 1 && typeof joinedAt === 'string' && ISO_MICROS.test(joinedAt) && typeof userId === 'string' && isUuid(userId)) {
    return { rank: 1, joinedAt, userId };
  }
  throw badInput('after', 'after is not a cursor from this list.');
}
