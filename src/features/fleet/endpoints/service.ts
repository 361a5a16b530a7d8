import { type Connection, type PageArgs, paginate } from '../../../db/paging';
import type { EndpointRow } from '../../../db/schema';
import { badInput, conflict, isUniqueViolation, notFound } from '../../../errors';
import type { CreateEndpointInput, EndpointFilter, EndpointOrder, UpdateEndpointInput } from '../../../graphql/generated/resolvers-types';
import type { ServiceContext, Verb } from '../../../server/context';
import { validName } from '../../../validation';
import { recordAudit } from '../../audit/record';
import { filterTag, fleetChanged, fleetReader, fleetWriter, given } from '../access';
import { validImei, validIpAddress, validTags } from '../identifiers';
import { findCoveragePolicy, findServicePolicy } from '../policies/queries';
import { searchTerm, statusList } from '../search';
import { findSim } from '../sims/queries';
import {
  countEndpoints,
  deleteEndpointRow,
  ENDPOINT_ORDERS,
  type EndpointPatch,
  findEndpoint,
  findEndpointHolding,
  insertEndpoint,
  pageEndpoints,
  replaceTags,
  tagsOf,
  updateEndpointRow,
} from './queries';

const SIM_TAKEN = 'endpoints_workspace_sim_key';

export interface ListEndpointsInput extends PageArgs {
  filter?: EndpointFilter | null;
  orderBy?: EndpointOrder | null;
}

/** The active Workspace's devices, filtered and sorted (newest first by default). */
export const listEndpoints: Verb<ListEndpointsInput, Connection<EndpointRow>> = async ({ ctx, input }) => {
  const workspaceId = fleetReader(ctx);
  const filter = {
    statuses: statusList(input.filter?.status),
    tag: filterTag(input.filter?.tag),
    search: searchTerm(input.filter?.search),
    servicePolicyId: input.filter?.servicePolicyId
      ? await servicePolicyId(ctx, workspaceId, input.filter.servicePolicyId, 'filter.servicePolicyId')
      : null,
    coveragePolicyId: input.filter?.coveragePolicyId
      ? await coveragePolicyId(ctx, workspaceId, input.filter.coveragePolicyId, 'filter.coveragePolicyId')
      : null,
  };
  return paginate({
    ctx,
    order: ENDPOINT_ORDERS[input.orderBy ?? 'CREATED_DESC'],
    page: input,
    rows: (page) => pageEndpoints(ctx.db, workspaceId, filter, page),
    count: () => countEndpoints(ctx.db, workspaceId, filter),
  });
};

/** A device of the active Workspace; any other id is NOT_FOUND. */
export const getEndpoint: Verb<{ id: string }, EndpointRow> = async ({ ctx, input }) => {
  const workspaceId = fleetReader(ctx);
  const endpoint = await findEndpoint(ctx.db, workspaceId, input.id);
  if (!endpoint) throw notFound('Device', 'id');
  return endpoint;
};

/** Creates a device in the active Workspace, with its SIM, policies and tags. */
export const createEndpoint: Verb<CreateEndpointInput, EndpointRow> = async ({ ctx, input }) => {
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
  const endpoint = await simTakenIsConflict(() => insertEndpoint(ctx.db, values));
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
};

/** Changes a device: absent fields stay, null clears the optional ones (a SIM set to null leaves the device). */
export const updateEndpoint: Verb<{ id: string; input: UpdateEndpointInput }, EndpointRow> = async ({ ctx, input }) => {
  const workspaceId = fleetWriter(ctx);
  const changes = input.input;
  const before = await findEndpoint(ctx.db, workspaceId, input.id, true);
  if (!before) throw notFound('Device', 'id');
  const beforeTags = await tagsOf(ctx.db, workspaceId, before.id);
  const patch: EndpointPatch = {};
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

  const after = await simTakenIsConflict(() => updateEndpointRow(ctx.db, workspaceId, before.id, patch));
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
};

/** Deletes a device (and its tags); its SIM is free again. */
export const deleteEndpoint: Verb<{ id: string }, boolean> = async ({ ctx, input }) => {
  const workspaceId = fleetWriter(ctx);
  const before = await findEndpoint(ctx.db, workspaceId, input.id, true);
  if (!before) throw notFound('Device', 'id');
  const tags = await tagsOf(ctx.db, workspaceId, before.id);
  await deleteEndpointRow(ctx.db, workspaceId, before.id);
  await recordAudit(ctx, {
    workspaceId,
    action: 'endpoint.deleted',
    targetType: 'endpoint',
    targetId: before.id,
    before: { ...before, tags },
  });
  fleetChanged(ctx);
  return true;
};

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

async function servicePolicyId(ctx: ServiceContext, workspaceId: string, id: string, field = 'servicePolicyId'): Promise<string> {
  const policy = await findServicePolicy(ctx.db, workspaceId, id);
  if (!policy) throw notFound('Service policy', field);
  return policy.id;
}

async function coveragePolicyId(ctx: ServiceContext, workspaceId: string, id: string, field = 'coveragePolicyId'): Promise<string> {
  const policy = await findCoveragePolicy(ctx.db, workspaceId, id);
  if (!policy) throw notFound('Coverage policy', field);
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
