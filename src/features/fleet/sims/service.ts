import { type Connection, type PageArgs, paginate } from '../../../db/paging';
import type { SimRow } from '../../../db/schema';
import { badInput, conflict, notFound } from '../../../errors';
import type { SimFilter, SimOrder, SimStatus, UpdateSimInput } from '../../../graphql/generated/resolvers-types';
import type { Verb } from '../../../server/context';
import { recordAudit, recordAuditMany } from '../../audit/record';
import { filterTag, fleetChanged, fleetReader, fleetWriter, given } from '../access';
import { releaseSim } from '../endpoints/queries';
import { iccidProblem, validImsi, validMsisdn } from '../identifiers';
import { searchTerm, statusList } from '../search';
import { assertTransition, INITIAL_STATUSES } from './lifecycle';
import { countSims, findSim, insertSims, pageSims, SIM_ORDERS, type SimPatch, updateSimRow } from './queries';

export const MAX_SIMS_PER_REGISTRATION = 1000;

export interface ListSimsInput extends PageArgs {
  filter?: SimFilter | null;
  orderBy?: SimOrder | null;
}

/** The active Workspace's SIMs, filtered and sorted (newest first by default). */
export const listSims: Verb<ListSimsInput, Connection<SimRow>> = async ({ ctx, input }) => {
  const workspaceId = fleetReader(ctx);
  const filter = {
    statuses: statusList(input.filter?.status),
    tag: filterTag(input.filter?.tag),
    search: searchTerm(input.filter?.search),
    assigned: input.filter?.assigned ?? null,
  };
  return paginate({
    ctx,
    order: SIM_ORDERS[input.orderBy ?? 'CREATED_DESC'],
    page: input,
    rows: (page) => pageSims(ctx.db, workspaceId, filter, page),
    count: () => countSims(ctx.db, workspaceId, filter),
  });
};

/** A SIM of the active Workspace; any other id is NOT_FOUND. */
export const getSim: Verb<{ id: string }, SimRow> = async ({ ctx, input }) => {
  const workspaceId = fleetReader(ctx);
  const sim = await findSim(ctx.db, workspaceId, input.id);
  if (!sim) throw notFound('SIM', 'id');
  return sim;
};

/** Registers up to 1,000 SIMs in the active Workspace, all or nothing (an error rolls the request back). */
export const registerSims: Verb<{ iccids: readonly string[]; status?: SimStatus | null }, SimRow[]> = async ({ ctx, input }) => {
  const workspaceId = fleetWriter(ctx);
  if (input.iccids.length > MAX_SIMS_PER_REGISTRATION) {
    throw badInput('iccids', `At most ${MAX_SIMS_PER_REGISTRATION} ICCIDs per call (got ${input.iccids.length}).`);
  }
  const status = input.status ?? 'ISSUED';
  if (!INITIAL_STATUSES.includes(status)) throw badInput('status', `A SIM is registered as ${INITIAL_STATUSES.join(' or ')}.`);
  const iccids = validIccids(input.iccids);
  if (!iccids.length) return [];
  // Unique checks see every Workspace (RLS does not apply to them): a card held anywhere is not inserted.
  const inserted = await insertSims(ctx.db, workspaceId, [...new Set(iccids)], status);
  const blocked = unavailablePositions(iccids, new Set(inserted.map((s) => s.iccid)));
  if (blocked.length) throw unavailable(blocked);
  await recordAuditMany(
    ctx,
    inserted.map((sim) => ({ workspaceId, action: 'sim.registered', targetType: 'sim', targetId: sim.id, after: sim })),
  );
  fleetChanged(ctx);
  const byIccid = new Map(inserted.map((s) => [s.iccid, s]));
  return iccids.map((iccid) => byIccid.get(iccid) as SimRow);
};

/** Changes a SIM's status (along the lifecycle), IMSI or MSISDN. A DELETED SIM leaves its device. */
export const updateSim: Verb<{ id: string; input: UpdateSimInput }, SimRow> = async ({ ctx, input }) => {
  const workspaceId = fleetWriter(ctx);
  const changes = input.input;
  const before = await findSim(ctx.db, workspaceId, input.id, true);
  if (!before) throw notFound('SIM', 'id');
  const patch: SimPatch = {};
  if (changes.status) {
    assertTransition(before.status, changes.status);
    if (changes.status !== before.status) patch.status = changes.status;
  }
  if (given(changes.imsi)) patch.imsi = changes.imsi === null ? null : validImsi('imsi', changes.imsi);
  if (given(changes.msisdn)) patch.msisdn = changes.msisdn === null ? null : validMsisdn('msisdn', changes.msisdn);
  if (Object.entries(patch).every(([key, value]) => before[key as keyof typeof patch] === value)) return before;

  if (patch.status === 'DELETED') {
    for (const deviceId of await releaseSim(ctx.db, workspaceId, before.id)) {
      await recordAudit(ctx, {
        workspaceId,
        action: 'endpoint.updated',
        targetType: 'endpoint',
        targetId: deviceId,
        before: { simId: before.id },
        after: { simId: null },
      });
    }
  }
  const after = await updateSimRow(ctx.db, workspaceId, before.id, patch);
  if (!after) throw new Error('SIM vanished while locked');
  await recordAudit(ctx, { workspaceId, action: 'sim.updated', targetType: 'sim', targetId: after.id, before, after });
  fleetChanged(ctx);
  return after;
};

/**
 * The trimmed ICCIDs, or BAD_USER_INPUT listing every bad one by its line (1-based position in the
 * batch), so the portal can point at the lines: "Line 3: ICCID has an invalid check digit; line 7: …".
 */
function validIccids(values: readonly string[]): string[] {
  const iccids = values.map((value) => value.trim());
  const problems = iccids.flatMap((iccid, index) => {
    const problem = iccidProblem('iccids', iccid);
    return problem ? [`line ${index + 1}: ${problem.replace(/\.$/, '')}`] : [];
  });
  if (problems.length) {
    const text = listSome(problems).replace(/, (?=line )/g, '; ');
    throw badInput('iccids', `${text.charAt(0).toUpperCase()}${text.slice(1)}.`);
  }
  return iccids;
}

/**
 * The positions of ICCIDs that cannot be registered: held by any Workspace (this one included) or
 * repeating an earlier entry of the batch.
 */
function unavailablePositions(iccids: readonly string[], stored: ReadonlySet<string>): number[] {
  const seen = new Set<string>();
  return iccids.flatMap((iccid, index) => {
    const repeated = seen.has(iccid);
    seen.add(iccid);
    return repeated || !stored.has(iccid) ? [index] : [];
  });
}

/**
 * One answer for every reason an ICCID cannot be registered, so it never tells a card held by another
 * Workspace from one of this Workspace or a repeat within the batch (docs/api.md, registerSims). It
 * names positions, not reasons: the caller knows which cards they sent.
 */
function unavailable(positions: readonly number[]) {
  const lines = listSome(positions.map((i) => String(i + 1)));
  return conflict(
    `${positions.length === 1 ? 'The ICCID on line' : 'The ICCIDs on lines'} ${lines} cannot be registered: a card is registered once, in one Workspace. Nothing was registered.`,
    'iccids',
  );
}

function listSome(values: readonly string[], max = 20): string {
  return values.length > max ? `${values.slice(0, max).join(', ')} and ${values.length - max} more` : values.join(', ');
}
