import { and, count, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { endpoints, endpointTags, type SimRow, sims } from '../../../db/schema';
import type { Database } from '../../../db/schema-types';
import { isUuid } from '../../../errors';
import type { SimOrder, SimStatus } from '../../../graphql/generated/resolvers-types';
import { digitPrefix, identifierDigits, type Keyset, lowerPrefixPattern, type SortOrder } from '../paging';

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

export const SIM_ORDERS: Record<SimOrder, SortOrder<SimRow>> = {
  ICCID_ASC: { name: 'ICCID_ASC', descending: false, keys: [{ column: sims.iccid, type: 'text', of: (r) => r.iccid }] },
  ICCID_DESC: { name: 'ICCID_DESC', descending: true, keys: [{ column: sims.iccid, type: 'text', of: (r) => r.iccid }] },
  CREATED_ASC: { name: 'CREATED_ASC', descending: false, keys: [{ column: sims.seq, type: 'bigint', of: (r) => r.seq }] },
  CREATED_DESC: { name: 'CREATED_DESC', descending: true, keys: [{ column: sims.seq, type: 'bigint', of: (r) => r.seq }] },
};

export interface SimConditions {
  statuses: SimStatus[] | null;
  tag: string | null;
  search: string | null;
  assigned: boolean | null;
}

/** The filter as SQL on `sims`, always within the Workspace; each part is backed by an index leading with workspace_id. */
export function simConditions(workspaceId: string, filter: SimConditions): SQL {
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

/** ICCID, IMSI or MSISDN prefix, or the prefix of the holding device's name. */
function simSearch(workspaceId: string, term: string): SQL {
  const byDeviceName = sql`${sims.id} IN (SELECT ${endpoints.simId} FROM ${endpoints} WHERE ${endpoints.workspaceId} = ${workspaceId}
    AND lower(${endpoints.name}) LIKE ${lowerPrefixPattern(term)})`;
  const id = identifierDigits(term);
  if (!id) return byDeviceName;
  if (id.plus) return or(digitPrefix(sims.msisdn, id.digits, '+'), byDeviceName) as SQL;
  return or(
    digitPrefix(sims.iccid, id.digits),
    digitPrefix(sims.imsi, id.digits),
    digitPrefix(sims.msisdn, id.digits, '+'),
    byDeviceName,
  ) as SQL;
}

export async function pageSims(db: Database, where: SQL, keyset: Keyset<SimRow>, limit: number): Promise<SimRow[]> {
  return db
    .select()
    .from(sims)
    .where(and(where, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(limit);
}

export async function countSims(db: Database, where: SQL): Promise<number> {
  const [row] = await db.select({ n: count() }).from(sims).where(where);
  return row?.n ?? 0;
}
