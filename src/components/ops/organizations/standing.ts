import type { OpsOrganizationRowFragment, OpsWorkspaceLinkFragment } from '../../api/generated/graphql';

type Named = { id: string; name: string };

/**
 * Where an organization stands in the Workspace groups. `linkedWorkspaceCount` counts the Workspaces
 * linked TO it; an organization whose own Workspaces are linked under another main organization has
 * 0 there, and showing "0 / 3" made it look like an empty main organization (issue 10).
 */
export type Standing =
  /** Workspaces are linked to it: a main organization. */
  | { kind: 'main'; linked: number; limit: number }
  /** Its Workspaces are linked under other main organizations (and none to it). */
  | { kind: 'linked-under'; mains: Named[] }
  /** Pro, nothing linked either way: it may become a main organization. */
  | { kind: 'pro-unlinked'; limit: number }
  /** Standard package: a single Workspace, never a main organization. */
  | { kind: 'standard' };

export function standingOf(org: OpsOrganizationRowFragment): Standing {
  if (org.linkedWorkspaceCount > 0) return { kind: 'main', linked: org.linkedWorkspaceCount, limit: org.workspaceLimit };
  const mains = uniqueById(
    (org.workspaces ?? []).flatMap((w) => (w.mainOrganization && w.mainOrganization.id !== org.id ? [w.mainOrganization] : [])),
  );
  if (mains.length > 0) return { kind: 'linked-under', mains };
  return org.package === 'PRO' ? { kind: 'pro-unlinked', limit: org.workspaceLimit } : { kind: 'standard' };
}

export const isMainOrganization = (standing: Standing): boolean => standing.kind === 'main';

/** Every Workspace on the platform linked to `mainOrganizationId`, whichever organization owns it. */
export function linkedTo(mainOrganizationId: string, all: readonly OpsOrganizationRowFragment[]): OpsWorkspaceLinkFragment[] {
  return all.flatMap((org) => (org.workspaces ?? []).filter((w) => w.mainOrganization?.id === mainOrganizationId));
}

/** Every Workspace on the platform linked to no main organization: what can be linked. */
export function unlinkedWorkspaces(all: readonly OpsOrganizationRowFragment[]): OpsWorkspaceLinkFragment[] {
  return all.flatMap((org) => (org.workspaces ?? []).filter((w) => !w.mainOrganization));
}

function uniqueById<T extends Named>(items: T[]): T[] {
  return [...new Map(items.map((item) => [item.id, item])).values()];
}
