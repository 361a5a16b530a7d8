import { and, eq, sql } from 'drizzle-orm';
import { type EndpointRow, endpoints } from '../../../db/schema';
import { badInput, conflict, isUniqueViolation, notFound } from '../../../errors';
import { type Connection, pageSize, toConnection } from '../../../graphql/connection';
import type { ServiceContext } from '../../../server/context';
import type { CreateEndpointInput, EndpointFilter, EndpointOrder, UpdateEndpointInput } from '../../../graphql/generated/resolvers-types';
import { validName } from '../../../validation';
import { recordAudit } from '../../audit/record';
import { filterTag, fleetChanged, fleetReader, fleetWriter, given } from '../access';
import { validImei, validIpAddress, validTags } from '../identifiers';
import { keyset, searchTerm, statusList } from '../paging';
import { findCoveragePolicy, findServicePolicy } from '../policies/queries';
import { findSim } from '../sims/queries';
import {
  countEndpoints,
  ENDPOINT_ORDERS,
  endpointConditions,
  findEndpoint,
  findEndpointHolding,
  pageEndpoints,
  replaceTags,
  tagsOf,
} from './queries';

const SIM_TAKEN = 'endpoints_workspace_sim_key';

export async function listEndpoints({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { first?: number | null; after?: string | null; filter?: EndpointFilter | null; orderBy?: EndpointOrder | null };
}): Promise<Connection<EndpointRow>> {
  const workspaceId = fleetReader(ctx);
  const size = pageSize(input.first);
  const page = keyset(ENDPOINT_ORDERS[input.orderBy ?? 'CREATED_DESC'], input.after);
  const where = endpointConditions(workspaceId, {
    statuses: statusList(input.filter?.status),
    tag: filterTag(input.filter?.tag),
    search: searchTerm(input.filter?.search),
  });
  const rows = await pageEndpoints(ctx.db, where, page, size + 1);
  return toConnection(rows, size, await countEndpoints(ctx.db, where), page.cursorOf);
}

/** A device of the active Workspace; any other id is NOT_FOUND. */
export async function getEndpoint({ ctx, input }: { ctx: ServiceContext; input: { id: string } }): Promise<EndpointRow> {
  const workspaceId = fleetReader(ctx);
  const endpoint = await findEndpoint(ctx.db, workspaceId, input.id);
  if (!endpoint) throw notFound('Device', 'id');
  return endpoint;
}

export async function createEndpoint({ ctx, input }: { ctx: ServiceContext; input: CreateEndpointInput }): Promise<EndpointRow> {
  const workspaceId = fleetWriter(ctx);
  const tags = validTags('tags', input.tags ?? []);
  const values = {
    workspaceId,
    name: validName('name', input.name),
    status: input.status ?? 'ENABLED',
    imei: input.imei ? validImei('imei', input.imei) : null,
    ipAddress: input.ipAddress ? validIpAddress('ipAddress', input.ipAddress) : null,
    simId: input.simId ? await assignableSim(ctx, workspaceId, input.simId, null) : null,
    servicePolicyId: input.servicePolicyId ? await servicePolicyId(ctx, workspaceId, input.servicePolicyId) : null,
    coveragePolicyId: input.coveragePolicyId ? await coveragePolicyId(ctx, workspaceId, input.coveragePolicyId) : null,
  };
  const endpoint = await simTakenIsConflict(async () => {
    const [row] = await ctx.db.insert(endpoints).values(values).returning();
    return row;
  });
  await replaceTags(ctx.db, workspaceId, endpoint.id, tags);
  await recordAudit(ctx, {
    workspaceId,
    action: 'endpoint.created',
    targetType: 'endpoint',
    targetId: endpoint.id,
    after: { ...endpoint, tags },
  });
  fleetChanged(ctx);
  return endpoint;
}

/** Changes a device: absent fields stay, null clears the optional ones (a SIM set to null leaves the device). */
export async function updateEndpoint({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; input: UpdateEndpointInput };
}): Promise<EndpointRow> {
  const workspaceId = fleetWriter(ctx);
  const changes = input.input;
  const before = await findEndpoint(ctx.db, workspaceId, input.id, true);
  if (!before) throw notFound('Device', 'id');
  const beforeTags = await tagsOf(ctx.db, workspaceId, before.id);
  const patch: Partial<Omit<EndpointRow, 'workspaceId' | 'id' | 'seq' | 'createdAt' | 'updatedAt'>> = {};
  if (changes.name != null) patch.name = validName('name', changes.name);
  if (changes.status != null) patch.status = changes.status;
  if (given(changes.imei)) patch.imei = changes.imei === null ? null : validImei('imei', changes.imei);
  if (given(changes.ipAddress)) patch.ipAddress = changes.ipAddress === null ? null : validIpAddress('ipAddress', changes.ipAddress);
  if (given(changes.simId) && changes.simId !== before.simId) {
    patch.simId = changes.simId === null ? null : await assignableSim(ctx, workspaceId, changes.simId, before.id);
  }
  if (given(changes.servicePolicyId)) {
    patch.servicePolicyId = changes.servicePolicyId === null ? null : await servicePolicyId(ctx, workspaceId, changes.servicePolicyId);
  }
  if (given(changes.coveragePolicyId)) {
    patch.coveragePolicyId = changes.coveragePolicyId === null ? null : await coveragePolicyId(ctx, workspaceId, changes.coveragePolicyId);
  }
  const tags = changes.tags != null ? validTags('tags', changes.tags) : beforeTags;

  const after = await simTakenIsConflict(async () => {
    const [row] = await ctx.db
      .update(endpoints)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(and(eq(endpoints.workspaceId, workspaceId), eq(endpoints.id, before.id)))
      .returning();
    return row;
  });
  if (changes.tags != null) await replaceTags(ctx.db, workspaceId, before.id, tags);
  await recordAudit(ctx, {
    workspaceId,
    action: 'endpoint.updated',
    targetType: 'endpoint',
    targetId: before.id,
    before: { ...before, tags: beforeTags },
    after: { ...after, tags },
  });
  fleetChanged(ctx);
  return after;
}

/** Deletes a device (and its tags); its SIM is free again. */
export async function deleteEndpoint({ ctx, input }: { ctx: ServiceContext; input: { id: string } }): Promise<boolean> {
  const workspaceId = fleetWriter(ctx);
  const before = await findEndpoint(ctx.db, workspaceId, input.id, true);
  if (!before) throw notFound('Device', 'id');
  const tags = await tagsOf(ctx.db, workspaceId, before.id);
  await ctx.db.delete(endpoints).where(and(eq(endpoints.workspaceId, workspaceId), eq(endpoints.id, before.id)));
  await recordAudit(ctx, {
    workspaceId,
    action: 'endpoint.deleted',
    targetType: 'endpoint',
    targetId: before.id,
    before: { ...before, tags },
  });
  fleetChanged(ctx);
  return true;
}

/**
 * A SIM of the Workspace that may go into device `endpointId` (null: a new device). The SIM row is
 * locked first, so two requests assigning the same SIM are serialized and the second sees the first.
 */
async function assignableSim(ctx: ServiceContext, workspaceId: string, simId: string, endpointId: string | null): Promise<string> {
  const sim = await findSim(ctx.db, workspaceId, simId, true);
  if (!sim) throw notFound('SIM', 'simId');
  if (sim.status === 'DELETED') throw badInput('simId', 'A DELETED SIM cannot go into a device.');
  const holder = await findEndpointHolding(ctx.db, workspaceId, sim.id);
  if (holder && holder.id !== endpointId)
    throw conflict(`This SIM is already in the device "${holder.name}"; take it out there first.`, 'simId');
  return sim.id;
}

async function servicePolicyId(ctx: ServiceContext, workspaceId: string, id: string): Promise<string> {
  const policy = await findServicePolicy(ctx.db, workspaceId, id);
  if (!policy) throw notFound('Service policy', 'servicePolicyId');
  return policy.id;
}

async function coveragePolicyId(ctx: ServiceContext, workspaceId: string, id: string): Promise<string> {
  const policy = await findCoveragePolicy(ctx.db, workspaceId, id);
  if (!policy) throw notFound('Coverage policy', 'coveragePolicyId');
  return policy.id;
}

/** The unique index is the last word on "one SIM, one device" (should a race slip past the lock). */
async function simTakenIsConflict(write: () => Promise<EndpointRow | undefined>): Promise<EndpointRow> {
  try {
    const row = await write();
    if (!row) throw new Error('the device write returned no row');
    return row;
  } catch (error) {
    if (isUniqueViolation(error, SIM_TAKEN)) throw conflict('This SIM is already in another device.', 'simId');
    throw error;
  }
}
