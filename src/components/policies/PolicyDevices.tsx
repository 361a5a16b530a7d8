'use client';

import { ListFilter } from 'lucide-react';
import Link from 'next/link';
import { type EndpointFilter, PoliciesDevicesDocument, type PoliciesDevicesQuery } from '../api/generated/graphql';
import { usePagedList } from '../api/use-paged-list';
import { EmptyState, ErrorNotice, Loading } from '../states';
import { StatusBadge } from '../ui/Badge';
import { LoadMore } from '../ui/LoadMore';
import { useWorkspace } from '../workspace/context';
import { deviceCountText, devicesHref, type PolicyKind } from './policy-text';

const pickDevices = (d: PoliciesDevicesQuery) => d.endpoints;

/** The devices that use the policy, by name, with a link to the device list filtered the same way. */
export function PolicyDevices({ kind, policyId, count }: { kind: PolicyKind; policyId: string; count: number }) {
  const { workspaceId } = useWorkspace();
  const filter: EndpointFilter = kind === 'service' ? { servicePolicyId: policyId } : { coveragePolicyId: policyId };
  const list = usePagedList(PoliciesDevicesDocument, { first: 25, filter }, pickDevices, workspaceId);
  return (
    <section className="card" aria-labelledby="policy-devices-title">
      <div className="policy-devices-head">
        <h2 id="policy-devices-title">Devices using it ({count})</h2>
        <Link href={devicesHref(workspaceId, kind, policyId)} className="button button-small">
          <ListFilter size={16} aria-hidden="true" />
          Show in the device list
        </Link>
      </div>
      {list.state.status === 'loading' && <Loading label="Loading devices…" />}
      {list.state.status === 'error' && (
        <ErrorNotice title="The devices could not be loaded" message={list.state.error.message} onRetry={list.reload} />
      )}
      {list.state.status === 'ready' && list.nodes.length === 0 && (
        <EmptyState title="No device uses this policy">Choose it in a device's form to apply it.</EmptyState>
      )}
      {list.state.status === 'ready' && list.nodes.length > 0 && (
        <>
          <div className="table-scroll">
            <table className="table policy-table">
              <caption className="visually-hidden">Devices using the policy: {deviceCountText(list.totalCount)}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">SIM</th>
                </tr>
              </thead>
              <tbody>
                {list.nodes.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">
                      <Link href={`/w/${workspaceId}/devices/${d.id}`}>{d.name}</Link>
                    </th>
                    <td data-label="Status">
                      <StatusBadge status={d.status} />
                    </td>
                    <td data-label="SIM" className="mono">
                      {d.sim ? <Link href={`/w/${workspaceId}/sims/${d.sim.id}`}>{d.sim.iccid}</Link> : 'No SIM'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore list={list} noun="devices" />
        </>
      )}
    </section>
  );
}
