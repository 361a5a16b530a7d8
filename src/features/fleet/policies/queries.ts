import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { PageQuery, SortOrder } from '../../../db/paging';
import { type CoveragePolicyRow, coveragePolicies, endpoints, type ServicePolicyRow, servicePolicies } from '../../../db/schema';
import type { Database } from '../../../db/schema-types';
import { isUuid } from '../../../errors';

export type NewServicePolicy = typeof servicePolicies.$inferInsert;
export type NewCoveragePolicy = typeof coveragePolicies.$inferInsert;
export type ServicePolicyPatch = Partial<
  Pick<ServicePolicyRow, 'name' | 'dataEnabled' | 'smsEnabled' | 'monthlyDataLimitMb' | 'monthlySmsLimit'>
>;
export type CoveragePolicyPatch = Partial<Pick<CoveragePolicyRow, 'name' | 'countries' | 'networks' | 'dataPlan'>>;

// --- service policies -----------------------------------------------------------------------------

export async function findServicePolicy(db: Database, workspaceId: string, id: string, lock = false): Promise<ServicePolicyRow | null> {
  if (!isUuid(id)) return null;
  const query = db
    .select()
    .from(servicePolicies)
    .where(and(eq(servicePolicies.workspaceId, workspaceId), eq(servicePolicies.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** Service policies by id in any of the Workspaces (the loader's batch; each row keeps its Workspace). */
export async function findServicePoliciesByIds(
  db: Database,
  workspaceIds: readonly string[],
  ids: readonly string[],
): Promise<ServicePolicyRow[]> {
  return db
    .select()
    .from(servicePolicies)
    .where(and(inArray(servicePolicies.workspaceId, [...workspaceIds]), inArray(servicePolicies.id, [...ids])));
}

/** Inserts a service policy; the unique index on its lower-cased name may refuse it (see the service). */
export async function insertServicePolicy(db: Database, values: NewServicePolicy): Promise<ServicePolicyRow | undefined> {
  const [row] = await db.insert(servicePolicies).values(values).returning();
  return row;
}

export async function updateServicePolicyRow(
  db: Database,
  workspaceId: string,
  id: string,
  patch: ServicePolicyPatch,
): Promise<ServicePolicyRow | undefined> {
  const [row] = await db
    .update(servicePolicies)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(servicePolicies.workspaceId, workspaceId), eq(servicePolicies.id, id)))
    .returning();
  return row;
}

export async function deleteServicePolicyRow(db: Database, workspaceId: string, id: string): Promise<void> {
  await db.delete(servicePolicies).where(and(eq(servicePolicies.workspaceId, workspaceId), eq(servicePolicies.id, id)));
}

// --- coverage policies ----------------------------------------------------------------------------

export async function findCoveragePolicy(db: Database, workspaceId: string, id: string, lock = false): Promise<CoveragePolicyRow | null> {
  if (!isUuid(id)) return null;
  const query = db
    .select()
    .from(coveragePolicies)
    .where(and(eq(coveragePolicies.workspaceId, workspaceId), eq(coveragePolicies.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** Coverage policies by id in any of the Workspaces (the loader's batch). */
export async function findCoveragePoliciesByIds(
  db: Database,
  workspaceIds: readonly string[],
  ids: readonly string[],
): Promise<CoveragePolicyRow[]> {
  return db
    .select()
    .from(coveragePolicies)
    .where(and(inArray(coveragePolicies.workspaceId, [...workspaceIds]), inArray(coveragePolicies.id, [...ids])));
}

export async function insertCoveragePolicy(db: Database, values: NewCoveragePolicy): Promise<CoveragePolicyRow | undefined> {
  const [row] = await db.insert(coveragePolicies).values(values).returning();
  return row;
}

export async function updateCoveragePolicyRow(
  db: Database,
  workspaceId: string,
  id: string,
  patch: CoveragePolicyPatch,
): Promise<CoveragePolicyRow | undefined> {
  const [row] = await db
    .update(coveragePolicies)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(coveragePolicies.workspaceId, workspaceId), eq(coveragePolicies.id, id)))
    .returning();
  return row;
}

export async function deleteCoveragePolicyRow(db: Database, workspaceId: string, id: string): Promise<void> {
  await db.delete(coveragePolicies).where(and(eq(coveragePolicies.workspaceId, workspaceId), eq(coveragePolicies.id, id)));
}

// --- both kinds -----------------------------------------------------------------------------------

/** Is another policy of this kind in the Workspace already called `name` (any letter case)? */
export async function servicePolicyNameTaken(db: Database, workspaceId: string, name: string, exceptId: string | null): Promise<boolean> {
  const [row] = await db
    .select({ id: servicePolicies.id })
    .from(servicePolicies)
    .where(and(eq(servicePolicies.workspaceId, workspaceId), sql`lower(${servicePolicies.name}) = lower(${name})`));
  return !!row && row.id !== exceptId;
}

export async function coveragePolicyNameTaken(db: Database, workspaceId: string, name: string, exceptId: string | null): Promise<boolean> {
  const [row] = await db
    .select({ id: coveragePolicies.id })
    .from(coveragePolicies)
    .where(and(eq(coveragePolicies.workspaceId, workspaceId), sql`lower(${coveragePolicies.name}) = lower(${name})`));
  return !!row && row.id !== exceptId;
}

/** How many devices use a policy. */
export async function devicesUsing(
  db: Database,
  workspaceId: string,
  policy: { servicePolicyId: string } | { coveragePolicyId: string },
): Promise<number> {
  const condition =
    'servicePolicyId' in policy
      ? eq(endpoints.servicePolicyId, policy.servicePolicyId)
      : eq(endpoints.coveragePolicyId, policy.coveragePolicyId);
  const [row] = await db
    .select({ n: count() })
    .from(endpoints)
    .where(and(eq(endpoints.workspaceId, workspaceId), condition));
  return row?.n ?? 0;
}

/** How many devices use each of the policies of any of the Workspaces, one grouped statement (the loader's batch). */
export async function deviceCountsByPolicy(
  db: Database,
  kind: 'service' | 'coverage',
  workspaceIds: readonly string[],
  ids: readonly string[],
): Promise<{ workspaceId: string; policyId: string; n: number }[]> {
  const column = kind === 'service' ? endpoints.servicePolicyId : endpoints.coveragePolicyId;
  const rows = await db
    .select({ workspaceId: endpoints.workspaceId, policyId: column, n: count() })
    .from(endpoints)
    .where(and(inArray(endpoints.workspaceId, [...workspaceIds]), inArray(column, [...ids])))
    .groupBy(endpoints.workspaceId, column);
  return rows.map((r) => ({ workspaceId: r.workspaceId, policyId: r.policyId ?? '', n: r.n }));
}

export const SERVICE_POLICY_ORDER: SortOrder<ServicePolicyRow> = {
  name: 'servicePolicies:NAME_ASC',
  descending: false,
  keys: [
    { column: servicePolicies.name, type: 'text', of: (r) => r.name },
    { column: servicePolicies.id, type: 'uuid', of: (r) => r.id },
  ],
};

export const COVERAGE_POLICY_ORDER: SortOrder<CoveragePolicyRow> = {
  name: 'coveragePolicies:NAME_ASC',
  descending: false,
  keys: [
    { column: coveragePolicies.name, type: 'text', of: (r) => r.name },
    { column: coveragePolicies.id, type: 'uuid', of: (r) => r.id },
  ],
};

export async function pageServicePolicies(db: Database, workspaceId: string, page: PageQuery): Promise<ServicePolicyRow[]> {
  return db
    .select()
    .from(servicePolicies)
    .where(and(eq(servicePolicies.workspaceId, workspaceId), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
}

export async function countServicePolicies(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(servicePolicies).where(eq(servicePolicies.workspaceId, workspaceId));
  return row?.n ?? 0;
}

export async function pageCoveragePolicies(db: Database, workspaceId: string, page: PageQuery): Promise<CoveragePolicyRow[]> {
  return db
    .select()
    .from(coveragePolicies)
    .where(and(eq(coveragePolicies.workspaceId, workspaceId), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
}

export async function countCoveragePolicies(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(coveragePolicies).where(eq(coveragePolicies.workspaceId, workspaceId));
  return row?.n ?? 0;
}
