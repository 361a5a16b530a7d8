'use client';

import { RotateCcw, Search } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { can } from '@/auth/policy';
import {
  CreateEndpointDocument,
  type DeviceRowFragment,
  DeviceRowsDocument,
  type EndpointFilter,
  type EndpointOrder,
  PolicyChoicesDocument,
} from '../api/generated/graphql';
import { useOperation } from '../api/use-operation';
import { type PagedList, usePagedList } from '../api/use-paged-list';
import { enumLabel, formatBytes, formatCount, formatDate, formatMoney, roleLabel } from '../format';
import { EmptyState, ErrorNotice, Loading } from '../states';
import { StatusBadge } from '../ui/Badge';
import { LoadMore } from '../ui/LoadMore';
import { PageHeader } from '../ui/PageHeader';
import { SortHeader } from '../ui/SortHeader';
import { useWorkspace } from '../workspace/context';
import { SelectAllCell, SelectCell, type Selection, useSelection } from './Bulk';
import { DeviceBulkActions } from './DeviceBulkActions';
import { DeviceForm } from './DeviceForm';
import { ENDPOINT_STATUSES } from './statuses';
import { oneOf, useListParams, useUrlText } from './use-list-params';
import './fleet-lists.css';

const PAGE_SIZE = 25;
const KEYS = ['q', 'status', 'tag', 'servicePolicy', 'coveragePolicy', 'sort'] as const;
const ORDERS: readonly EndpointOrder[] = ['NAME_ASC', 'NAME_DESC', 'CREATED_ASC', 'CREATED_DESC'];
const DEFAULT_ORDER: EndpointOrder = 'CREATED_DESC';

type Params = ReturnType<typeof useListParams<(typeof KEYS)[number]>>;

/**
 * The Workspace's devices: search, filters and sort kept in the URL (docs: shared URL conventions),
 * paged; writers create devices and change many at once through the bulk bar.
 */
export function DevicesPage() {
  const ctx = useWorkspace();
  const mayWrite = can(ctx.role, 'fleet:write');
  const url = useListParams(KEYS);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<{ text: string; device?: { id: string; name: string } } | null>(null);

  const filter = deviceFilter(url);
  const orderBy = oneOf(url.get('sort'), ORDERS, DEFAULT_ORDER);
  const list = usePagedList(DeviceRowsDocument, { first: PAGE_SIZE, filter, orderBy }, (d) => d.endpoints, ctx.workspaceId);
  const selection = useSelection(list.nodes, JSON.stringify({ filter, orderBy }));

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
                setNotice(null);
              }}
            >
              New device
            </button>
          ) : null
        }
      />
      {!mayWrite && <p className="notice-info">Your role ({roleLabel(ctx.role)}) can view the fleet but not change it.</p>}
      {notice && (
        <p className="notice" role="status">
          {notice.device ? (
            <>
              Device <Link href={`/w/${ctx.workspaceId}/devices/${notice.device.id}`}>{notice.device.name}</Link> created.
            </>
          ) : (
            notice.text
          )}
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
              setNotice({ text: 'Device created.', device: createEndpoint });
              setCreating(false);
              list.reload();
            }}
          />
        </section>
      )}
      <DeviceFilters url={url} />
      {mayWrite && (
        <DeviceBulkActions
          ids={selection.selected.map((d) => d.id)}
          onClear={selection.clear}
          onDone={(text) => {
            setNotice({ text });
            selection.clear();
            list.reload();
          }}
        />
      )}
      <DeviceTable
        list={list}
        filtered={filter !== null}
        orderBy={orderBy}
        onSort={(sort) => url.set({ sort: sort === DEFAULT_ORDER ? '' : sort })}
        onTag={(tag) => url.set({ tag })}
        selection={mayWrite ? selection : null}
        mayWrite={mayWrite}
      />
    </>
  );
}

/** The API filter the URL describes; null when it describes none. */
function deviceFilter(url: Params): EndpointFilter | null {
  const filter: EndpointFilter = {};
  const search = url.get('q').trim();
  const status = oneOf(url.get('status'), ENDPOINT_STATUSES);
  if (search) filter.search = search;
  if (status) filter.status = [status];
  if (url.get('tag')) filter.tag = url.get('tag');
  if (url.get('servicePolicy')) filter.servicePolicyId = url.get('servicePolicy');
  if (url.get('coveragePolicy')) filter.coveragePolicyId = url.get('coveragePolicy');
  return Object.keys(filter).length ? filter : null;
}

function DeviceFilters({ url }: { url: Params }) {
  const { workspaceId } = useWorkspace();
  const [search, setSearch] = useUrlText(url.get('q'), (q) => url.set({ q }, 'replace'));
  const [tag, setTag] = useUrlText(url.get('tag'), (t) => url.set({ tag: t }, 'replace'));
  const policies = useOperation(PolicyChoicesDocument, {}, { workspaceId });
  const ready = policies.state.status === 'ready' ? policies.state.data : null;

  return (
    <search className="toolbar list-toolbar" aria-label="Filter devices">
      <label className="field field-inline">
        <span>Search</span>
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Search name, IMEI, ICCID, IMSI, MSISDN"
          aria-label="Search devices"
        />
      </label>
      <label className="field field-inline">
        <span>Status</span>
        <select
          value={oneOf(url.get('status'), ENDPOINT_STATUSES)}
          onChange={(e) => url.set({ status: e.target.value })}
          aria-label="Filter by status"
        >
          <option value="">All statuses</option>
          {ENDPOINT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {enumLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span>Tag</span>
        <input value={tag} onChange={(e) => setTag(e.target.value)} placeholder="Any tag" aria-label="Filter by tag" autoComplete="off" />
      </label>
      <PolicySelect
        label="Service policy"
        value={url.get('servicePolicy')}
        options={ready?.servicePolicies.edges.map((e) => e.node)}
        onChange={(servicePolicy) => url.set({ servicePolicy })}
      />
      <PolicySelect
        label="Coverage policy"
        value={url.get('coveragePolicy')}
        options={ready?.coveragePolicies.edges.map((e) => e.node)}
        onChange={(coveragePolicy) => url.set({ coveragePolicy })}
      />
      {url.filtered && (
        <button type="button" className="button button-small reset" onClick={url.reset}>
          <RotateCcw size={14} aria-hidden="true" /> Reset filters
        </button>
      )}
    </search>
  );
}

/** A policy filter; an id from the URL that is not among the first 200 still shows as chosen. */
function PolicySelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: { id: string; name: string }[] | undefined;
  onChange: (id: string) => void;
}) {
  const known = !value || !options || options.some((p) => p.id === value);
  return (
    <label className="field field-inline">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={`Filter by ${label.toLowerCase()}`}>
        <option value="">{options ? 'Any policy' : 'Loading policies…'}</option>
        {!known && <option value={value}>The chosen policy</option>}
        {options?.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function DeviceTable({
  list,
  filtered,
  orderBy,
  onSort,
  onTag,
  selection,
  mayWrite,
}: {
  list: PagedList<DeviceRowFragment>;
  filtered: boolean;
  orderBy: EndpointOrder;
  onSort: (order: EndpointOrder) => void;
  onTag: (tag: string) => void;
  selection: Selection<DeviceRowFragment> | null;
  mayWrite: boolean;
}) {
  const { workspaceId } = useWorkspace();
  if (list.state.status === 'loading') return <Loading label="Loading devices…" />;
  if (list.state.status === 'error')
    return <ErrorNotice title="Devices could not be loaded" message={list.state.error.message} onRetry={list.reload} />;
  if (list.nodes.length === 0) {
    return filtered ? (
      <EmptyState title="No device matches">
        <Search size={16} aria-hidden="true" /> Change the search or the filters.
      </EmptyState>
    ) : (
      <EmptyState title="No devices yet">
        {mayWrite ? 'Create the first one with "New device".' : 'Devices appear here once someone creates them.'}
      </EmptyState>
    );
  }
  return (
    <>
      <div className="card table-card">
        <table className={selection ? 'table fleet-table selectable' : 'table fleet-table'}>
          <caption className="visually-hidden">Devices</caption>
          <thead>
            <tr>
              {selection && <SelectAllCell selection={selection} noun="devices" />}
              <SortHeader
                label="Name"
                ascending="NAME_ASC"
                descending="NAME_DESC"
                current={orderBy}
                onSort={onSort}
                className="sticky-col sticky-col-2"
              />
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
              <SortHeader
                label="Created"
                ascending="CREATED_ASC"
                descending="CREATED_DESC"
                first="descending"
                current={orderBy}
                onSort={onSort}
              />
            </tr>
          </thead>
          <tbody>
            {list.nodes.map((d) => (
              <tr key={d.id} className={selection?.has(d.id) ? 'is-selected' : undefined}>
                {selection && (
                  <SelectCell checked={selection.has(d.id)} onChange={(on) => selection.toggle(d.id, on)} label={`Select ${d.name}`} />
                )}
                <th scope="row" className="sticky-col sticky-col-2">
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
                <td className="num nowrap">{formatBytes(d.usage.bytesUp + d.usage.bytesDown)}</td>
                <td className="num">{formatCount(d.usage.smsSent + d.usage.smsReceived)}</td>
                <td className="num nowrap">{formatMoney(d.usage.cost, d.usage.currency)}</td>
                <td className="small nowrap">{formatDate(d.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore list={list} noun="devices" />
    </>
  );
}
