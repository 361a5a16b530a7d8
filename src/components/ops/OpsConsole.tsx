'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { OpsConsoleDocument, type OrganizationListItemFragment, OrganizationsDocument } from '../api/generated/graphql';
import { useOperation } from '../api/use-operation';
import { SignOutButton } from '../auth/SignOutButton';
import { endBrowserSession } from '../auth/session';
import { packageLabel } from '../format';
import { EmptyState, ErrorNotice, Loading } from '../states';

/** The platform operations console (operators only). For now: every organization and its Workspaces. */
export function OpsConsole() {
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
  if (!viewer.isOperator) {
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

  return (
    <div className="ops">
      <title>Ops console · IoT Portal</title>
      <header className="topbar">
        <strong className="brand">Ops console</strong>
        <div className="topbar-right">
          {workspaces[0] && (
            <Link className="button button-quiet" href={`/w/${workspaces[0].workspace.id}`}>
              My Workspaces
            </Link>
          )}
          <span className="who-email">{viewer.user.email}</span>
          <SignOutButton />
        </div>
      </header>
      <main className="content">
        <header className="page-header">
          <h1>Organizations</h1>
          <p className="muted">Every billable organization on the platform and the Workspaces it owns.</p>
        </header>
        <OrganizationTable />
      </main>
    </div>
  );
}

function OrganizationTable() {
  const { state, reload } = useOperation(OrganizationsDocument, {});
  if (state.status === 'loading') return <Loading label="Loading organizations…" />;
  if (state.status === 'error')
    return <ErrorNotice title="Organizations could not be loaded" message={state.error.message} onRetry={reload} />;
  const organizations = state.data.organizations;
  if (organizations.length === 0) {
    return <EmptyState title="No organizations yet">Create one through the API (createOrganization).</EmptyState>;
  }
  return (
    <div className="card table-card">
      <table className="table">
        <caption className="visually-hidden">Organizations</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Currency</th>
            <th scope="col">Package</th>
            <th scope="col">Linked / limit</th>
            <th scope="col">Workspaces</th>
          </tr>
        </thead>
        <tbody>
          {organizations.map((org) => (
            <OrganizationRow key={org.id} org={org} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OrganizationRow({ org }: { org: OrganizationListItemFragment }) {
  const owned = org.workspaces ?? [];
  return (
    <tr>
      <th scope="row">{org.name}</th>
      <td>{org.currency}</td>
      <td>{packageLabel(org.package)}</td>
      <td>
        {org.linkedWorkspaceCount} / {org.workspaceLimit}
      </td>
      <td>{owned.length === 0 ? <span className="muted">None</span> : owned.map((w) => w.name).join(', ')}</td>
    </tr>
  );
}
