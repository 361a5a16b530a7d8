'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
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
import { ItemBreadcrumb, ItemNotFound } from '../ui/ItemNotFound';
import { PageHeader } from '../ui/PageHeader';
import { SavedNotice, useEditing } from '../ui/use-editing';
import { useWorkspace } from '../workspace/context';
import { DeviceForm } from './DeviceForm';

/** One device: its details, edit and delete (roles that may change the fleet), and its daily usage. */
export function DeviceDetail({ deviceId }: { deviceId: string }) {
  const ctx = useWorkspace();
  const router = useRouter();
  const { state, reload } = useOperation(EndpointDocument, { id: deviceId }, { workspaceId: ctx.workspaceId });
  const edit = useEditing();
  const mayWrite = can(ctx.role, 'fleet:write');
  const listHref = `/w/${ctx.workspaceId}/devices`;

  if (state.status === 'loading') return <Loading label="Loading device…" />;
  if (state.status === 'error' && state.error.code !== 'NOT_FOUND') {
    return <ErrorNotice title="The device could not be loaded" message={state.error.message} onRetry={reload} />;
  }
  const device = state.status === 'ready' ? state.data.endpoint : null;
  if (!device) {
    return (
      <ItemNotFound
        headingId="device-not-found"
        title="Device not found"
        workspaceName={ctx.workspace.name}
        listHref={listHref}
        backLabel="Back to devices"
      >
        There is no device with this address in {ctx.workspace.name}. It may have been deleted, or it belongs to another Workspace.
      </ItemNotFound>
    );
  }

  return (
    <>
      <ItemBreadcrumb listHref={listHref} listLabel="Devices" current={device.name} />
      <PageHeader
        title={device.name}
        workspaceName={ctx.workspace.name}
        actions={
          mayWrite && !edit.editing ? (
            <>
              <button type="button" className="button" onClick={edit.start}>
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
      <SavedNotice shown={edit.saved} />
      {edit.editing ? (
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title">Edit device</h2>
          <DeviceForm
            device={device}
            submitLabel="Save changes"
            onCancel={edit.cancel}
            onSubmit={async (input) => {
              await ctx.request(UpdateEndpointDocument, { id: device.id, input });
              edit.done();
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
