'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { type ReactNode, useEffect } from 'react';
import { OpsConsoleDocument } from '../api/generated/graphql';
import { useOperation } from '../api/use-operation';
import { SignOutButton } from '../auth/SignOutButton';
import { endBrowserSession } from '../auth/session';
import { ErrorNotice, Loading } from '../states';

const NAV = [
  { href: '/ops/requests', label: 'Requests' },
  { href: '/ops/organizations', label: 'Organizations' },
  { href: '/ops/create', label: 'Create' },
  { href: '/ops/audit', label: 'Audit log' },
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

  return (
    <div className="app">
      <aside className="sidebar" aria-label="Sidebar">
        <p className="brand">Ops console</p>
        <nav aria-label="Ops console" className="nav">
          {NAV.map((item) => (
            <NavLink key={item.href} href={item.href}>
              {item.label}
            </NavLink>
          ))}
          {home && <Link href={`/w/${home}`}>My Workspaces</Link>}
        </nav>
        <div className="sidebar-footer">
          <div className="who">
            <span className="who-name">{viewer.user.name}</span>
            <span className="who-email">{viewer.user.email}</span>
          </div>
          <SignOutButton />
        </div>
      </aside>
      <main className="content">{children}</main>
    </div>
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

/** A sidebar link, current on its page and the pages below it. */
function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = pathname === href ? 'page' : pathname.startsWith(`${href}/`) ? 'location' : undefined;
  return (
    <Link href={href} aria-current={current}>
      {children}
    </Link>
  );
}
