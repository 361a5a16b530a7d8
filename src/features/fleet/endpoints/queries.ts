import { and, count, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type EndpointRow, endpoints, endpointTags, sims } from '../../../db/schema';
import type { Database } from '../../../db/schema-types';
import { isUuid } from '../../../errors';
import type { EndpointOrder, EndpointStatus } from '../../../graphql/generated/resolvers-types';
import { digitPrefix, identifierDigits, type Keyset, lowerPrefixPattern, type SortOrder } from '../paging';

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

export async function tagsOf(db: Database, workspaceId: string, endpointId: string): Promise<string[]> {
  const rows = await db
    .select({ tag: endpointTags.tag })
    .from(endpointTags)
    .where(and(eq(endpointTags.workspaceId, workspaceId), eq(endpointTags.endpointId, endpointId)))
    .orderBy(endpointTags.tag);
  return rows.map((r) => r.tag);
}

/** Replaces a device's tags. */
export async function replaceTags(db: Database, workspaceId: string, endpointId: string, tags: readonly string[]): Promise<void> {
  await db.delete(endpointTags).where(and(eq(endpointTags.workspaceId, workspaceId), eq(endpointTags.endpointId, endpointId)));
  if (tags.length) await db.insert(endpointTags).values(tags.map((tag) => ({ workspaceId, endpointId, tag })));
}

const byName = (descending: boolean, name: EndpointOrder): SortOrder<EndpointRow> => ({
  name,
  descending,
  keys: [
    { column: endpoints.name, type: 'text', of: (r) => r.name },
    { column: endpoints.id, type: 'uuid', of: (r) => r.id },
  ],
});
const bySeq = (descending: boolean, name: EndpointOrder): SortOrder<EndpointRow> => ({
  name,
  descending,
  keys: [{ column: endpoints.seq, type: 'bigint', of: (r) => r.seq }],
});

export const ENDPOINT_ORDERS: Record<EndpointOrder, SortOrder<EndpointRow>> = {
  NAME_ASC: byName(false, 'NAME_ASC'),
  NAME_DESC: byName(true, 'NAME_DESC'),
  CREATED_ASC: bySeq(false, 'CREATED_ASC'),
  CREATED_DESC: bySeq(true, 'CREATED_DESC'),
};

export interface EndpointConditions {
  statuses: EndpointStatus[] | null;
  tag: string | null;
  search: string | null;
}

/** The filter as SQL on `endpoints`, always within the Workspace; each part is backed by an index leading with workspace_id. */
export function endpointConditions(workspaceId: string, filter: EndpointConditions): SQL {
  const parts: (SQL | undefined)[] = [eq(endpoints.workspaceId, workspaceId)];
  if (filter.statuses) parts.push(inArray(endpoints.status, filter.statuses));
  if (filter.tag !== null) {
    parts.push(sql`EXISTS (SELECT 1 FROM ${endpointTags} WHERE ${endpointTags.workspaceId} = ${endpoints.workspaceId}
      AND ${endpointTags.endpointId} = ${endpoints.id} AND ${endpointTags.tag} = ${filter.tag})`);
  }
  if (filter.search !== null) parts.push(endpointSearch(workspaceId, filter.search));
  return and(...parts) as SQL;
}

/** Name prefix (any letter case), the IMEI's prefix, or the prefix of its SIM's ICCID, IMSI or MSISDN. */
function endpointSearch(workspaceId: string, term: string): SQL {
  const byName = sql`lower(${endpoints.name}) LIKE ${lowerPrefixPattern(term)}`;
  const id = identifierDigits(term);
  if (!id) return byName;
  const simMatch = id.plus
    ? digitPrefix(sims.msisdn, id.digits, '+')
    : (or(digitPrefix(sims.iccid, id.digits), digitPrefix(sims.imsi, id.digits), digitPrefix(sims.msisdn, id.digits, '+')) as SQL);
  const bySim = sql`${endpoints.simId} IN (SELECT ${sims.id} FROM ${sims} WHERE ${sims.workspaceId} = ${workspaceId} AND ${simMatch})`;
  return (id.plus ? or(byName, bySim) : or(byName, digitPrefix(endpoints.imei, id.digits), bySim)) as SQL;
}

export async function pageEndpoints(db: Database, where: SQL, keyset: Keyset<EndpointRow>, limit: number): Promise<EndpointRow[]> {
  return db
    .select()
    .from(endpoints)
    .where(and(where, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(limit);
}

export async function countEndpoints(db: Database, where: SQL): Promise<number> {
  const [row] = await db.select({ n: count() }).from(endpoints).where(where);
  return row?.n ?? 0;
}
