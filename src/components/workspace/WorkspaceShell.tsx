'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { can } from '@/auth/policy';
import { ApiError, request, type TypedDocument } from '../api/client';
import { SetDefaultWorkspaceDocument, type WorkspaceRequestKind, WorkspaceShellDocument } from '../api/generated/graphql';
import { useOperation } from '../api/use-operation';
import { SignOutButton } from '../auth/SignOutButton';
import { endBrowserSession } from '../auth/session';
import { ErrorNotice, Loading } from '../states';
import { useWorkspace, WorkspaceContext, type WorkspaceContextValue } from './context';
import { WorkspaceNotFound } from './WorkspaceNotFound';
import { WorkspaceRequestDialog } from './WorkspaceRequestDialog';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

/**
 * The frame of every page under /w/<workspaceId>/: loads who the viewer is in the Workspace of the
 * URL (sent as x-workspace-id), shows the sidebar with the switcher, and gives the pages a context.
 */
export function WorkspaceShell({ workspaceId, children }: { workspaceId: string; children: ReactNode }) {
  const { state, reload } = useOperation(WorkspaceShellDocument, {}, { workspaceId });
  const sessionEnded = state.status === 'error' && state.error.code === 'UNAUTHENTICATED';
  const [requestKind, setRequestKind] = useState<WorkspaceRequestKind | null>(null);

  useEffect(() => {
    if (sessionEnded) void endBrowserSession('SessionEnded');
  }, [sessionEnded]);

  const value = useMemo<WorkspaceContextValue | null>(() => {
    if (state.status !== 'ready') return null;
    const { viewer, workspaces } = state.data;
    if (!viewer.activeWorkspace || !viewer.role || viewer.activeWorkspace.id !== workspaceId) return null;
    return {
      workspaceId,
      workspace: viewer.activeWorkspace,
      role: viewer.role,
      user: viewer.user,
      isOperator: viewer.isOperator,
      workspaces,
      request: <TData, TVariables>(document: TypedDocument<TData, TVariables>, variables: TVariables) =>
        request(document, variables, { workspaceId }),
      refresh: reload,
    };
  }, [state, workspaceId, reload]);

  if (state.status === 'loading' || sessionEnded) {
    return (
      <main className="centered">
        <Loading label="Loading Workspace…" />
      </main>
    );
  }
  if (state.status === 'error' && !state.error.isWorkspaceNotFound) {
    return (
      <main className="centered">
        <ErrorNotice title="The Workspace could not be loaded" message={state.error.message} onRetry={reload} />
      </main>
    );
  }
  if (!value) return <WorkspaceNotFound />;
  const base = `/w/${workspaceId}`;
  const admin = can(value.role, 'members:manage');

  return (
    <WorkspaceContext.Provider value={value}>
      <div className="app">
        <aside className="sidebar" aria-label="Sidebar">
          <WorkspaceSwitcher
            key={workspaceId}
            currentId={workspaceId}
            currentName={value.workspace.name}
            entries={value.workspaces}
            onRequest={mayRequestWorkspace(value) ? setRequestKind : undefined}
          />
          <DefaultWorkspaceAction key={workspaceId} />
          <nav aria-label="Workspace pages" className="nav">
            <NavLink href={base} exact>
              Home
            </NavLink>
            <NavLink href={`${base}/devices`}>Devices</NavLink>
            <NavLink href={`${base}/sims`}>SIMs</NavLink>
            <NavLink href={`${base}/reports`}>Reports</NavLink>
            <NavLink href={`${base}/tokens`}>Application tokens</NavLink>
            {admin && <NavLink href={`${base}/users`}>Users</NavLink>}
            {can(value.role, 'audit:read') && <NavLink href={`${base}/audit`}>Audit log</NavLink>}
            {value.isOperator && <NavLink href="/ops">Ops console</NavLink>}
          </nav>
          <div className="sidebar-footer">
            <div className="who">
              <span className="who-name">{value.user.name}</span>
              <span className="who-email">{value.user.email}</span>
            </div>
            <SignOutButton />
          </div>
        </aside>
        <main className="content">{children}</main>
      </div>
      {requestKind && <WorkspaceRequestDialog kind={requestKind} onClose={() => setRequestKind(null)} />}
    </WorkspaceContext.Provider>
  );
}

/** "Set as default": makes the current Workspace the one sign-in lands in. */
function DefaultWorkspaceAction() {
  const ctx = useWorkspace();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'done' | 'error'; text: string } | null>(null);
  const isDefault = ctx.workspaces.some((w) => w.isDefault && w.workspace.id === ctx.workspaceId);

  const setDefault = useCallback(async () => {
    setBusy(true);
    setMessage(null);
    try {
      await ctx.request(SetDefaultWorkspaceDocument, { userId: ctx.user.id, workspaceId: ctx.workspaceId });
      setMessage({ kind: 'done', text: `${ctx.workspace.name} is now your default Workspace.` });
      ctx.refresh();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }, [ctx]);

  return (
    <div className="default-action">
      {isDefault ? (
        <p className="muted small">Your default Workspace: sign-in lands here.</p>
      ) : (
        <button type="button" className="button button-small" onClick={setDefault} disabled={busy}>
          {busy ? 'Saving…' : 'Set as default'}
        </button>
      )}
      {message && (
        <p className={message.kind === 'error' ? 'form-error small' : 'notice small'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}

/**
 * Who may ask ops for a Workspace (the server decides; this only hides the entries from the others):
 * the SuperAdmin, or an Administrator in the main organization's own Workspace on the Pro package.
 */
function mayRequestWorkspace(value: WorkspaceContextValue): boolean {
  if (value.role === 'SUPER_ADMIN') return true;
  if (value.role !== 'ADMINISTRATOR') return false;
  const { organization, mainOrganization } = value.workspace;
  return mainOrganization ? mainOrganization.id === organization.id : organization.package === 'PRO';
}

/** A sidebar link; marked as the current page on its own URL and (unless `exact`) on the pages below it. */
function NavLink({ href, children, exact = false }: { href: string; children: ReactNode; exact?: boolean }) {
  const pathname = usePathname();
  const current = pathname === href ? 'page' : !exact && pathname.startsWith(`${href}/`) ? 'location' : undefined;
  return (
    <Link href={href} aria-current={current}>
      {children}
    </Link>
  );
}
