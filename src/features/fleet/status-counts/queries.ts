import { count, eq } from 'drizzle-orm';
import { endpointStatusEnum, endpoints, simStatusEnum, sims } from '../../../db/schema';
import type { Database } from '../../../db/schema-types';
import type { EndpointStatus, SimStatus } from '../../../graphql/generated/resolvers-types';

export interface StatusCount<S> {
  status: S;
  count: number;
}

/** Every SIM status in enum order with how many of the Workspace's SIMs are in it (one grouped statement). */
export async function simStatusCountsOf(db: Database, workspaceId: string): Promise<StatusCount<SimStatus>[]> {
  const rows = await db
    .select({ status: sims.status, n: count() })
    .from(sims)
    .where(eq(sims.workspaceId, workspaceId))
    .groupBy(sims.status);
  return everyStatus(simStatusEnum.enumValues, rows);
}

/** Every device status in enum order with how many of the Workspace's devices are in it (one grouped statement). */
export async function endpointStatusCountsOf(db: Database, workspaceId: string): Promise<StatusCount<EndpointStatus>[]> {
  const rows = await db
    .select({ status: endpoints.status, n: count() })
    .from(endpoints)
    .where(eq(endpoints.workspaceId, workspaceId))
    .groupBy(endpoints.status);
  return everyStatus(endpointStatusEnum.enumValues, rows);
}

/** Statuses no row is in are listed with 0. */
function everyStatus<S extends string>(statuses: readonly S[], rows: { status: S; n: number }[]): StatusCount<S>[] {
  const found = new Map(rows.map((r) => [r.status, r.n]));
  return statuses.map((status) => ({ status, count: found.get(status) ?? 0 }));
}
