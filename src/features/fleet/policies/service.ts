import { and, eq, sql } from 'drizzle-orm';
import { type CoveragePolicyRow, coveragePolicies, type ServicePolicyRow, servicePolicies } from '../../../db/schema';
import { conflict, isUniqueViolation, notFound } from '../../../errors';
import { type Connection, pageSize, toConnection } from '../../../graphql/connection';
import type { ServiceContext } from '../../../server/context';
import type {
  CreateCoveragePolicyInput,
  CreateServicePolicyInput,
  UpdateCoveragePolicyInput,
  UpdateServicePolicyInput,
} from '../../../graphql/generated/resolvers-types';
import { validName } from '../../../validation';
import { recordAudit } from '../../audit/record';
import { fleetChanged, fleetReader, fleetWriter, given } from '../access';
import { keyset } from '../paging';
import {
  COVERAGE_POLICY_ORDER,
  coveragePolicyNameTaken,
  devicesUsing,
  findCoveragePolicy,
  findServicePolicy,
  pageCoveragePolicies,
  pageServicePolicies,
  SERVICE_POLICY_ORDER,
  servicePolicyNameTaken,
} from './queries';
import { validCountries, validDataPlan, validLimit, validNetworks } from './validation';

type Page = { first?: number | null; after?: string | null };
const nameTaken = (kind: string) => conflict(`A ${kind} with this name already exists in this Workspace.`, 'name');

// --- service policies -----------------------------------------------------------------------------

export async function listServicePolicies({ ctx, input }: { ctx: ServiceContext; input: Page }): Promise<Connection<ServicePolicyRow>> {
  const workspaceId = fleetReader(ctx);
  const size = pageSize(input.first);
  const page = keyset(SERVICE_POLICY_ORDER, input.after);
  const { rows, total } = await pageServicePolicies(ctx.db, workspaceId, page, size + 1);
  return toConnection(rows, size, total, page.cursorOf);
}

export async function getServicePolicy({ ctx, input }: { ctx: ServiceContext; input: { id: string } }): Promise<ServicePolicyRow> {
  const policy = await findServicePolicy(ctx.db, fleetReader(ctx), input.id);
  if (!policy) throw notFound('Service policy', 'id');
  return policy;
}

export async function createServicePolicy({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateServicePolicyInput;
}): Promise<ServicePolicyRow> {
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
  const policy = await uniqueName('service policy', async () => (await ctx.db.insert(servicePolicies).values(values).returning())[0]);
  await recordAudit(ctx, {
    workspaceId,
    action: 'service_policy.created',
    targetType: 'service_policy',
    targetId: policy.id,
    after: policy,
  });
  fleetChanged(ctx);
  return policy;
}

export async function updateServicePolicy({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; input: UpdateServicePolicyInput };
}): Promise<ServicePolicyRow> {
  const workspaceId = fleetWriter(ctx);
  const changes = input.input;
  const before = await findServicePolicy(ctx.db, workspaceId, input.id, true);
  if (!before) throw notFound('Service policy', 'id');
  const patch: Partial<Pick<ServicePolicyRow, 'name' | 'dataEnabled' | 'smsEnabled' | 'monthlyDataLimitMb' | 'monthlySmsLimit'>> = {};
  if (changes.name != null) patch.name = validName('name', changes.name);
  if (changes.dataEnabled != null) patch.dataEnabled = changes.dataEnabled;
  if (changes.smsEnabled != null) patch.smsEnabled = changes.smsEnabled;
  if (given(changes.monthlyDataLimitMb)) patch.monthlyDataLimitMb = validLimit('monthlyDataLimitMb', changes.monthlyDataLimitMb);
  if (given(changes.monthlySmsLimit)) patch.monthlySmsLimit = validLimit('monthlySmsLimit', changes.monthlySmsLimit);
  if (patch.name && (await servicePolicyNameTaken(ctx.db, workspaceId, patch.name, before.id))) throw nameTaken('service policy');
  const after = await uniqueName(
    'service policy',
    async () =>
      (
        await ctx.db
          .update(servicePolicies)
          .set({ ...patch, updatedAt: sql`now()` })
          .where(and(eq(servicePolicies.workspaceId, workspaceId), eq(servicePolicies.id, before.id)))
          .returning()
      )[0],
  );
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
}

/** Deletes a service policy no device uses (CONFLICT otherwise). */
export async function deleteServicePolicy({ ctx, input }: { ctx: ServiceContext; input: { id: string } }): Promise<boolean> {
  const workspaceId = fleetWriter(ctx);
  // Locked first: a device being given this policy meanwhile waits for us, or we wait for it and count it.
  const before = await findServicePolicy(ctx.db, workspaceId, input.id, true);
  if (!before) throw notFound('Service policy', 'id');
  const users = await devicesUsing(ctx.db, workspaceId, { servicePolicyId: before.id });
  if (users > 0)
    throw conflict(`${users} device${users === 1 ? ' uses' : 's use'} this service policy; assign them another one first.`, 'id');
  await ctx.db.delete(servicePolicies).where(and(eq(servicePolicies.workspaceId, workspaceId), eq(servicePolicies.id, before.id)));
  await recordAudit(ctx, { workspaceId, action: 'service_policy.deleted', targetType: 'service_policy', targetId: before.id, before });
  fleetChanged(ctx);
  return true;
}

// --- coverage policies ----------------------------------------------------------------------------

export async function listCoveragePolicies({ ctx, input }: { ctx: ServiceContext; input: Page }): Promise<Connection<CoveragePolicyRow>> {
  const workspaceId = fleetReader(ctx);
  const size = pageSize(input.first);
  const page = keyset(COVERAGE_POLICY_ORDER, input.after);
  const { rows, total } = await pageCoveragePolicies(ctx.db, workspaceId, page, size + 1);
  return toConnection(rows, size, total, page.cursorOf);
}

export async function getCoveragePolicy({ ctx, input }: { ctx: ServiceContext; input: { id: string } }): Promise<CoveragePolicyRow> {
  const policy = await findCoveragePolicy(ctx.db, fleetReader(ctx), input.id);
  if (!policy) throw notFound('Coverage policy', 'id');
  return policy;
}

export async function createCoveragePolicy({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateCoveragePolicyInput;
}): Promise<CoveragePolicyRow> {
  const workspaceId = fleetWriter(ctx);
  const values = {
    workspaceId,
    name: validName('name', input.name),
    countries: validCountries('countries', input.countries ?? []),
    networks: validNetworks('networks', input.networks ?? []),
    dataPlan: validDataPlan(input.dataPlan ?? null),
  };
  if (await coveragePolicyNameTaken(ctx.db, workspaceId, values.name, null)) throw nameTaken('coverage policy');
  const policy = await uniqueName('coverage policy', async () => (await ctx.db.insert(coveragePolicies).values(values).returning())[0]);
  await recordAudit(ctx, {
    workspaceId,
    action: 'coverage_policy.created',
    targetType: 'coverage_policy',
    targetId: policy.id,
    after: policy,
  });
  fleetChanged(ctx);
  return policy;
}

export async function updateCoveragePolicy({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; input: UpdateCoveragePolicyInput };
}): Promise<CoveragePolicyRow> {
  const workspaceId = fleetWriter(ctx);
  const changes = input.input;
  const before = await findCoveragePolicy(ctx.db, workspaceId, input.id, true);
  if (!before) throw notFound('Coverage policy', 'id');
  const patch: Partial<Pick<CoveragePolicyRow, 'name' | 'countries' | 'networks' | 'dataPlan'>> = {};
  if (changes.name != null) patch.name = validName('name', changes.name);
  if (changes.countries != null) patch.countries = validCountries('countries', changes.countries);
  if (changes.networks != null) patch.networks = validNetworks('networks', changes.networks);
  if (given(changes.dataPlan)) patch.dataPlan = validDataPlan(changes.dataPlan);
  if (patch.name && (await coveragePolicyNameTaken(ctx.db, workspaceId, patch.name, before.id))) throw nameTaken('coverage policy');
  const after = await uniqueName(
    'coverage policy',
    async () =>
      (
        await ctx.db
          .update(coveragePolicies)
          .set({ ...patch, updatedAt: sql`now()` })
          .where(and(eq(coveragePolicies.workspaceId, workspaceId), eq(coveragePolicies.id, before.id)))
          .returning()
      )[0],
  );
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
}

/** Deletes a coverage policy no device uses (CONFLICT otherwise). */
export async function deleteCoveragePolicy({ ctx, input }: { ctx: ServiceContext; input: { id: string } }): Promise<boolean> {
  const workspaceId = fleetWriter(ctx);
  const before = await findCoveragePolicy(ctx.db, workspaceId, input.id, true);
  if (!before) throw notFound('Coverage policy', 'id');
  const users = await devicesUsing(ctx.db, workspaceId, { coveragePolicyId: before.id });
  if (users > 0)
    throw conflict(`${users} device${users === 1 ? ' uses' : 's use'} this coverage policy; assign them another one first.`, 'id');
  await ctx.db.delete(coveragePolicies).where(and(eq(coveragePolicies.workspaceId, workspaceId), eq(coveragePolicies.id, before.id)));
  await recordAudit(ctx, { workspaceId, action: 'coverage_policy.deleted', targetType: 'coverage_policy', targetId: before.id, before });
  fleetChanged(ctx);
  return true;
}

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
