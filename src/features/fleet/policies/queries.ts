import { and, count, eq, sql } from 'drizzle-orm';
import { type CoveragePolicyRow, coveragePolicies, endpoints, type ServicePolicyRow, servicePolicies } from '../../../db/schema';
import type { Database } from '../../../db/schema-types';
import { isUuid } from '../../../errors';
import type { Keyset, SortOrder } from '../paging';

export async function findServicePolicy(db: Database, workspaceId: string, id: string, lock = false): Promise<ServicePolicyRow | null> {
  if (!isUuid(id)) return null;
  const query = db
    .select()
    .from(servicePolicies)
    .where(and(eq(servicePolicies.workspaceId, workspaceId), eq(servicePolicies.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function findCoveragePolicy(db: Database, workspaceId: string, id: string, lock = false): Promise<CoveragePolicyRow | null> {
  if (!isUuid(id)) return null;
  const query = db
    .select()
    .from(coveragePolicies)
    .where(and(eq(coveragePolicies.workspaceId, workspaceId), eq(coveragePolicies.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

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

export const SERVICE_POLICY_ORDER: SortOrder<ServicePolicyRow> = {
  name: 'NAME_ASC',
  descending: false,
  keys: [
    { column: servicePolicies.name, type: 'text', of: (r) => r.name },
    { column: servicePolicies.id, type: 'uuid', of: (r) => r.id },
  ],
};

export const COVERAGE_POLICY_ORDER: SortOrder<CoveragePolicyRow> = {
  name: 'NAME_ASC',
  descending: false,
  keys: [
    { column: coveragePolicies.name, type: 'text', of: (r) => r.name },
    { column: coveragePolicies.id, type: 'uuid', of: (r) => r.id },
  ],
};

export async function pageServicePolicies(
  db: Database,
  workspaceId: string,
  keyset: Keyset<ServicePolicyRow>,
  limit: number,
): Promise<{ rows: ServicePolicyRow[]; total: number }> {
  const where = eq(servicePolicies.workspaceId, workspaceId);
  const rows = await db
    .select()
    .from(servicePolicies)
    .where(and(where, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(limit);
  const [total] = await db.select({ n: count() }).from(servicePolicies).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function pageCoveragePolicies(
  db: Database,
  workspaceId: string,
  keyset: Keyset<CoveragePolicyRow>,
  limit: number,
): Promise<{ rows: CoveragePolicyRow[]; total: number }> {
  const where = eq(coveragePolicies.workspaceId, workspaceId);
  const rows = await db
    .select()
    .from(coveragePolicies)
    .where(and(where, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(limit);
  const [total] = await db.select({ n: count() }).from(coveragePolicies).where(where);
  return { rows, total: total?.n ?? 0 };
}
