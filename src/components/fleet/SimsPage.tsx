'use client';

import { RotateCcw } from 'lucide-react';
import Link from 'next/link';
import { type FormEvent, useId, useState } from 'react';
import { can } from '@/auth/policy';
import { SIM_TRANSITIONS } from '@/features/fleet/sims/lifecycle-table';
import {
  type SimFilter,
  type SimListItemFragment,
  type SimOrder,
  type SimStatus,
  SimsDocument,
  UpdateSimDocument,
} from '../api/generated/graphql';
import { fieldError, formError, useAction } from '../api/use-action';
import { type PagedList, usePagedList } from '../api/use-paged-list';
import { enumLabel, formatDateTime, roleLabel } from '../format';
import { EmptyState, ErrorNotice, Loading } from '../states';
import { StatusBadge } from '../ui/Badge';
import { ConfirmButton } from '../ui/ConfirmButton';
import { Dialog } from '../ui/Dialog';
import { LoadMore } from '../ui/LoadMore';
import { PageHeader } from '../ui/PageHeader';
import { SortHeader } from '../ui/SortHeader';
import { useWorkspace } from '../workspace/context';
import { SelectAllCell, SelectCell, type Selection, useSelection } from './Bulk';
import { RegisterSimsForm } from './RegisterSimsForm';
import { SimBulkActions } from './SimBulkActions';
import { SIM_STATUSES } from './statuses';
import { oneOf, useListParams, useUrlText } from './use-list-params';
import './fleet-lists.css';

const PAGE_SIZE = 25;
const KEYS = ['q', 'status', 'assigned', 'tag', 'sort'] as const;
const ORDERS: readonly SimOrder[] = ['ICCID_ASC', 'ICCID_DESC', 'CREATED_ASC', 'CREATED_DESC'];
const DEFAULT_ORDER: SimOrder = 'CREATED_DESC';

type Params = ReturnType<typeof useListParams<(typeof KEYS)[number]>>;

/** The verb for a move along the SIM lifecycle. */
const ACTION_LABELS: Record<SimStatus, string> = {
  ACTIVATED: 'Activate',
  SUSPENDED: 'Suspend',
  DELETED: 'Delete',
  ISSUED: 'Mark issued',
  FACTORY_TEST: 'Mark factory test',
};

/**
 * The Workspace's SIMs: search, filters and sort kept in the URL, paged; writers register SIMs, move
 * one along the lifecycle or many at once through the bulk bar.
 */
export function SimsPage() {
  const ctx = useWorkspace();
  const mayWrite = can(ctx.role, 'fleet:write');
  const url = useListParams(KEYS);
  const [registering, setRegistering] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const filter = simFilter(url);
  const orderBy = oneOf(url.get('sort'), ORDERS, DEFAULT_ORDER);
  const list = usePagedList(SimsDocument, { first: PAGE_SIZE, filter, orderBy }, (d) => d.sims, ctx.workspaceId);
  const selection = useSelection(list.nodes, JSON.stringify({ filter, orderBy }));
  const changed = (text: string) => {
    setNotice(text);
    selection.clear();
    list.reload();
  };

  return (
    <>
      <PageHeader
        title="SIMs"
        workspaceName={ctx.workspace.name}
        lead="The SIM cards of this Workspace and the devices they are in."
        actions={
          mayWrite && !registering ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setRegistering(true);
                setNotice(null);
              }}
            >
              Register SIMs
            </button>
          ) : null
        }
      />
      {!mayWrite && <p className="notice-info">Your role ({roleLabel(ctx.role)}) can view the fleet but not change it.</p>}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {registering && (
        <section className="card" aria-labelledby="register-title">
          <h2 id="register-title">Register SIMs</h2>
          <RegisterSimsForm
            onCancel={() => setRegistering(false)}
            onRegistered={(count) => {
              setRegistering(false);
              changed(`${count} SIM${count === 1 ? '' : 's'} registered.`);
            }}
          />
        </section>
      )}
      <SimFilters url={url} />
      {mayWrite && <SimBulkActions sims={selection.selected} onClear={selection.clear} onDone={changed} />}
      <SimTable
        list={list}
        filtered={filter !== null}
        orderBy={orderBy}
        onSort={(sort) => url.set({ sort: sort === DEFAULT_ORDER ? '' : sort })}
        selection={mayWrite ? selection : null}
        mayWrite={mayWrite}
        onChanged={changed}
      />
    </>
  );
}

/** The API filter the URL describes; null when it describes none. */
function simFilter(url: Params): SimFilter | null {
  const filter: SimFilter = {};
  const search = url.get('q').trim();
  const status = oneOf(url.get('status'), SIM_STATUSES);
  const assigned = oneOf(url.get('assigned'), ['true', 'false'] as const);
  if (search) filter.search = search;
  if (status) filter.status = [status];
  if (assigned) filter.assigned = assigned === 'true';
  if (url.get('tag')) filter.tag = url.get('tag');
  return Object.keys(filter).length ? filter : null;
}

function SimFilters({ url }: { url: Params }) {
  const [search, setSearch] = useUrlText(url.get('q'), (q) => url.set({ q }, 'replace'));
  const [tag, setTag] = useUrlText(url.get('tag'), (t) => url.set({ tag: t }, 'replace'));
  return (
    <search className="toolbar list-toolbar" aria-label="Filter SIMs">
      <label className="field field-inline">
        <span>Search</span>
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Search ICCID, IMSI, MSISDN, device name"
          aria-label="Search SIMs"
        />
      </label>
      <label className="field field-inline">
        <span>Status</span>
        <select
          value={oneOf(url.get('status'), SIM_STATUSES)}
          onChange={(e) => url.set({ status: e.target.value })}
          aria-label="Filter by status"
        >
          <option value="">All statuses</option>
          {SIM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {enumLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span>Device</span>
        <select
          value={oneOf(url.get('assigned'), ['true', 'false'] as const)}
          onChange={(e) => url.set({ assigned: e.target.value })}
          aria-label="Filter by device"
        >
          <option value="">In a device or not</option>
          <option value="true">In a device</option>
          <option value="false">In no device</option>
        </select>
      </label>
      <label className="field field-inline">
        <span>Device tag</span>
        <input
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          placeholder="Any tag"
          aria-label="Filter by device tag"
          autoComplete="off"
        />
      </label>
      {url.filtered && (
        <button type="button" className="button button-small reset" onClick={url.reset}>
          <RotateCcw size={14} aria-hidden="true" /> Reset filters
        </button>
      )}
    </search>
  );
}

function SimTable({
  list,
  filtered,
  orderBy,
  onSort,
  selection,
  mayWrite,
  onChanged,
}: {
  list: PagedList<SimListItemFragment>;
  filtered: boolean;
  orderBy: SimOrder;
  onSort: (order: SimOrder) => void;
  selection: Selection<SimListItemFragment> | null;
  mayWrite: boolean;
  onChanged: (notice: string) => void;
}) {
  const { workspaceId } = useWorkspace();
  if (list.state.status === 'loading') return <Loading label="Loading SIMs…" />;
  if (list.state.status === 'error')
    return <ErrorNotice title="SIMs could not be loaded" message={list.state.error.message} onRetry={list.reload} />;
  if (list.nodes.length === 0) {
    return filtered ? (
      <EmptyState title="No SIM matches">Change the search or the filters.</EmptyState>
    ) : (
      <EmptyState title="No SIMs yet">
        {mayWrite ? 'Register your SIM cards with "Register SIMs".' : 'SIMs appear here once someone registers them.'}
      </EmptyState>
    );
  }
  return (
    <>
      <div className="card table-card">
        <table className={selection ? 'table fleet-table selectable' : 'table fleet-table'}>
          <caption className="visually-hidden">SIMs</caption>
          <thead>
            <tr>
              {selection && <SelectAllCell selection={selection} noun="SIMs" />}
              <SortHeader
                label="ICCID"
                ascending="ICCID_ASC"
                descending="ICCID_DESC"
                current={orderBy}
                onSort={onSort}
                className="sticky-col sticky-col-2"
              />
              <th scope="col">IMSI</th>
              <th scope="col">MSISDN</th>
              <th scope="col">Status</th>
              <th scope="col">Device</th>
              <SortHeader
                label="Registered"
                ascending="CREATED_ASC"
                descending="CREATED_DESC"
                first="descending"
                current={orderBy}
                onSort={onSort}
              />
              {mayWrite && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {list.nodes.map((sim) => (
              <tr key={sim.id} className={selection?.has(sim.id) ? 'is-selected' : undefined}>
                {selection && (
                  <SelectCell
                    checked={selection.has(sim.id)}
                    onChange={(on) => selection.toggle(sim.id, on)}
                    label={`Select SIM ${sim.iccid}`}
                  />
                )}
                <th scope="row" className="mono sticky-col sticky-col-2">
                  <Link href={`/w/${workspaceId}/sims/${sim.id}`}>{sim.iccid}</Link>
                </th>
                <td className="mono">{sim.imsi ?? <span className="muted">—</span>}</td>
                <td className="mono">{sim.msisdn ?? <span className="muted">—</span>}</td>
                <td>
                  <StatusBadge status={sim.status} />
                </td>
                <td>
                  {sim.endpoint ? (
                    <Link href={`/w/${workspaceId}/devices/${sim.endpoint.id}`}>{sim.endpoint.name}</Link>
                  ) : (
                    <span className="muted">None</span>
                  )}
                </td>
                <td className="small nowrap">{formatDateTime(sim.createdAt)}</td>
                {mayWrite && (
                  <td>
                    <SimActions sim={sim} onChanged={onChanged} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore list={list} noun="SIMs" />
    </>
  );
}

/** The lifecycle moves open to a SIM; deleting asks first (it is final). */
function SimActions({ sim, onChanged }: { sim: SimListItemFragment; onChanged: (notice: string) => void }) {
  const ctx = useWorkspace();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const next = SIM_TRANSITIONS[sim.status];
  if (next.length === 0) return <span className="muted small">Final</span>;

  const move = async (status: SimStatus) => {
    await ctx.request(UpdateSimDocument, { id: sim.id, input: { status } });
    onChanged(`SIM ${sim.iccid} is now ${enumLabel(status).toLowerCase()}.`);
  };

  return (
    <div className="row-actions">
      {next
        .filter((s) => s !== 'DELETED')
        .map((status) => (
          <button
            key={status}
            type="button"
            className="button button-small"
            disabled={busy}
            aria-label={`${ACTION_LABELS[status]} SIM ${sim.iccid}`}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                await move(status);
              } catch (e) {
                setError(e instanceof Error ? e.message : String(e));
              } finally {
                setBusy(false);
              }
            }}
          >
            {ACTION_LABELS[status]}
          </button>
        ))}
      {next.includes('DELETED') && (
        <ConfirmButton
          label="Delete"
          accessibleLabel={`Delete SIM ${sim.iccid}`}
          title={`Delete SIM ${sim.iccid}?`}
          confirmLabel="Delete SIM"
          onConfirm={() => move('DELETED')}
          disabled={busy}
        >
          <p>
            A deleted SIM is out of service for good: it cannot be activated again.
            {sim.endpoint ? ` It leaves the device ${sim.endpoint.name}.` : ''}
          </p>
        </ConfirmButton>
      )}
      <button
        type="button"
        className="button button-small button-quiet"
        aria-label={`Edit numbers of SIM ${sim.iccid}`}
        onClick={() => setEditing(true)}
      >
        Edit
      </button>
      {editing && (
        <SimNumbersDialog
          sim={sim}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onChanged(`SIM ${sim.iccid} saved.`);
          }}
        />
      )}
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Edits a SIM's IMSI and MSISDN; an empty box clears the number. */
function SimNumbersDialog({ sim, onClose, onSaved }: { sim: SimListItemFragment; onClose: () => void; onSaved: () => void }) {
  const ctx = useWorkspace();
  const id = useId();
  const action = useAction(async (imsi: string | null, msisdn: string | null) => {
    await ctx.request(UpdateSimDocument, { id: sim.id, input: { imsi, msisdn } });
    onSaved();
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim() || null;
    void action.run(value('imsi'), value('msisdn'));
  };
  const imsiError = fieldError(action.error, 'imsi');
  const msisdnError = fieldError(action.error, 'msisdn');
  const topError = formError(action.error, ['imsi', 'msisdn']);
  return (
    <Dialog title={`SIM ${sim.iccid}`} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate aria-label="SIM numbers">
        {topError && (
          <p className="form-error" role="alert">
            {topError}
          </p>
        )}
        <label className="field">
          <span>IMSI</span>
          <input
            name="imsi"
            inputMode="numeric"
            maxLength={15}
            defaultValue={sim.imsi ?? ''}
            aria-invalid={!!imsiError}
            aria-describedby={imsiError ? `${id}-imsi` : undefined}
          />
          <small className="hint">15 digits; empty: none.</small>
          {imsiError && (
            <small id={`${id}-imsi`} className="field-error" role="alert">
              {imsiError}
            </small>
          )}
        </label>
        <label className="field">
          <span>MSISDN</span>
          <input
            name="msisdn"
            type="tel"
            defaultValue={sim.msisdn ?? ''}
            aria-invalid={!!msisdnError}
            aria-describedby={msisdnError ? `${id}-msisdn` : undefined}
          />
          <small className="hint">E.164, e.g. +491701234567; empty: none.</small>
          {msisdnError && (
            <small id={`${id}-msisdn`} className="field-error" role="alert">
              {msisdnError}
            </small>
          )}
        </label>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={action.busy}>
            {action.busy ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="button" onClick={onClose} disabled={action.busy}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
