import DataLoader from 'dataloader';
import type { CoveragePolicyRow, EndpointRow, ServicePolicyRow, SimRow } from '../../db/schema';
import type { Database } from '../../db/schema-types';
import { findEndpointsByIds, findEndpointsHolding, tagsOfEndpoints } from './endpoints/queries';
import { deviceCountsByPolicy, findCoveragePoliciesByIds, findServicePoliciesByIds } from './policies/queries';
import { findSimsByIds } from './sims/queries';
import { type UsageTotals, usageTotalsOfSims } from './usage/queries';

/**
 * Per-request batch loaders for the fleet's nested fields. Keys carry the Workspace of the row that
 * asks (itself read from the active Workspace), and every batch filters on it, so a page costs one
 * query per field kind whatever its size.
 */
export interface FleetLoaders {
  sim: DataLoader<InWorkspace, SimRow | null, string>;
  /** A device by its id (null once deleted). */
  endpoint: DataLoader<InWorkspace, EndpointRow | null, string>;
  /** The device holding a SIM, keyed by the SIM's id. */
  endpointBySim: DataLoader<InWorkspace, EndpointRow | null, string>;
  servicePolicy: DataLoader<InWorkspace, ServicePolicyRow | null, string>;
  coveragePolicy: DataLoader<InWorkspace, CoveragePolicyRow | null, string>;
  /** How many devices use a service policy, keyed by the policy. */
  servicePolicyDeviceCount: DataLoader<InWorkspace, number, string>;
  /** How many devices use a coverage policy, keyed by the policy. */
  coveragePolicyDeviceCount: DataLoader<InWorkspace, number, string>;
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

export const NO_USAGE: UsageTotals = { bytesUp: 0, bytesDown: 0, smsSent: 0, smsReceived: 0, cost: 0 };

const keyOf = (k: InWorkspace) => `${k.workspaceId}/${k.id}`;
const usageKeyOf = (k: UsageKey) => `${k.workspaceId}/${k.id}/${k.startDate}/${k.endDate}`;

export function createFleetLoaders(db: Database): FleetLoaders {
  return {
    sim: rowLoader(
      (ws, ids) => findSimsByIds(db, ws, ids),
      (r) => r.id,
    ),
    endpoint: rowLoader(
      (ws, ids) => findEndpointsByIds(db, ws, ids),
      (r) => r.id,
    ),
    endpointBySim: rowLoader(
      (ws, ids) => findEndpointsHolding(db, ws, ids),
      (r) => r.simId ?? '',
    ),
    servicePolicy: rowLoader(
      (ws, ids) => findServicePoliciesByIds(db, ws, ids),
      (r) => r.id,
    ),
    coveragePolicy: rowLoader(
      (ws, ids) => findCoveragePoliciesByIds(db, ws, ids),
      (r) => r.id,
    ),
    servicePolicyDeviceCount: deviceCountLoader(db, 'service'),
    coveragePolicyDeviceCount: deviceCountLoader(db, 'coverage'),
    tags: new DataLoader(
      async (keys) => {
        const rows = await tagsOfEndpoints(db, distinct(keys, 'workspaceId'), distinct(keys, 'id'));
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
          const rows = await usageTotalsOfSims(db, distinct(group, 'workspaceId'), distinct(group, 'id'), { startDate, endDate });
          for (const { workspaceId, simId, ...totals } of rows)
            found.set(usageKeyOf({ workspaceId, id: simId, startDate, endDate }), totals);
        }
        return keys.map((k) => found.get(usageKeyOf(k)) ?? NO_USAGE);
      },
      { cacheKeyFn: usageKeyOf },
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

function deviceCountLoader(db: Database, kind: 'service' | 'coverage'): DataLoader<InWorkspace, number, string> {
  return new DataLoader(
    async (keys) => {
      const rows = await deviceCountsByPolicy(db, kind, distinct(keys, 'workspaceId'), distinct(keys, 'id'));
      const found = new Map(rows.map((r) => [keyOf({ workspaceId: r.workspaceId, id: r.policyId }), r.n]));
      return keys.map((k) => found.get(keyOf(k)) ?? 0);
    },
    { cacheKeyFn: keyOf },
  );
}

function distinct(keys: readonly InWorkspace[], field: keyof InWorkspace): string[] {
  return [...new Set(keys.map((k) => k[field]))];
}
