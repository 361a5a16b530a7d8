import { and, count, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { PageQuery, SortOrder } from '../../../db/paging';
import { type EndpointRow, endpoints, endpointTags, sims } from '../../../db/schema';
import type { Database } from '../../../db/schema-types';
import { isUuid } from '../../../errors';
import type { EndpointOrder, EndpointStatus } from '../../../graphql/generated/resolvers-types';
import { contains, identifierDigits } from '../search';

/** The columns a device is created with (the Workspace, id, seq and timestamps come from the caller or the database). */
export type NewEndpoint = typeof endpoints.$inferInsert;
/** What an update may change. */
export type EndpointPatch = Partial<Omit<EndpointRow, 'workspaceId' | 'id' | 'seq' | 'createdAt' | 'updatedAt'>>;

/** One device of the Workspace (optionally locked for update), or null; a non-uuid id names nothing. */
export async function findEndpoint(db: Database, workspaceId: string, id: string, lock = false): Promise<EndpointRow | null> {
  if (!isUuid(id)) return null;
  const query = db
    .select()
    .from(endpoints)
    .where(and(eq(endpoints.workspaceId, workspaceId), eq(endpoints.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** The device holding a SIM, if any. */
export async function findEndpointHolding(db: Database, workspaceId: string, simId: string): Promise<EndpointRow | null> {
  const [row] = await db
    .select()
    .from(endpoints)
    .where(and(eq(endpoints.workspaceId, workspaceId), eq(endpoints.simId, simId)));
  return row ?? null;
}

/** The devices holding any of `simIds`, in any of the Workspaces (the loader's batch; each row keeps its Workspace). */
export async function findEndpointsHolding(
  db: Database,
  workspaceIds: readonly string[],
  simIds: readonly string[],
): Promise<EndpointRow[]> {
  return db
    .select()
    .from(endpoints)
    .where(and(inArray(endpoints.workspaceId, [...workspaceIds]), inArray(endpoints.simId, [...simIds])));
}

/** Devices by id in any of the Workspaces (the loader's batch; each row keeps its Workspace). */
export async function findEndpointsByIds(db: Database, workspaceIds: readonly string[], ids: readonly string[]): Promise<EndpointRow[]> {
  return db
    .select()
    .from(endpoints)
    .where(and(inArray(endpoints.workspaceId, [...workspaceIds]), inArray(endpoints.id, [...ids])));
}

/** Inserts a device; the unique index on (workspace, SIM) may refuse it (see the service). */
export async function insertEndpoint(db: Database, values: NewEndpoint): Promise<EndpointRow | undefined> {
  const [row] = await db.insert(endpoints).values(values).returning();
  return row;
}

export async function updateEndpointRow(
  db: Database,
  workspaceId: string,
  id: string,
  patch: EndpointPatch,
): Promise<EndpointRow | undefined> {
  const [row] = await db
    .update(endpoints)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(endpoints.workspaceId, workspaceId), eq(endpoints.id, id)))
    .returning();
  return row;
}

/** Deletes a device; its tags go with it (foreign key cascade). */
export async function deleteEndpointRow(db: Database, workspaceId: string, id: string): Promise<void> {
  await db.delete(endpoints).where(and(eq(endpoints.workspaceId, workspaceId), eq(endpoints.id, id)));
}

/** Takes a SIM out of every device holding it; returns those devices' ids. */
export async function releaseSim(db: Database, workspaceId: string, simId: string): Promise<string[]> {
  const freed = await db
    .update(endpoints)
    .set({ simId: null, updatedAt: sql`now()` })
    .where(and(eq(endpoints.workspaceId, workspaceId), eq(endpoints.simId, simId)))
    .returning({ id: endpoints.id });
  return freed.map((row) => row.id);
}

export async function tagsOf(db: Database, workspaceId: string, endpointId: string): Promise<string[]> {
  const rows = await db
    .select({ tag: endpointTags.tag })
    .from(endpointTags)
    .where(and(eq(endpointTags.workspaceId, workspaceId), eq(endpointTags.endpointId, endpointId)))
    .orderBy(endpointTags.tag);
  return rows.map((r) => r.tag);
}

/** The tags of several devices of any of the Workspaces, alphabetically (the loader's batch). */
export async function tagsOfEndpoints(
  db: Database,
  workspaceIds: readonly string[],
  endpointIds: readonly string[],
): Promise<{ workspaceId: string; endpointId: string; tag: string }[]> {
  return db
    .select({ workspaceId: endpointTags.workspaceId, endpointId: endpointTags.endpointId, tag: endpointTags.tag })
    .from(endpointTags)
    .where(and(inArray(endpointTags.workspaceId, [...workspaceIds]), inArray(endpointTags.endpointId, [...endpointIds])))
    .orderBy(endpointTags.tag);
}

/** Replaces a device's tags. */
export async function replaceTags(db: Database, workspaceId: string, endpointId: string, tags: readonly string[]): Promise<void> {
  await db.delete(endpointTags).where(and(eq(endpointTags.workspaceId, workspaceId), eq(endpointTags.endpointId, endpointId)));
  if (tags.length) await db.insert(endpointTags).values(tags.map((tag) => ({ workspaceId, endpointId, tag })));
}

const byName = (descending: boolean, order: EndpointOrder): SortOrder<EndpointRow> => ({
  name: `endpoints:${order}`,
  descending,
  keys: [
    { column: endpoints.name, type: 'text', of: (r) => r.name },
    { column: endpoints.id, type: 'uuid', of: (r) => r.id },
  ],
});
const bySeq = (descending: boolean, order: EndpointOrder): SortOrder<EndpointRow> => ({
  name: `endpoints:${order}`,
  descending,
  keys: [{ column: endpoints.seq, type: 'bigint', of: (r) => r.seq }],
});

export const ENDPOINT_ORDERS: Record<EndpointOrder, SortOrder<EndpointRow>> = {
  NAME_ASC: byName(false, 'NAME_ASC'),
  NAME_DESC: byName(true, 'NAME_DESC'),
  CREATED_ASC: bySeq(false, 'CREATED_ASC'),
  CREATED_DESC: bySeq(true, 'CREATED_DESC'),
};

export interface EndpointFilterValues {
  statuses: EndpointStatus[] | null;
  tag: string | null;
  search: string | null;
  servicePolicyId: string | null;
  coveragePolicyId: string | null;
}

/** The filter as SQL on `endpoints`, always within the Workspace; each part is backed by an index (exported for the plan test). */
export function endpointConditions(workspaceId: string, filter: EndpointFilterValues): SQL {
  const parts: (SQL | undefined)[] = [eq(endpoints.workspaceId, workspaceId)];
  if (filter.statuses) parts.push(inArray(endpoints.status, filter.statuses));
  if (filter.tag !== null) {
    parts.push(sql`EXISTS (SELECT 1 FROM ${endpointTags} WHERE ${endpointTags.workspaceId} = ${endpoints.workspaceId}
      AND ${endpointTags.endpointId} = ${endpoints.id} AND ${endpointTags.tag} = ${filter.tag})`);
  }
  if (filter.servicePolicyId !== null) parts.push(eq(endpoints.servicePolicyId, filter.servicePolicyId));
  if (filter.coveragePolicyId !== null) parts.push(eq(endpoints.coveragePolicyId, filter.coveragePolicyId));
  if (filter.search !== null) parts.push(endpointSearch(workspaceId, filter.search));
  return and(...parts) as SQL;
}

/**
 * Any part of the name (any letter case); for a term of digits (spaces ignored) also any part of the
 * IMEI or of its SIM's ICCID, IMSI or MSISDN. A leading + only ever matches the start of an MSISDN.
 * Each part is a LIKE '%…%' backed by a trigram index.
 */
function endpointSearch(workspaceId: string, term: string): SQL {
  const byName = contains(endpoints.name, term, true);
  const id = identifierDigits(term);
  if (!id) return byName;
  const simMatch = id.plus
    ? contains(sims.msisdn, `+${id.digits}`)
    : (or(contains(sims.iccid, id.digits), contains(sims.imsi, id.digits), contains(sims.msisdn, id.digits)) as SQL);
  // = ANY(ARRAY(…)) is computed once (an InitPlan) and is indexable, so the planner can OR it with the
  // trigram indexes in one bitmap; an IN (subquery) inside an OR would be a filter on every device.
  const bySim = sql`${endpoints.simId} = ANY(ARRAY(SELECT ${sims.id} FROM ${sims} WHERE ${sims.workspaceId} = ${workspaceId} AND ${simMatch}))`;
  return (id.plus ? or(byName, bySim) : or(byName, contains(endpoints.imei, id.digits), bySim)) as SQL;
}

/** One page of the Workspace's devices matching the filter, in the page's order. */
export async function pageEndpoints(
  db: Database,
  workspaceId: string,
  filter: EndpointFilterValues,
  page: PageQuery,
): Promise<EndpointRow[]> {
  return db
    .select()
    .from(endpoints)
    .where(and(endpointConditions(workspaceId, filter), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
}

export async function countEndpoints(db: Database, workspaceId: string, filter: EndpointFilterValues): Promise<number> {
  const [row] = await db.select({ n: count() }).from(endpoints).where(endpointConditions(workspaceId, filter));
  return row?.n ?? 0;
}
