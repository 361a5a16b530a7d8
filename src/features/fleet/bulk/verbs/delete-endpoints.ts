import type { Verb } from '../../../../server/context';
import { recordAuditMany } from '../../../audit/record';
import { fleetChanged, fleetWriter } from '../../access';
import { tagsOfEndpoints } from '../../endpoints/queries';
import { assertAllFound, bulkIds } from '../ids';
import { deleteEndpointRows, lockEndpoints } from '../queries';

/**
 * Deletes 1 to 500 devices of the active Workspace, all or nothing; their tags go with them and their
 * SIMs are free again, as with deleteEndpoint. One `endpoint.deleted` event per device. Returns the count.
 */
export const deleteEndpoints: Verb<{ ids: readonly string[] }, number> = async ({ ctx, input }) => {
  const workspaceId = fleetWriter(ctx);
  const ids = bulkIds(input.ids, 'device');
  const locked = await lockEndpoints(ctx.db, workspaceId, ids);
  assertAllFound(ids, new Set(locked.map((e) => e.id)), 'device');
  const tags = new Map<string, string[]>();
  for (const row of await tagsOfEndpoints(ctx.db, [workspaceId], ids)) {
    tags.set(row.endpointId, [...(tags.get(row.endpointId) ?? []), row.tag]);
  }
  const deleted = await deleteEndpointRows(ctx.db, workspaceId, ids);
  await recordAuditMany(
    ctx,
    locked.map((before) => ({
      workspaceId,
      action: 'endpoint.deleted' as const,
      targetType: 'endpoint' as const,
      targetId: before.id,
      before: { ...before, tags: tags.get(before.id) ?? [] },
    })),
  );
  fleetChanged(ctx);
  return deleted;
};
