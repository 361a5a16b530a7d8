'use client';

import { Building2, CirclePlus, Inbox, LayoutGrid, ScrollText } from 'lucide-react';
import Link from 'next/link';
import { type ReactNode, useEffect } from 'react';
import { OpsConsoleDocument } from '../api/generated/graphql';
import { useOperation } from '../api/use-operation';
import { endBrowserSession } from '../auth/session';
import { AppFrame } from '../shell/AppFrame';
import { Brand } from '../shell/Logo';
import { NavGroup, NavLink } from '../shell/NavLink';
import { UserCard } from '../shell/UserCard';
import { ErrorNotice, Loading } from '../states';

const NAV = [
  { href: '/ops/requests', label: 'Requests', icon: Inbox },
  { href: '/ops/organizations', label: 'Organizations', icon: Building2 },
  { href: '/ops/create', label: 'Create', icon: CirclePlus },
  { href: '/ops/audit', label: 'Audit log', icon: ScrollText },
] as const;

/**
 * The frame of every /ops page: platform operators only (everyone else gets a refusal, the API refuses
 * them too), a sidebar with the console's sections, the signed-in operator at the bottom.
 */
export function OpsShell({ children }: { children: ReactNode }) {
  const { state, reload } = useOperation(OpsConsoleDocument, {});
  const sessionEnded = state.status === 'error' && state.error.code === 'UNAUTHENTICATED';
  useEffect(() => {
    if (sessionEnded) void endBrowserSession('SessionEnded');
  }, [sessionEnded]);

  if (state.status === 'loading' || sessionEnded) {
    return (
      <main className="centered">
        <Loading label="Loading the ops console…" />
      </main>
    );
  }
  if (state.status === 'error') {
    return (
      <main className="centered">
        <ErrorNotice title="The ops console could not be loaded" message={state.error.message} onRetry={reload} />
      </main>
    );
  }
  const { viewer, workspaces } = state.data;
  if (!viewer.isOperator) return <NotAnOperator />;
  const home = workspaces[0]?.workspace.id;

  const sidebar = (
    <>
      <Brand caption="Ops console" />
      <nav aria-label="Ops console" className="nav">
        <NavGroup title="Platform">
          {NAV.map((item) => (
            <NavLink key={item.href} href={item.href} icon={item.icon}>
              {item.label}
            </NavLink>
          ))}
        </NavGroup>
        {home && (
          <NavGroup title="Fleet">
            <NavLink href={`/w/${home}`} icon={LayoutGrid}>
              My Workspaces
            </NavLink>
          </NavGroup>
        )}
      </nav>
      <UserCard name={viewer.user.name} email={viewer.user.email} />
    </>
  );

  return (
    <AppFrame label="Ops console menu" topBar={<span className="mobile-bar-name">Ops console</span>} sidebar={sidebar}>
      {children}
    </AppFrame>
  );
}

function NotAnOperator() {
  return (
    <main className="centered">
      <section className="card narrow" aria-labelledby="ops-denied-title">
        <h1 id="ops-denied-title">Ops console</h1>
        <p>Only platform operations staff can open the ops console.</p>
        <div className="actions">
          <Link className="button button-primary" href="/">
            Go to your Workspace
          </Link>
        </div>
      </section>
    </main>
  );
}
