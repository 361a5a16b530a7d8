import type { SimRow } from '../../../../db/schema';
import { badInput } from '../../../../errors';
import type { SimStatus } from '../../../../graphql/generated/resolvers-types';
import type { Verb } from '../../../../server/context';
import { type AuditInput, recordAuditMany } from '../../../audit/record';
import { fleetChanged, fleetWriter } from '../../access';
import { SIM_TRANSITIONS } from '../../sims/lifecycle';
import { assertAllFound, bulkIds, listSome } from '../ids';
import { lockSims, releaseSims, setSimStatus } from '../queries';

/**
 * Moves 1 to 500 SIMs of the active Workspace to one status along the lifecycle, all or nothing. SIMs
 * already in it are left as they are (no event) and returned too. A SIM moved to DELETED leaves its
 * device, as with updateSim. Returns the SIMs in the order of `ids`.
 */
export const updateSimStatuses: Verb<{ ids: readonly string[]; status: SimStatus }, SimRow[]> = async ({ ctx, input }) => {
  const workspaceId = fleetWriter(ctx);
  const ids = bulkIds(input.ids, 'SIM');
  const target = input.status;
  const locked = await lockSims(ctx.db, workspaceId, ids);
  assertAllFound(ids, new Set(locked.map((s) => s.id)), 'SIM');
  assertTransitions(ids, locked, target);

  const moving = locked.filter((s) => s.status !== target);
  const movingIds = moving.map((s) => s.id);
  const events: AuditInput[] = [];
  if (target === 'DELETED') {
    for (const holder of await releaseSims(ctx.db, workspaceId, movingIds)) {
      events.push({
        workspaceId,
        action: 'endpoint.updated',
        targetType: 'endpoint',
        targetId: holder.id,
        before: { simId: holder.simId },
        after: { simId: null },
      });
    }
  }
  const updated = new Map((await setSimStatus(ctx.db, workspaceId, movingIds, target)).map((s) => [s.id, s]));
  for (const before of moving) {
    events.push({ workspaceId, action: 'sim.updated', targetType: 'sim', targetId: before.id, before, after: updated.get(before.id) });
  }
  await recordAuditMany(ctx, events);
  fleetChanged(ctx);
  const byId = new Map(locked.map((s) => [s.id, updated.get(s.id) ?? s]));
  return ids.map((id) => byId.get(id) as SimRow);
};

/** Every SIM must be able to make the move (or be there already); the others are named by ICCID. */
function assertTransitions(ids: readonly string[], sims: readonly SimRow[], target: SimStatus): void {
  const byId = new Map(sims.map((s) => [s.id, s]));
  const stuck = ids.map((id) => byId.get(id) as SimRow).filter((s) => s.status !== target && !SIM_TRANSITIONS[s.status].includes(target));
  if (!stuck.length) return;
  const listed = listSome(stuck.map((s) => `${s.iccid} (${s.status})`));
  throw badInput(
    'status',
    `${stuck.length === 1 ? 'This SIM cannot' : `These ${stuck.length} SIMs cannot`} go to ${target}: ${listed}. Nothing was changed.`,
  );
}
