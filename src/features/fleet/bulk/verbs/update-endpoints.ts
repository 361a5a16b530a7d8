import type { EndpointRow } from '../../../../db/schema';
import { badInput } from '../../../../errors';
import type { BulkUpdateEndpointsInput, EndpointStatus } from '../../../../graphql/generated/resolvers-types';
import type { Verb } from '../../../../server/context';
import { type AuditInput, recordAuditMany } from '../../../audit/record';
import { fleetChanged, fleetWriter } from '../../access';
import { tagsOfEndpoints } from '../../endpoints/queries';
import { MAX_TAGS, validTags } from '../../identifiers';
import { assertAllFound, bulkIds, listSome } from '../ids';
import { addTags, lockEndpoints, removeTags, touchEndpoints } from '../queries';

interface Change {
  status: EndpointStatus | null;
  add: string[];
  remove: string[];
}

/**
 * Sets the status and/or adds and removes tags on 1 to 500 devices of the active Workspace, all or
 * nothing. Devices the change leaves as they were get no audit event; the others get
 * `endpoint.updated` with before and after, as updateEndpoint writes it. Returns the devices in the
 * order of `ids`.
 */
export const updateEndpoints: Verb<{ ids: readonly string[]; input: BulkUpdateEndpointsInput }, EndpointRow[]> = async ({ ctx, input }) => {
  const workspaceId = fleetWriter(ctx);
  const ids = bulkIds(input.ids, 'device');
  const change = validChange(input.input);
  const locked = await lockEndpoints(ctx.db, workspaceId, ids);
  assertAllFound(ids, new Set(locked.map((e) => e.id)), 'device');

  const tagsBefore = await currentTags(ctx.db, workspaceId, ids);
  const tagsAfter = new Map(locked.map((e) => [e.id, nextTags(tagsBefore.get(e.id) ?? [], change)]));
  assertTagLimit(locked, tagsAfter);
  const changed = locked.filter(
    (e) => (change.status !== null && change.status !== e.status) || !sameTags(tagsBefore.get(e.id) ?? [], tagsAfter.get(e.id) ?? []),
  );
  const changedIds = changed.map((e) => e.id);

  await removeTags(ctx.db, workspaceId, changedIds, change.remove);
  await addTags(
    ctx.db,
    changed.flatMap((e) =>
      change.add.filter((tag) => !(tagsBefore.get(e.id) ?? []).includes(tag)).map((tag) => ({ workspaceId, endpointId: e.id, tag })),
    ),
  );
  const updated = new Map((await touchEndpoints(ctx.db, workspaceId, changedIds, change.status)).map((e) => [e.id, e]));
  await recordAuditMany(
    ctx,
    changed.map(
      (before): AuditInput => ({
        workspaceId,
        action: 'endpoint.updated',
        targetType: 'endpoint',
        targetId: before.id,
        before: { ...before, tags: tagsBefore.get(before.id) ?? [] },
        after: { ...updated.get(before.id), tags: tagsAfter.get(before.id) ?? [] },
      }),
    ),
  );
  fleetChanged(ctx);
  const byId = new Map(locked.map((e) => [e.id, updated.get(e.id) ?? e]));
  return ids.map((id) => byId.get(id) as EndpointRow);
};

/** At least one field; tags as createEndpoint accepts them; a tag is either added or removed. */
function validChange(input: BulkUpdateEndpointsInput): Change {
  const add = validTags('addTags', input.addTags ?? []);
  const remove = validTags('removeTags', input.removeTags ?? []);
  const status = input.status ?? null;
  if (status === null && !add.length && !remove.length) {
    throw badInput('input', 'Say what changes: a status, tags to add or tags to remove.');
  }
  const both = add.filter((tag) => remove.includes(tag));
  if (both.length) throw badInput('removeTags', `A tag cannot be added and removed at once: ${listSome(both.map((t) => `"${t}"`))}.`);
  return { status, add, remove };
}

async function currentTags(db: Parameters<typeof tagsOfEndpoints>[0], workspaceId: string, ids: readonly string[]) {
  const byDevice = new Map<string, string[]>();
  for (const row of await tagsOfEndpoints(db, [workspaceId], ids)) {
    byDevice.set(row.endpointId, [...(byDevice.get(row.endpointId) ?? []), row.tag]);
  }
  return byDevice;
}

/** The tags a device carries after the change, alphabetically as they are read back. */
function nextTags(current: readonly string[], change: Change): string[] {
  const kept = current.filter((tag) => !change.remove.includes(tag));
  return [...new Set([...kept, ...change.add])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((tag, i) => tag === b[i]);

/** A device may carry at most 20 tags: the devices that would exceed it are named, and nothing changes. */
function assertTagLimit(devices: readonly EndpointRow[], tagsAfter: ReadonlyMap<string, readonly string[]>): void {
  const over = devices.filter((e) => (tagsAfter.get(e.id)?.length ?? 0) > MAX_TAGS);
  if (!over.length) return;
  const names = listSome(over.map((e) => `"${e.name}"`));
  throw badInput(
    'addTags',
    `A device may have at most ${MAX_TAGS} tags; with these, ${over.length === 1 ? 'this device' : `${over.length} devices`} would have more: ${names}. Nothing was changed.`,
  );
}
