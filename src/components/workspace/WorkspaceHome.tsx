'use client';

import Link from 'next/link';
import { FleetCountsDocument } from '../api/generated/graphql';
import { useOperation } from '../api/use-operation';
import { formatCount, formatDate, packageLabel, roleLabel } from '../format';
import { ErrorNotice, Loading } from '../states';
import { useWorkspace } from './context';

/** The Workspace's home: what it is, who pays for it, and the viewer's role in it. */
export function WorkspaceHome() {
  const { workspace, role, workspaces } = useWorkspace();
  const org = workspace.organization;
  const others = workspaces.length - 1;
  return (
    <>
      <title>{`${workspace.name} · IoT Portal`}</title>
      <header className="page-header">
        <p className="eyebrow">Workspace</p>
        <h1>{workspace.name}</h1>
        <p className="muted">
          Billed to {org.name} in {org.currency}.
        </p>
      </header>
      <FleetCounts />
      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <dl className="details" aria-label="Workspace details">
          <div>
            <dt>Organization</dt>
            <dd>{org.name}</dd>
          </div>
          <div>
            <dt>Currency</dt>
            <dd>{org.currency}</dd>
          </div>
          <div>
            <dt>Package</dt>
            <dd>{packageLabel(org.package)}</dd>
          </div>
          <div>
            <dt>Your role</dt>
            <dd>{roleLabel(role)}</dd>
          </div>
          <div>
            <dt>Main organization</dt>
            <dd>{workspace.mainOrganization ? workspace.mainOrganization.name : 'Not linked'}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{formatDate(workspace.createdAt)}</dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="switch-title">
        <h2 id="switch-title">Other Workspaces</h2>
        <p className="muted">
          {others > 0
            ? `You can enter ${others} other Workspace${others === 1 ? '' : 's'}: open the switcher at the top of the sidebar.`
            : 'This is the only Workspace you can enter.'}
        </p>
      </section>
    </>
  );
}

/** How many SIMs and devices the Workspace has, each linking to its list. */
function FleetCounts() {
  const { workspaceId } = useWorkspace();
  const { state, reload } = useOperation(FleetCountsDocument, {}, { workspaceId });
  return (
    <section className="card" aria-labelledby="fleet-title">
      <h2 id="fleet-title">Fleet</h2>
      {state.status === 'loading' && <Loading label="Counting SIMs and devices…" />}
      {state.status === 'error' && <ErrorNotice title="The fleet could not be counted" message={state.error.message} onRetry={reload} />}
      {state.status === 'ready' && (
        <div className="stats">
          <Link className="stat" href={`/w/${workspaceId}/sims`} aria-label={`SIMs: ${state.data.sims.totalCount}`}>
            <span className="stat-value">{formatCount(state.data.sims.totalCount)}</span>
            <span className="stat-label">SIMs</span>
          </Link>
          <Link className="stat" href={`/w/${workspaceId}/devices`} aria-label={`Devices: ${state.data.endpoints.totalCount}`}>
            <span className="stat-value">{formatCount(state.data.endpoints.totalCount)}</span>
            <span className="stat-label">Devices</span>
          </Link>
        </div>
      )}
    </section>
  );
}
