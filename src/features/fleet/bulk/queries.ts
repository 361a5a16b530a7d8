import { and, asc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { type EndpointRow, endpoints, endpointTags, type SimRow, sims } from '../../../db/schema';
import type { Database } from '../../../db/schema-types';
import type { EndpointStatus, SimStatus } from '../../../graphql/generated/resolvers-types';

/*
 * Set-based statements for the bulk changes: each touches every row of the batch at once, so a change
 * of 500 objects costs as many statements as a change of one. Rows are locked in id order, so two
 * bulk changes over overlapping sets wait for each other instead of deadlocking.
 */

const ROWS_PER_INSERT = 1000;

const endpointsIn = (workspaceId: string, ids: readonly string[]): SQL =>
  and(eq(endpoints.workspaceId, workspaceId), inArray(endpoints.id, [...ids])) as SQL;
const simsIn = (workspaceId: string, ids: readonly string[]): SQL =>
  and(eq(sims.workspaceId, workspaceId), inArray(sims.id, [...ids])) as SQL;

/** The Workspace's devices among `ids`, locked for update (missing ones are simply absent). */
export async function lockEndpoints(db: Database, workspaceId: string, ids: readonly string[]): Promise<EndpointRow[]> {
  return db.select().from(endpoints).where(endpointsIn(workspaceId, ids)).orderBy(asc(endpoints.id)).for('update');
}

/** The Workspace's SIMs among `ids`, locked for update. */
export async function lockSims(db: Database, workspaceId: string, ids: readonly string[]): Promise<SimRow[]> {
  return db.select().from(sims).where(simsIn(workspaceId, ids)).orderBy(asc(sims.id)).for('update');
}

/** Sets the status (null: keeps each one's) and touches `updatedAt` of the devices; returns them as they are now. */
export async function touchEndpoints(
  db: Database,
  workspaceId: string,
  ids: readonly string[],
  status: EndpointStatus | null,
): Promise<EndpointRow[]> {
  if (!ids.length) return [];
  return db
    .update(endpoints)
    .set({ status: status ?? sql`${endpoints.status}`, updatedAt: sql`now()` })
    .where(endpointsIn(workspaceId, ids))
    .returning();
}

/** Removes these tags from these devices, where present. */
export async function removeTags(
  db: Database,
  workspaceId: string,
  endpointIds: readonly string[],
  tags: readonly string[],
): Promise<void> {
  if (!endpointIds.length || !tags.length) return;
  await db
    .delete(endpointTags)
    .where(
      and(
        eq(endpointTags.workspaceId, workspaceId),
        inArray(endpointTags.endpointId, [...endpointIds]),
        inArray(endpointTags.tag, [...tags]),
      ),
    );
}

/** Adds (device, tag) pairs; a pair already there stays as it is. */
export async function addTags(db: Database, rows: readonly { workspaceId: string; endpointId: string; tag: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await db
      .insert(endpointTags)
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .onConflictDoNothing();
  }
}

/** Deletes the devices; their tags go with them (cascade) and their SIMs are free again. */
export async function deleteEndpointRows(db: Database, workspaceId: string, ids: readonly string[]): Promise<number> {
  const deleted = await db.delete(endpoints).where(endpointsIn(workspaceId, ids)).returning({ id: endpoints.id });
  return deleted.length;
}

/** Takes these SIMs out of the devices holding them; returns which device held which SIM. */
export async function releaseSims(db: Database, workspaceId: string, simIds: readonly string[]): Promise<{ id: string; simId: string }[]> {
  if (!simIds.length) return [];
  const holders = await db
    .select({ id: endpoints.id, simId: endpoints.simId })
    .from(endpoints)
    .where(and(eq(endpoints.workspaceId, workspaceId), inArray(endpoints.simId, [...simIds])))
    .orderBy(asc(endpoints.id))
    .for('update');
  if (!holders.length) return [];
  await db
    .update(endpoints)
    .set({ simId: null, updatedAt: sql`now()` })
    .where(
      endpointsIn(
        workspaceId,
        holders.map((h) => h.id),
      ),
    );
  return holders.map((h) => ({ id: h.id, simId: h.simId ?? '' }));
}

/** Moves the SIMs to `status` (those already in it are left alone); returns the SIMs changed. */
export async function setSimStatus(db: Database, workspaceId: string, ids: readonly string[], status: SimStatus): Promise<SimRow[]> {
  if (!ids.length) return [];
  return db
    .update(sims)
    .set({ status, updatedAt: sql`now()` })
    .where(and(simsIn(workspaceId, ids), ne(sims.status, status)))
    .returning();
}
