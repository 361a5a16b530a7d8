'use client';

import Link from 'next/link';
import { useState } from 'react';
import { can } from '@/auth/policy';
import {
  CreateEndpointDocument,
  type EndpointListItemFragment,
  type EndpointOrder,
  type EndpointStatus,
  EndpointsDocument,
} from '../api/generated/graphql';
import { type PagedList, usePagedList } from '../api/use-paged-list';
import { enumLabel, formatBytes, formatCount, formatMoney, roleLabel } from '../format';
import { EmptyState, ErrorNotice, Loading } from '../states';
import { StatusBadge } from '../ui/Badge';
import { LoadMore } from '../ui/LoadMore';
import { PageHeader } from '../ui/PageHeader';
import { useWorkspace } from '../workspace/context';
import { DeviceForm } from './DeviceForm';
import { ENDPOINT_STATUSES } from './statuses';
import { useDebounced } from './use-debounced';

const PAGE_SIZE = 25;
const ORDERS: { value: EndpointOrder; label: string }[] = [
  { value: 'CREATED_DESC', label: 'Newest first' },
  { value: 'CREATED_ASC', label: 'Oldest first' },
  { value: 'NAME_ASC', label: 'Name A–Z' },
  { value: 'NAME_DESC', label: 'Name Z–A' },
];

/** The Workspace's devices: search, filter, sort, page; create one (roles that may change the fleet). */
export function DevicesPage() {
  const ctx = useWorkspace();
  const mayWrite = can(ctx.role, 'fleet:write');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<EndpointStatus | ''>('');
  const [tag, setTag] = useState('');
  const [orderBy, setOrderBy] = useState<EndpointOrder>('CREATED_DESC');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  const term = useDebounced(search.trim());

  const filter = term || status || tag ? { ...(term && { search: term }), ...(status && { status: [status] }), ...(tag && { tag }) } : null;
  const list = usePagedList(EndpointsDocument, { first: PAGE_SIZE, filter, orderBy }, (d) => d.endpoints, ctx.workspaceId);

  return (
    <>
      <PageHeader
        title="Devices"
        workspaceName={ctx.workspace.name}
        lead="The devices (endpoints) of this Workspace, their SIMs and their usage over the last 30 days."
        actions={
          mayWrite && !creating ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setCreating(true);
                setCreated(null);
              }}
            >
              New device
            </button>
          ) : null
        }
      />
      {!mayWrite && <p className="notice-info">Your role ({roleLabel(ctx.role)}) can view the fleet but not change it.</p>}
      {created && (
        <p className="notice" role="status">
          Device <Link href={`/w/${ctx.workspaceId}/devices/${created.id}`}>{created.name}</Link> created.
        </p>
      )}
      {creating && (
        <section className="card" aria-labelledby="new-device-title">
          <h2 id="new-device-title">New device</h2>
          <DeviceForm
            submitLabel="Create device"
            onCancel={() => setCreating(false)}
            onSubmit={async (input) => {
              const { createEndpoint } = await ctx.request(CreateEndpointDocument, { input });
              setCreated(createEndpoint);
              setCreating(false);
              list.reload();
            }}
          />
        </section>
      )}
      <search className="toolbar" aria-label="Filter devices">
        <label className="field field-inline">
          <span>Search</span>
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Name, IMEI, ICCID, IMSI or MSISDN"
            aria-label="Search devices"
          />
        </label>
        <label className="field field-inline">
          <span>Status</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as EndpointStatus | '')} aria-label="Filter by status">
            <option value="">All statuses</option>
            {ENDPOINT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {enumLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span>Sort</span>
          <select value={orderBy} onChange={(e) => setOrderBy(e.target.value as EndpointOrder)} aria-label="Sort devices">
            {ORDERS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        {tag && (
          <button type="button" className="chip" onClick={() => setTag('')} aria-label={`Remove tag filter ${tag}`}>
            Tag: {tag} <span aria-hidden="true">✕</span>
          </button>
        )}
      </search>
      <DeviceTable list={list} filtered={!!filter} onTag={setTag} mayWrite={mayWrite} />
    </>
  );
}

function DeviceTable({
  list,
  filtered,
  onTag,
  mayWrite,
}: {
  list: PagedList<EndpointListItemFragment>;
  filtered: boolean;
  onTag: (tag: string) => void;
  mayWrite: boolean;
}) {
  const { workspaceId } = useWorkspace();
  if (list.state.status === 'loading') return <Loading label="Loading devices…" />;
  if (list.state.status === 'error')
    return <ErrorNotice title="Devices could not be loaded" message={list.state.error.message} onRetry={list.reload} />;
  if (list.nodes.length === 0) {
    return filtered ? (
      <EmptyState title="No device matches">Change the search or the filters.</EmptyState>
    ) : (
      <EmptyState title="No devices yet">
        {mayWrite ? 'Create the first one with "New device".' : 'Devices appear here once someone creates them.'}
      </EmptyState>
    );
  }
  return (
    <>
      <div className="card table-card">
        <table className="table">
          <caption className="visually-hidden">Devices</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">IMEI</th>
              <th scope="col">SIM ICCID</th>
              <th scope="col">Tags</th>
              <th scope="col" className="num">
                Data (30 days)
              </th>
              <th scope="col" className="num">
                SMS
              </th>
              <th scope="col" className="num">
                Cost
              </th>
            </tr>
          </thead>
          <tbody>
            {list.nodes.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  <Link href={`/w/${workspaceId}/devices/${d.id}`}>{d.name}</Link>
                </th>
                <td>
                  <StatusBadge status={d.status} />
                </td>
                <td className="mono">{d.imei ?? <span className="muted">—</span>}</td>
                <td className="mono">{d.sim ? d.sim.iccid : <span className="muted">No SIM</span>}</td>
                <td>
                  {d.tags.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <span className="tags">
                      {d.tags.map((t) => (
                        <button key={t} type="button" className="tag" onClick={() => onTag(t)} title={`Show devices tagged ${t}`}>
                          {t}
                        </button>
                      ))}
                    </span>
                  )}
                </td>
                <td className="num">{formatBytes(d.usage.bytesUp + d.usage.bytesDown)}</td>
                <td className="num">{formatCount(d.usage.smsSent + d.usage.smsReceived)}</td>
                <td className="num">{formatMoney(d.usage.cost, d.usage.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore list={list} noun="devices" />
    </>
  );
}
