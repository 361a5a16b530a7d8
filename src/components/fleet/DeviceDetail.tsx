'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { can } from '@/auth/policy';
import {
  DeleteEndpointDocument,
  EndpointDailyUsageDocument,
  type EndpointDetailFragment,
  EndpointDocument,
  UpdateEndpointDocument,
} from '../api/generated/graphql';
import { useOperation } from '../api/use-operation';
import { UsagePanel } from '../charts/UsagePanel';
import { formatDateTime } from '../format';
import { ErrorNotice, Loading } from '../states';
import { StatusBadge } from '../ui/Badge';
import { ConfirmButton } from '../ui/ConfirmButton';
import { PageHeader } from '../ui/PageHeader';
import { useWorkspace } from '../workspace/context';
import { DeviceForm } from './DeviceForm';

/** One device: its details, edit and delete (roles that may change the fleet), and its daily usage. */
export function DeviceDetail({ deviceId }: { deviceId: string }) {
  const ctx = useWorkspace();
  const router = useRouter();
  const { state, reload } = useOperation(EndpointDocument, { id: deviceId }, { workspaceId: ctx.workspaceId });
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const mayWrite = can(ctx.role, 'fleet:write');
  const listHref = `/w/${ctx.workspaceId}/devices`;

  if (state.status === 'loading') return <Loading label="Loading device…" />;
  if (state.status === 'error' && state.error.code !== 'NOT_FOUND') {
    return <ErrorNotice title="The device could not be loaded" message={state.error.message} onRetry={reload} />;
  }
  const device = state.status === 'ready' ? state.data.endpoint : null;
  if (!device) {
    return (
      <section className="card narrow-card" aria-labelledby="device-not-found">
        <title>{`Device not found · ${ctx.workspace.name} · IoT Portal`}</title>
        <h1 id="device-not-found">Device not found</h1>
        <p>There is no device with this address in {ctx.workspace.name}. It may have been deleted, or it belongs to another Workspace.</p>
        <div className="actions">
          <Link className="button button-primary" href={listHref}>
            Back to devices
          </Link>
        </div>
      </section>
    );
  }

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={listHref}>Devices</Link> <span aria-hidden="true">/</span> <span aria-current="page">{device.name}</span>
      </nav>
      <PageHeader
        title={device.name}
        workspaceName={ctx.workspace.name}
        actions={
          mayWrite && !editing ? (
            <>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setEditing(true);
                  setSaved(false);
                }}
              >
                Edit
              </button>
              <ConfirmButton
                label="Delete"
                className="button"
                accessibleLabel={`Delete device ${device.name}`}
                title={`Delete ${device.name}?`}
                confirmLabel="Delete device"
                onConfirm={async () => {
                  await ctx.request(DeleteEndpointDocument, { id: device.id });
                  router.push(listHref);
                }}
              >
                <p>
                  The device and its tags are deleted for good.
                  {device.sim ? ` Its SIM ${device.sim.iccid} stays registered and becomes free for another device.` : ''}
                </p>
              </ConfirmButton>
            </>
          ) : null
        }
      />
      {saved && (
        <p className="notice" role="status">
          Changes saved.
        </p>
      )}
      {editing ? (
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title">Edit device</h2>
          <DeviceForm
            device={device}
            submitLabel="Save changes"
            onCancel={() => setEditing(false)}
            onSubmit={async (input) => {
              await ctx.request(UpdateEndpointDocument, { id: device.id, input });
              setEditing(false);
              setSaved(true);
              reload();
            }}
          />
        </section>
      ) : (
        <DeviceFacts device={device} />
      )}
      <UsageSection device={device} />
    </>
  );
}

function DeviceFacts({ device }: { device: EndpointDetailFragment }) {
  const { workspaceId } = useWorkspace();
  return (
    <section className="card" aria-labelledby="device-details-title">
      <h2 id="device-details-title">Details</h2>
      <dl className="details" aria-label="Device details">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={device.status} />
          </dd>
        </div>
        <div>
          <dt>IMEI</dt>
          <dd className="mono">{device.imei ?? '—'}</dd>
        </div>
        <div>
          <dt>IP address</dt>
          <dd className="mono">{device.ipAddress ?? '—'}</dd>
        </div>
        <div>
          <dt>SIM</dt>
          <dd className="mono">
            {device.sim ? <Link href={`/w/${workspaceId}/sims/${device.sim.id}`}>{device.sim.iccid}</Link> : 'No SIM'}
          </dd>
        </div>
        <div>
          <dt>Tags</dt>
          <dd>{device.tags.length ? device.tags.join(', ') : '—'}</dd>
        </div>
        <div>
          <dt>Service policy</dt>
          <dd>{device.servicePolicy?.name ?? 'None'}</dd>
        </div>
        <div>
          <dt>Coverage policy</dt>
          <dd>{device.coveragePolicy?.name ?? 'None'}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatDateTime(device.createdAt)}</dd>
        </div>
        <div>
          <dt>Last changed</dt>
          <dd>{formatDateTime(device.updatedAt)}</dd>
        </div>
      </dl>
    </section>
  );
}

function UsageSection({ device }: { device: EndpointDetailFragment }) {
  const { workspaceId } = useWorkspace();
  const u = device.usage;
  const daily = useOperation(EndpointDailyUsageDocument, { id: device.id, startDate: u.startDate, endDate: u.endDate }, { workspaceId });
  return (
    <UsagePanel
      headingId="usage-title"
      heading="Usage"
      periodNote=", of the SIM now in the device."
      totalsLabel="Usage summary"
      usage={u}
      daily={daily.state}
      days={(data) => data.endpoint?.dailyUsage}
      reload={daily.reload}
    />
  );
}
