import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import {
  type OrganizationRow,
  organizations,
  type UserRow,
  users,
  type WorkspaceLinkRow,
  type WorkspaceRow,
  workspaceLinks,
  workspaces,
} from '../db/schema';
import type { Database } from '../db/schema-types';
import { createFleetLoaders, type FleetLoaders } from '../features/fleet/loaders';
import { createReportLoaders, type ReportLoaders } from '../features/reports/loaders';

/** Per-request batch loaders: nested fields cost one query per kind, whatever the page size. */
export interface Loaders {
  workspace: DataLoader<string, WorkspaceRow | null>;
  organization: DataLoader<string, OrganizationRow | null>;
  user: DataLoader<string, UserRow | null>;
  link: DataLoader<string, WorkspaceLinkRow | null>;
  /** Devices, SIMs, policies, tags and usage totals (src/features/fleet/loaders.ts). */
  fleet: FleetLoaders;
  /** Zero-filled daily usage series (src/features/reports/loaders.ts). */
  reports: ReportLoaders;
}

export function createLoaders(db: Database): Loaders {
  return {
    workspace: byId(
      async (ids) => db.select().from(workspaces).where(inArray(workspaces.id, ids)),
      (r) => r.id,
    ),
    organization: byId(
      async (ids) => db.select().from(organizations).where(inArray(organizations.id, ids)),
      (r) => r.id,
    ),
    user: byId(
      async (ids) => db.select().from(users).where(inArray(users.id, ids)),
      (r) => r.id,
    ),
    link: byId(
      async (ids) => db.select().from(workspaceLinks).where(inArray(workspaceLinks.workspaceId, ids)),
      (r) => r.workspaceId,
    ),
    fleet: createFleetLoaders(db),
    reports: createReportLoaders(db),
  };
}

function byId<T>(fetch: (ids: string[]) => Promise<T[]>, keyOf: (row: T) => string): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await fetch([...ids]);
    const found = new Map(rows.map((r) => [keyOf(r), r]));
    return ids.map((id) => found.get(id) ?? null);
  });
}
