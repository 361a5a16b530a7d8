'use client';

import Link from 'next/link';
import { useState } from 'react';
import { can } from '@/auth/policy';
import { type SimPageDetailFragment, SimPageDocument } from '../api/generated/graphql';
import { useOperation } from '../api/use-operation';
import { formatDateTime } from '../format';
import { ErrorNotice, Loading } from '../states';
import { StatusBadge } from '../ui/Badge';
import { ItemBreadcrumb, ItemNotFound } from '../ui/ItemNotFound';
import { PageHeader } from '../ui/PageHeader';
import { useWorkspace } from '../workspace/context';
import { SimEvents } from './SimEvents';
import { SimNumbersForm } from './SimNumbersForm';
import { SimStatusActions } from './SimStatusActions';
import { SimUsage } from './SimUsage';
import './sims.css';

/** One SIM: identifiers, lifecycle moves and numbers (roles that may change the fleet), device, usage, events. */
export function SimDetail({ simId }: { simId: string }) {
  const ctx = useWorkspace();
  const { state, reload } = useOperation(SimPageDocument, { id: simId }, { workspaceId: ctx.workspaceId });
  const [notice, setNotice] = useState<string | null>(null);
  // Bumped after each change so the events list asks again.
  const [version, setVersion] = useState(0);
  const mayWrite = can(ctx.role, 'fleet:write');
  const listHref = `/w/${ctx.workspaceId}/sims`;

  if (state.status === 'loading') return <Loading label="Loading SIM…" />;
  if (state.status === 'error' && state.error.code !== 'NOT_FOUND') {
    return <ErrorNotice title="The SIM could not be loaded" message={state.error.message} onRetry={reload} />;
  }
  const sim = state.status === 'ready' ? state.data.sim : null;
  if (!sim) return <SimNotFound listHref={listHref} workspaceName={ctx.workspace.name} />;

  const changed = (message: string) => {
    setNotice(message);
    setVersion((v) => v + 1);
    reload();
  };

  return (
    <>
      <ItemBreadcrumb listHref={listHref} listLabel="SIMs" current={sim.iccid} />
      <PageHeader
        title={`SIM ${sim.iccid}`}
        workspaceName={ctx.workspace.name}
        lead={<StatusBadge status={sim.status} />}
        actions={mayWrite ? <SimStatusActions sim={sim} onChanged={changed} /> : null}
      />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <div className="sim-grid">
        <Identifiers sim={sim} />
        <section className="card" aria-labelledby="sim-device-title">
          <h2 id="sim-device-title">Device</h2>
          {sim.endpoint ? (
            <p>
              In <Link href={`/w/${ctx.workspaceId}/devices/${sim.endpoint.id}`}>{sim.endpoint.name}</Link>
            </p>
          ) : (
            <p className="muted">In no device. Choose it in a device's form to put it in one.</p>
          )}
        </section>
      </div>
      {mayWrite && sim.status !== 'DELETED' && (
        <section className="card" aria-labelledby="sim-numbers-title">
          <h2 id="sim-numbers-title">Numbers</h2>
          <SimNumbersForm key={sim.updatedAt} sim={sim} onSaved={() => changed('Numbers saved.')} />
        </section>
      )}
      <SimUsage sim={sim} />
      <SimEvents simId={sim.id} version={version} />
    </>
  );
}

function Identifiers({ sim }: { sim: SimPageDetailFragment }) {
  return (
    <section className="card" aria-labelledby="sim-ids-title">
      <h2 id="sim-ids-title">Identifiers</h2>
      <dl className="details sim-details" aria-label="SIM identifiers">
        <div>
          <dt>ICCID</dt>
          <dd className="mono">{sim.iccid}</dd>
        </div>
        <div>
          <dt>IMSI</dt>
          <dd className="mono">{sim.imsi ?? '—'}</dd>
        </div>
        <div>
          <dt>MSISDN</dt>
          <dd className="mono">{sim.msisdn ?? '—'}</dd>
        </div>
        <div>
          <dt>Registered</dt>
          <dd>{formatDateTime(sim.createdAt)}</dd>
        </div>
        <div>
          <dt>Last changed</dt>
          <dd>{formatDateTime(sim.updatedAt)}</dd>
        </div>
      </dl>
    </section>
  );
}

function SimNotFound({ listHref, workspaceName }: { listHref: string; workspaceName: string }) {
  return (
    <ItemNotFound
      headingId="sim-not-found"
      title="SIM not found"
      workspaceName={workspaceName}
      listHref={listHref}
      backLabel="Back to SIMs"
    >
      There is no SIM with this address in {workspaceName}. It may belong to another Workspace, or the address is mistyped.
    </ItemNotFound>
  );
}
