'use client';

import { Info } from 'lucide-react';
import { packageLabel, roleLabel } from '../format';
import { LatestEvents } from '../home/LatestEvents';
import { OtherWorkspaces } from '../home/OtherWorkspaces';
import { StatusCounts } from '../home/StatusCounts';
import { UsageCard } from '../home/UsageCard';
import '../home/home.css';
import { useWorkspace } from './context';

/** The Workspace's home: the fleet by status, last month's usage, what happened lately, where else to go. */
export function WorkspaceHome() {
  const { workspace } = useWorkspace();
  return (
    <>
      <title>{`${workspace.name} · IoT Portal`}</title>
      <header className="page-header">
        <p className="eyebrow">Workspace</p>
        <h1>{workspace.name}</h1>
        <p className="muted">
          Billed to {workspace.organization.name} in {workspace.organization.currency}.
        </p>
      </header>
      <StatusCounts />
      <div className="home-grid">
        <div>
          <UsageCard />
          <LatestEvents />
        </div>
        <div>
          <WorkspaceDetails />
          <OtherWorkspaces />
        </div>
      </div>
    </>
  );
}

function WorkspaceDetails() {
  const { workspace, role } = useWorkspace();
  const org = workspace.organization;
  return (
    <section className="card" aria-labelledby="details-title">
      <h2 id="details-title" className="home-card-title">
        <Info size={18} aria-hidden="true" />
        Details
      </h2>
      <dl className="details home-details" aria-label="Workspace details">
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
      </dl>
    </section>
  );
}
