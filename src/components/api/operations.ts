import type { Package, Role } from '@/graphql/generated/resolvers-types';
import { operation } from './client';

export type { Package, Role };

/** Where a fresh sign-in lands: the default Workspace, or the ops console for an operator without one. */
export const LANDING = operation<{ viewer: { isOperator: boolean; activeWorkspace: { id: string } | null } }>(`
query Landing { viewer { isOperator activeWorkspace { id } } }`);

export interface WorkspaceSummary {
  id: string;
  name: string;
  createdAt: string;
  organization: { id: string; name: string; currency: string; package: Package };
  mainOrganization: { id: string; name: string } | null;
}

export interface SwitcherEntry {
  role: Role;
  isDefault: boolean;
  workspace: { id: string; name: string; organization: { name: string } };
}

export interface ShellData {
  viewer: {
    user: { id: string; name: string; email: string };
    role: Role | null;
    isOperator: boolean;
    activeWorkspace: WorkspaceSummary | null;
  };
  workspaces: SwitcherEntry[];
}

/** Everything the Workspace pages' frame needs: who, where, with which role, and the switcher list. */
export const WORKSPACE_SHELL = operation<ShellData>(`
query WorkspaceShell {
  viewer {
    user { id name email }
    role
    isOperator
    activeWorkspace {
      id name createdAt
      organization { id name currency package }
      mainOrganization { id name }
    }
  }
  workspaces { role isDefault workspace { id name organization { name } } }
}`);

export const SET_DEFAULT_WORKSPACE = operation<
  { setDefaultWorkspace: { id: string; defaultWorkspace: { id: string } | null } },
  { userId: string; workspaceId: string }
>(`
mutation SetDefaultWorkspace($userId: ID!, $workspaceId: ID!) {
  setDefaultWorkspace(userId: $userId, workspaceId: $workspaceId) { id defaultWorkspace { id } }
}`);

export const ACCEPT_INVITATION = operation<
  { acceptInvitation: { user: { email: string }; workspace: { id: string } | null } },
  { activationKey: string; password: string; name: string | null }
>(`
mutation AcceptInvitation($activationKey: String!, $password: String!, $name: String) {
  acceptInvitation(activationKey: $activationKey, password: $password, name: $name) { user { email } workspace { id } }
}`);

export interface OrganizationListItem {
  id: string;
  name: string;
  currency: string;
  package: Package;
  workspaceLimit: number;
  linkedWorkspaceCount: number;
  workspaces: { id: string; name: string }[] | null;
}

export const OPS_CONSOLE = operation<{
  viewer: { user: { name: string; email: string }; isOperator: boolean };
  workspaces: { workspace: { id: string; name: string } }[];
}>(`
query OpsConsole { viewer { user { name email } isOperator } workspaces { workspace { id name } } }`);

export const ORGANIZATIONS = operation<{ organizations: OrganizationListItem[] }>(`
query Organizations {
  organizations { id name currency package workspaceLimit linkedWorkspaceCount workspaces { id name } }
}`);
