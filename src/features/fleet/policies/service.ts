import { type Connection, type PageArgs, paginate } from '../../../db/paging';
import type { CoveragePolicyRow, ServicePolicyRow } from '../../../db/schema';
import { conflict, isUniqueViolation, notFound } from '../../../errors';
import type {
  CreateCoveragePolicyInput,
  CreateServicePolicyInput,
  UpdateCoveragePolicyInput,
  UpdateServicePolicyInput,
} from '../../../graphql/generated/resolvers-types';
import type { Verb } from '../../../server/context';
import { validName } from '../../../validation';
import { recordAudit } from '../../audit/record';
import { fleetChanged, fleetReader, fleetWriter, given } from '../access';
import {
  COVERAGE_POLICY_ORDER,
  type CoveragePolicyPatch,
  countCoveragePolicies,
  countServicePolicies,
  coveragePolicyNameTaken,
  deleteCoveragePolicyRow,
  deleteServicePolicyRow,
  devicesUsing,
  findCoveragePolicy,
  findServicePolicy,
  insertCoveragePolicy,
  insertServicePolicy,
  pageCoveragePolicies,
  pageServicePolicies,
  SERVICE_POLICY_ORDER,
  type ServicePolicyPatch,
  servicePolicyNameTaken,
  updateCoveragePolicyRow,
  updateServicePolicyRow,
} from './queries';
import { validCountries, validDataPlan, validLimit, validNetworks } from './validation';

const nameTaken = (kind: string) => conflict(`A ${kind} with this name already exists in this Workspace.`, 'name');

// --- service policies -----------------------------------------------------------------------------

/** The active Workspace's service policies, by name. */
export const listServicePolicies: Verb<PageArgs, Connection<ServicePolicyRow>> = async ({ ctx, input }) => {
  const workspaceId = fleetReader(ctx);
  return paginate({
    ctx,
    order: SERVICE_POLICY_ORDER,
    page: input,
    rows: (page) => pageServicePolicies(ctx.db, workspaceId, page),
    count: () => countServicePolicies(ctx.db, workspaceId),
  });
};

export const getServicePolicy: Verb<{ id: string }, ServicePolicyRow> = async ({ ctx, input }) => {
  const policy = await findServicePolicy(ctx.db, fleetReader(ctx), input.id);
  if (!policy) throw notFound('Service policy', 'id');
  return policy;
};

export const createServicePolicy: Verb<CreateServicePolicyInput, ServicePolicyRow> = async ({ ctx, input }) => {
  const workspaceId = fleetWriter(ctx);
  const values = {
    workspaceId,
    name: validName('name', input.name),
    dataEnabled: input.dataEnabled ?? true,
    smsEnabled: input.smsEnabled ?? true,
    monthlyDataLimitMb: validLimit('monthlyDataLimitMb', input.monthlyDataLimitMb ?? null),
    monthlySmsLimit: validLimit('monthlySmsLimit', input.monthlySmsLimit ?? null),
  };
  if (await servicePolicyNameTaken(ctx.db, workspaceId, values.name, null)) throw nameTaken('service policy');
  const policy = await uniqueName('service policy', () => insertServicePolicy(ctx.db, values));
  await recordAudit(ctx, {
    workspaceId,
    action: 'service_policy.created',
    targetType: 'service_policy',
    targetId: policy.id,
    after: policy,
  });
  fleetChanged(ctx);
  return policy;
};

export const updateServicePolicy: Verb<{ id: string; input: UpdateServicePolicyInput }, ServicePolicyRow> = async ({ ctx, input }) => {
  const workspaceId = fleetWriter(ctx);
  const changes = input.input;
  const before = await findServicePolicy(ctx.db, workspaceId, input.id, true);
  if (!before) throw notFound('Service policy', 'id');
  const patch: ServicePolicyPatch = {};
  if (changes.name != null) patch.name = validName('name', changes.name);
  if (changes.dataEnabled != null) patch.dataEnabled = changes.dataEnabled;
  if (changes.smsEnabled != null) patch.smsEnabled = changes.smsEnabled;
  if (given(changes.monthlyDataLimitMb)) patch.monthlyDataLimitMb = validLimit('monthlyDataLimitMb', changes.monthlyDataLimitMb);
  if (given(changes.monthlySmsLimit)) patch.monthlySmsLimit = validLimit('monthlySmsLimit', changes.monthlySmsLimit);
  if (patch.name && (await servicePolicyNameTaken(ctx.db, workspaceId, patch.name, before.id))) throw nameTaken('service policy');
  const after = await uniqueName('service policy', () => updateServicePolicyRow(ctx.db, workspaceId, before.id, patch));
  await recordAudit(ctx, {
    workspaceId,
    action: 'service_policy.updated',
    targetType: 'service_policy',
    targetId: before.id,
    before,
    after,
  });
  fleetChanged(ctx);
  return after;
};

/** Deletes a service policy no device uses (CONFLICT otherwise). */
export const deleteServicePolicy: Verb<{ id: string }, boolean> = async ({ ctx, input }) => {
  const workspaceId = fleetWriter(ctx);
  // Locked first: a device being given this policy meanwhile waits for us, or we wait for it and count it.
  const before = await findServicePolicy(ctx.db, workspaceId, input.id, true);
  if (!before) throw notFound('Service policy', 'id');
  const users = await devicesUsing(ctx.db, workspaceId, { servicePolicyId: before.id });
  if (users > 0)
    throw conflict(`${users} device${users === 1 ? ' uses' : 's use'} this service policy; assign them another one first.`, 'id');
  await deleteServicePolicyRow(ctx.db, workspaceId, before.id);
  await recordAudit(ctx, { workspaceId, action: 'service_policy.deleted', targetType: 'service_policy', targetId: before.id, before });
  fleetChanged(ctx);
  return true;
};

// --- coverage policies ----------------------------------------------------------------------------

/** The active Workspace's coverage policies, by name. */
export const listCoveragePolicies: Verb<PageArgs, Connection<CoveragePolicyRow>> = async ({ ctx, input }) => {
  const workspaceId = fleetReader(ctx);
  return paginate({
    ctx,
    order: COVERAGE_POLICY_ORDER,
    page: input,
    rows: (page) => pageCoveragePolicies(ctx.db, workspaceId, page),
    count: () => countCoveragePolicies(ctx.db, workspaceId),
  });
};

export const getCoveragePolicy: Verb<{ id: string }, CoveragePolicyRow> = async ({ ctx, input }) => {
  const policy = await findCoveragePolicy(ctx.db, fleetReader(ctx), input.id);
  if (!policy) throw notFound('Coverage policy', 'id');
  return policy;
};

export const createCoveragePolicy: Verb<CreateCoveragePolicyInput, CoveragePolicyRow> = async ({ ctx, input }) => {
  const workspaceId = fleetWriter(ctx);
  const values = {
    workspaceId,
    name: validName('name', input.name),
    countries: validCountries('countries', input.countries ?? []),
    networks: validNetworks('networks', input.networks ?? []),
    dataPlan: validDataPlan(input.dataPlan ?? null),
  };
  if (await coveragePolicyNameTaken(ctx.db, workspaceId, values.name, null)) throw nameTaken('coverage policy');
  const policy = await uniqueName('coverage policy', () => insertCoveragePolicy(ctx.db, values));
  await recordAudit(ctx, {
    workspaceId,
    action: 'coverage_policy.created',
    targetType: 'coverage_policy',
    targetId: policy.id,
    after: policy,
  });
  fleetChanged(ctx);
  return policy;
};

export const updateCoveragePolicy: Verb<{ id: string; input: UpdateCoveragePolicyInput }, CoveragePolicyRow> = async ({ ctx, input }) => {
  const workspaceId = fleetWriter(ctx);
  const changes = input.input;
  const before = await findCoveragePolicy(ctx.db, workspaceId, input.id, true);
  if (!before) throw notFound('Coverage policy', 'id');
  const patch: CoveragePolicyPatch = {};
  if (changes.name != null) patch.name = validName('name', changes.name);
  if (changes.countries != null) patch.countries = validCountries('countries', changes.countries);
  if (changes.networks != null) patch.networks = validNetworks('networks', changes.networks);
  if (given(changes.dataPlan)) patch.dataPlan = validDataPlan(changes.dataPlan);
  if (patch.name && (await coveragePolicyNameTaken(ctx.db, workspaceId, patch.name, before.id))) throw nameTaken('coverage policy');
  const after = await uniqueName('coverage policy', () => updateCoveragePolicyRow(ctx.db, workspaceId, before.id, patch));
  await recordAudit(ctx, {
    workspaceId,
    action: 'coverage_policy.updated',
    targetType: 'coverage_policy',
    targetId: before.id,
    before,
    after,
  });
  fleetChanged(ctx);
  return after;
};

/** Deletes a coverage policy no device uses (CONFLICT otherwise). */
export const deleteCoveragePolicy: Verb<{ id: string }, boolean> = async ({ ctx, input }) => {
  const workspaceId = fleetWriter(ctx);
  const before = await findCoveragePolicy(ctx.db, workspaceId, input.id, true);
  if (!before) throw notFound('Coverage policy', 'id');
  const users = await devicesUsing(ctx.db, workspaceId, { coveragePolicyId: before.id });
  if (users > 0)
    throw conflict(`${users} device${users === 1 ? ' uses' : 's use'} this coverage policy; assign them another one first.`, 'id');
  await deleteCoveragePolicyRow(ctx.db, workspaceId, before.id);
  await recordAudit(ctx, { workspaceId, action: 'coverage_policy.deleted', targetType: 'coverage_policy', targetId: before.id, before });
  fleetChanged(ctx);
  return true;
};

/** Policy names are unique per Workspace in any letter case; the unique index settles races. */
async function uniqueName<T>(kind: string, write: () => Promise<T | undefined>): Promise<T> {
  try {
    const row = await write();
    if (!row) throw new Error(`the ${kind} write returned no row`);
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(kind);
    throw error;
  }
}
