import DataLoader from 'dataloader';
import type { OrganizationRow, UserRow, WorkspaceLinkRow, WorkspaceRow } from '../db/schema';
import type { Database } from '../db/schema-types';
import { createFleetLoaders, type FleetLoaders } from '../features/fleet/loaders';
import { findUsersByIds } from '../features/identity/queries';
import { lastInvitationEmails } from '../features/memberships/queries';
import { findOrganizationsByIds } from '../features/ops/queries';
import { createReportLoaders, type ReportLoaders } from '../features/reports/loaders';
import {
  countLinkedWorkspacesOfOrganizations,
  findLinksOfWorkspaces,
  findWorkspacesByIds,
  findWorkspacesOfOrganizations,
} from '../features/workspaces/queries';

/** Per-request batch loaders: nested fields cost one query per kind, whatever the page size. */
export interface Loaders {
  workspace: DataLoader<string, WorkspaceRow | null>;
  organization: DataLoader<string, OrganizationRow | null>;
  user: DataLoader<string, UserRow | null>;
  /** A Workspace's link to its main organization, keyed by the Workspace's id. */
  link: DataLoader<string, WorkspaceLinkRow | null>;
  /** How many Workspaces a main organization links, keyed by its id. */
  linkedWorkspaceCount: DataLoader<string, number>;
  /** An organization's own Workspaces, oldest first, keyed by its id. */
  organizationWorkspaces: DataLoader<string, WorkspaceRow[]>;
  /** The email a member was last invited to a Workspace under (null: never invited there). */
  invitedEmail: DataLoader<MemberKey, string | null, string>;
  /** Devices, SIMs, policies, tags and usage totals (src/features/fleet/loaders.ts). */
  fleet: FleetLoaders;
  /** Zero-filled daily usage series (src/features/reports/loaders.ts). */
  reports: ReportLoaders;
}

export interface MemberKey {
  workspaceId: string;
  userId: string;
}

const memberKey = (k: MemberKey) => `${k.workspaceId}:${k.userId}`;

export function createLoaders(db: Database): Loaders {
  return {
    workspace: byId(
      (ids) => findWorkspacesByIds(db, ids),
      (r) => r.id,
    ),
    organization: byId(
      (ids) => findOrganizationsByIds(db, ids),
      (r) => r.id,
    ),
    user: byId(
      (ids) => findUsersByIds(db, ids),
      (r) => r.id,
    ),
    link: byId(
      (ids) => findLinksOfWorkspaces(db, ids),
      (r) => r.workspaceId,
    ),
    linkedWorkspaceCount: new DataLoader(async (ids) => {
      const counts = new Map((await countLinkedWorkspacesOfOrganizations(db, ids)).map((r) => [r.organizationId, r.n]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    organizationWorkspaces: new DataLoader(async (ids) => {
      const byOrganization = new Map<string, WorkspaceRow[]>(ids.map((id) => [id, []]));
      for (const row of await findWorkspacesOfOrganizations(db, ids)) byOrganization.get(row.organizationId)?.push(row);
      return ids.map((id) => byOrganization.get(id) ?? []);
    }),
    invitedEmail: new DataLoader(
      async (keys) => {
        const found = new Map((await lastInvitationEmails(db, keys)).map((r) => [memberKey(r), r.email]));
        return keys.map((k) => found.get(memberKey(k)) ?? null);
      },
      { cacheKeyFn: memberKey },
    ),
    fleet: createFleetLoaders(db),
    reports: createReportLoaders(db),
  };
}

function byId<T>(fetch: (ids: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await fetch(ids);
    const found = new Map(rows.map((r) => [keyOf(r), r]));
    return ids.map((id) => found.get(id) ?? null);
  });
}
