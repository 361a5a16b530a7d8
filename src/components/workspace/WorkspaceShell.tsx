'use client';

import { Braces, ChartColumn, Cpu, CreditCard, House, KeyRound, ScrollText, ShieldCheck, Users, Wrench } from 'lucide-react';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { can } from '@/auth/policy';
import { ApiError, request, type TypedDocument } from '../api/client';
import { SetDefaultWorkspaceDocument, type WorkspaceRequestKind, WorkspaceShellDocument } from '../api/generated/graphql';
import { useOperation } from '../api/use-operation';
import { endBrowserSession } from '../auth/session';
import { AppFrame } from '../shell/AppFrame';
import { Brand } from '../shell/Logo';
import { NavGroup, NavLink } from '../shell/NavLink';
import { UserCard } from '../shell/UserCard';
import { ErrorNotice, Loading } from '../states';
import { useWorkspace, WorkspaceContext, type WorkspaceContextValue } from './context';
import { WorkspaceNotFound } from './WorkspaceNotFound';
import { WorkspaceRequestDialog } from './WorkspaceRequestDialog';
import { SwitcherTrigger, WorkspaceSwitcher } from './WorkspaceSwitcher';

/**
 * The frame of every page under /w/<workspaceId>/: loads who the viewer is in the Workspace of the
 * URL (sent as x-workspace-id), shows the sidebar with the switcher, and gives the pages a context.
 */
export function WorkspaceShell({ workspaceId, children }: { workspaceId: string; children: ReactNode }) {
  const { state, reload } = useOperation(WorkspaceShellDocument, {}, { workspaceId });
  const sessionEnded = state.status === 'error' && state.error.code === 'UNAUTHENTICATED';

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
  return (
    <WorkspaceContext.Provider value={value}>
      <WorkspaceFrame value={value}>{children}</WorkspaceFrame>
    </WorkspaceContext.Provider>
  );
}

/**
 * The sidebar (phone: drawer) of a Workspace: the switcher, the pages grouped, the user; Ctrl+K / Cmd+K
 * opens the switcher from anywhere in the Workspace's pages.
 */
function WorkspaceFrame({ value, children }: { value: WorkspaceContextValue; children: ReactNode }) {
  const [switcherOpen, setSwitcherOpen] = useState(false);
  const [requestKind, setRequestKind] = useState<WorkspaceRequestKind | null>(null);
  const { workspaceId, workspace, role } = value;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'k') return;
      // A native modal dialog (a form) is open: it stays on top and keeps the keyboard.
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      setSwitcherOpen((open) => !open);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const trigger = (compact: boolean) => (
    <SwitcherTrigger
      name={workspace.name}
      organization={workspace.organization.name}
      role={role}
      compact={compact}
      onOpen={() => setSwitcherOpen(true)}
    />
  );

  return (
    <>
      <AppFrame label="Workspace menu" topBar={trigger(true)} sidebar={<WorkspaceSidebar value={value} switcher={trigger(false)} />}>
        {children}
      </AppFrame>
      <WorkspaceSwitcher
        key={workspaceId}
        open={switcherOpen}
        onOpenChange={setSwitcherOpen}
        currentId={workspaceId}
        entries={value.workspaces}
        onRequest={mayRequestWorkspace(value) ? setRequestKind : undefined}
      />
      {requestKind && <WorkspaceRequestDialog kind={requestKind} onClose={() => setRequestKind(null)} />}
    </>
  );
}

function WorkspaceSidebar({ value, switcher }: { value: WorkspaceContextValue; switcher: ReactNode }) {
  const base = `/w/${value.workspaceId}`;
  const admin = can(value.role, 'members:manage');
  const audit = can(value.role, 'audit:read');
  return (
    <>
      <Brand />
      <div className="sidebar-switcher">{switcher}</div>
      <nav aria-label="Workspace pages" className="nav">
        <NavGroup title="Fleet">
          <NavLink href={base} icon={House} exact>
            Home
          </NavLink>
          <NavLink href={`${base}/devices`} icon={Cpu}>
            Devices
          </NavLink>
          <NavLink href={`${base}/sims`} icon={CreditCard}>
            SIMs
          </NavLink>
          <NavLink href={`${base}/policies`} icon={ShieldCheck}>
            Policies
          </NavLink>
        </NavGroup>
        <NavGroup title="Insights">
          <NavLink href={`${base}/reports`} icon={ChartColumn}>
            Reports
          </NavLink>
        </NavGroup>
        {(admin || audit) && (
          <NavGroup title="Administration">
            {admin && (
              <NavLink href={`${base}/users`} icon={Users}>
                Users
              </NavLink>
            )}
            {audit && (
              <NavLink href={`${base}/audit`} icon={ScrollText}>
                Audit log
              </NavLink>
            )}
          </NavGroup>
        )}
        <NavGroup title="Integrations">
          <NavLink href={`${base}/tokens`} icon={KeyRound}>
            Application tokens
          </NavLink>
          <NavLink href="/graphiql" icon={Braces}>
            API explorer
          </NavLink>
        </NavGroup>
        {value.isOperator && (
          <NavGroup title="Platform">
            <NavLink href="/ops" icon={Wrench}>
              Ops console
            </NavLink>
          </NavGroup>
        )}
      </nav>
      <UserCard name={value.user.name} email={value.user.email}>
        <DefaultWorkspaceAction key={value.workspaceId} />
      </UserCard>
    </>
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
