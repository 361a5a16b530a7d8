import DataLoader from 'dataloader';
import { and, inArray, sql } from 'drizzle-orm';
import {
  type CoveragePolicyRow,
  coveragePolicies,
  type EndpointRow,
  endpoints,
  endpointTags,
  type ServicePolicyRow,
  type SimRow,
  servicePolicies,
  simDailyUsage,
  sims,
} from '../../db/schema';
import type { Database } from '../../db/schema-types';

/**
 * Per-request batch loaders for the fleet's nested fields. Keys carry the Workspace of the row that
 * asks (itself read from the active Workspace), and every batch filters on it, so a page costs one
 * query per field kind whatever its size.
 */
export interface FleetLoaders {
  sim: DataLoader<InWorkspace, SimRow | null, string>;
  /** The device holding a SIM, keyed by the SIM's id. */
  endpointBySim: DataLoader<InWorkspace, EndpointRow | null, string>;
  servicePolicy: DataLoader<InWorkspace, ServicePolicyRow | null, string>;
  coveragePolicy: DataLoader<InWorkspace, CoveragePolicyRow | null, string>;
  /** A device's tags, alphabetically. */
  tags: DataLoader<InWorkspace, string[], string>;
  /** A SIM's usage totals over a date range. */
  usage: DataLoader<UsageKey, UsageTotals, string>;
}

export interface InWorkspace {
  workspaceId: string;
  id: string;
}

export interface UsageKey extends InWorkspace {
  startDate: string;
  endDate: string;
}

export interface UsageTotals {
  bytesUp: number;
  bytesDown: number;
  smsSent: number;
  smsReceived: number;
  cost: number;
}

export const NO_USAGE: UsageTotals = { bytesUp: 0, bytesDown: 0, smsSent: 0, smsReceived: 0, cost: 0 };

const keyOf = (k: InWorkspace) => `${k.workspaceId}/${k.id}`;

export function createFleetLoaders(db: Database): FleetLoaders {
  return {
    sim: rowLoader(
      (ws, ids) =>
        db
          .select()
          .from(sims)
          .where(and(inArray(sims.workspaceId, ws), inArray(sims.id, ids))),
      (r) => r.id,
    ),
    endpointBySim: rowLoader(
      (ws, ids) =>
        db
          .select()
          .from(endpoints)
          .where(and(inArray(endpoints.workspaceId, ws), inArray(endpoints.simId, ids))),
      (r) => r.simId ?? '',
    ),
    servicePolicy: rowLoader(
      (ws, ids) =>
        db
          .select()
          .from(servicePolicies)
          .where(and(inArray(servicePolicies.workspaceId, ws), inArray(servicePolicies.id, ids))),
      (r) => r.id,
    ),
    coveragePolicy: rowLoader(
      (ws, ids) =>
        db
          .select()
          .from(coveragePolicies)
          .where(and(inArray(coveragePolicies.workspaceId, ws), inArray(coveragePolicies.id, ids))),
      (r) => r.id,
    ),
    tags: new DataLoader(
      async (keys) => {
        const rows = await db
          .select({ workspaceId: endpointTags.workspaceId, endpointId: endpointTags.endpointId, tag: endpointTags.tag })
          .from(endpointTags)
          .where(
            and(inArray(endpointTags.workspaceId, distinct(keys, 'workspaceId')), inArray(endpointTags.endpointId, distinct(keys, 'id'))),
          )
          .orderBy(endpointTags.tag);
        const byEndpoint = new Map<string, string[]>();
        for (const r of rows) {
          const key = keyOf({ workspaceId: r.workspaceId, id: r.endpointId });
          byEndpoint.set(key, [...(byEndpoint.get(key) ?? []), r.tag]);
        }
        return keys.map((k) => byEndpoint.get(keyOf(k)) ?? []);
      },
      { cacheKeyFn: keyOf },
    ),
    usage: new DataLoader(
      async (keys) => {
        const found = new Map<string, UsageTotals>();
        // One query per distinct date range (normally one per request).
        const ranges = new Map<string, UsageKey[]>();
        for (const k of keys) ranges.set(`${k.startDate}/${k.endDate}`, [...(ranges.get(`${k.startDate}/${k.endDate}`) ?? []), k]);
        for (const group of ranges.values()) {
          const { startDate, endDate } = group[0] as UsageKey;
          const rows = await db
            .select({
              workspaceId: simDailyUsage.workspaceId,
              simId: simDailyUsage.simId,
              bytesUp: sql<number>`sum(${simDailyUsage.bytesUp})::float8`,
              bytesDown: sql<number>`sum(${simDailyUsage.bytesDown})::float8`,
              smsSent: sql<number>`sum(${simDailyUsage.smsSent})::int`,
              smsReceived: sql<number>`sum(${simDailyUsage.smsReceived})::int`,
              cost: sql<number>`sum(${simDailyUsage.cost})::float8`,
            })
            .from(simDailyUsage)
            .where(
              and(
                inArray(simDailyUsage.workspaceId, distinct(group, 'workspaceId')),
                inArray(simDailyUsage.simId, distinct(group, 'id')),
                sql`${simDailyUsage.day} BETWEEN ${startDate}::date AND ${endDate}::date`,
              ),
            )
            .groupBy(simDailyUsage.workspaceId, simDailyUsage.simId);
          for (const r of rows) {
            const { workspaceId, simId, ...totals } = r;
            found.set(`${workspaceId}/${simId}/${startDate}/${endDate}`, totals);
          }
        }
        return keys.map((k) => found.get(`${k.workspaceId}/${k.id}/${k.startDate}/${k.endDate}`) ?? NO_USAGE);
      },
      { cacheKeyFn: (k) => `${k.workspaceId}/${k.id}/${k.startDate}/${k.endDate}` },
    ),
  };
}

/** Forgets everything loaded so far: called after each fleet mutation, so later fields read fresh rows. */
export function forgetFleet(loaders: FleetLoaders): void {
  for (const loader of Object.values(loaders) as { clearAll(): unknown }[]) loader.clearAll();
}

function rowLoader<T extends { workspaceId: string }>(
  fetch: (workspaceIds: string[], ids: string[]) => Promise<T[]>,
  idOf: (row: T) => string,
): DataLoader<InWorkspace, T | null, string> {
  return new DataLoader(
    async (keys) => {
      const rows = await fetch(distinct(keys, 'workspaceId'), distinct(keys, 'id'));
      const found = new Map(rows.map((r) => [keyOf({ workspaceId: r.workspaceId, id: idOf(r) }), r]));
      return keys.map((k) => found.get(keyOf(k)) ?? null);
    },
    { cacheKeyFn: keyOf },
  );
}

function distinct(keys: readonly InWorkspace[], field: keyof InWorkspace): string[] {
  return [...new Set(keys.map((k) => k[field]))];
}
