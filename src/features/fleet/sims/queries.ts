import { and, count, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { PageQuery, SortOrder } from '../../../db/paging';
import { endpoints, endpointTags, type SimRow, sims } from '../../../db/schema';
import type { Database } from '../../../db/schema-types';
import { isUuid } from '../../../errors';
import type { SimOrder, SimStatus } from '../../../graphql/generated/resolvers-types';
import { contains, identifierDigits } from '../search';

/** What an update may change. */
export type SimPatch = Partial<Pick<SimRow, 'status' | 'imsi' | 'msisdn'>>;

/** One SIM of the Workspace (optionally locked for update), or null; a non-uuid id names nothing. */
export async function findSim(db: Database, workspaceId: string, id: string, lock = false): Promise<SimRow | null> {
  if (!isUuid(id)) return null;
  const query = db
    .select()
    .from(sims)
    .where(and(eq(sims.workspaceId, workspaceId), eq(sims.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** SIMs by id in any of the Workspaces (the loader's batch; each row keeps its Workspace). */
export async function findSimsByIds(db: Database, workspaceIds: readonly string[], ids: readonly string[]): Promise<SimRow[]> {
  return db
    .select()
    .from(sims)
    .where(and(inArray(sims.workspaceId, [...workspaceIds]), inArray(sims.id, [...ids])));
}

/**
 * Inserts SIMs into the Workspace, skipping ICCIDs held anywhere (the unique check sees every
 * Workspace; row-level security does not apply to it): the caller compares what came back.
 */
export async function insertSims(db: Database, workspaceId: string, iccids: readonly string[], status: SimStatus): Promise<SimRow[]> {
  return db
    .insert(sims)
    .values(iccids.map((iccid) => ({ workspaceId, iccid, status })))
    .onConflictDoNothing({ target: sims.iccid })
    .returning();
}

export async function updateSimRow(db: Database, workspaceId: string, id: string, patch: SimPatch): Promise<SimRow | undefined> {
  const [row] = await db
    .update(sims)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(sims.workspaceId, workspaceId), eq(sims.id, id)))
    .returning();
  return row;
}

const byIccid = (descending: boolean, order: SimOrder): SortOrder<SimRow> => ({
  name: `sims:${order}`,
  descending,
  keys: [{ column: sims.iccid, type: 'text', of: (r) => r.iccid }],
});
const bySeq = (descending: boolean, order: SimOrder): SortOrder<SimRow> => ({
  name: `sims:${order}`,
  descending,
  keys: [{ column: sims.seq, type: 'bigint', of: (r) => r.seq }],
});

export const SIM_ORDERS: Record<SimOrder, SortOrder<SimRow>> = {
  ICCID_ASC: byIccid(false, 'ICCID_ASC'),
  ICCID_DESC: byIccid(true, 'ICCID_DESC'),
  CREATED_ASC: bySeq(false, 'CREATED_ASC'),
  CREATED_DESC: bySeq(true, 'CREATED_DESC'),
};

export interface SimFilterValues {
  statuses: SimStatus[] | null;
  tag: string | null;
  search: string | null;
  assigned: boolean | null;
}

/** The filter as SQL on `sims`, always within the Workspace; each part is backed by an index (exported for the plan test). */
export function simConditions(workspaceId: string, filter: SimFilterValues): SQL {
  const parts: (SQL | undefined)[] = [eq(sims.workspaceId, workspaceId)];
  if (filter.statuses) parts.push(inArray(sims.status, filter.statuses));
  const holder = sql`SELECT 1 FROM ${endpoints} WHERE ${endpoints.workspaceId} = ${sims.workspaceId} AND ${endpoints.simId} = ${sims.id}`;
  if (filter.assigned === true) parts.push(sql`EXISTS (${holder})`);
  if (filter.assigned === false) parts.push(sql`NOT EXISTS (${holder})`);
  if (filter.tag !== null) {
    parts.push(sql`EXISTS (${holder} AND EXISTS (SELECT 1 FROM ${endpointTags} WHERE ${endpointTags.workspaceId} = ${endpoints.workspaceId}
      AND ${endpointTags.endpointId} = ${endpoints.id} AND ${endpointTags.tag} = ${filter.tag}))`);
  }
  if (filter.search !== null) parts.push(simSearch(workspaceId, filter.search));
  return and(...parts) as SQL;
}

/** Any part of the ICCID, IMSI or MSISDN (the + optional), or of the holding device's name (any letter case); see endpointSearch. */
function simSearch(workspaceId: string, term: string): SQL {
  // An indexable InitPlan, as in endpointSearch.
  const byDeviceName = sql`${sims.id} = ANY(ARRAY(SELECT ${endpoints.simId} FROM ${endpoints} WHERE ${endpoints.workspaceId} = ${workspaceId}
    AND ${endpoints.simId} IS NOT NULL AND ${contains(endpoints.name, term, true)}))`;
  const id = identifierDigits(term);
  if (!id) return byDeviceName;
  if (id.plus) return or(contains(sims.msisdn, `+${id.digits}`), byDeviceName) as SQL;
  return or(contains(sims.iccid, id.digits), contains(sims.imsi, id.digits), contains(sims.msisdn, id.digits), byDeviceName) as SQL;
}

/** One page of the Workspace's SIMs matching the filter, in the page's order. */
export async function pageSims(db: Database, workspaceId: string, filter: SimFilterValues, page: PageQuery): Promise<SimRow[]> {
  return db
    .select()
    .from(sims)
    .where(and(simConditions(workspaceId, filter), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
}

export async function countSims(db: Database, workspaceId: string, filter: SimFilterValues): Promise<number> {
  const [row] = await db.select({ n: count() }).from(sims).where(simConditions(workspaceId, filter));
  return row?.n ?? 0;
}
