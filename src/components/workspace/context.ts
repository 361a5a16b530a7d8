'use client';

import { createContext, useContext } from 'react';
import type { TypedDocument } from '../api/client';
import type { Role, ShellUserFragment, SwitcherEntryFragment, WorkspaceSummaryFragment } from '../api/generated/graphql';

/** What every page under /w/<workspaceId>/ knows: the Workspace of its URL, the viewer's role there. */
export interface WorkspaceContextValue {
  workspaceId: string;
  workspace: WorkspaceSummaryFragment;
  role: Role;
  user: ShellUserFragment;
  isOperator: boolean;
  /** The switcher list: every Workspace the viewer can enter. */
  workspaces: SwitcherEntryFragment[];
  /** Calls the API in this page's Workspace (x-workspace-id). */
  request<TData, TVariables>(document: TypedDocument<TData, TVariables>, variables: TVariables): Promise<TData>;
  /** Reloads the frame's data (after a change to the switcher list, the role, ...). */
  refresh(): void;
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace() is only available inside a Workspace page (/w/<workspaceId>/...).');
  return value;
}
