'use client';

import Link from 'next/link';
import { type FormEvent, useId, useState } from 'react';
import { can } from '@/auth/policy';
import { SIM_TRANSITIONS } from '@/features/fleet/sims/lifecycle-table';
import { type SimListItemFragment, type SimOrder, type SimStatus, SimsDocument, UpdateSimDocument } from '../api/generated/graphql';
import { fieldError, formError, useAction } from '../api/use-action';
import { type PagedList, usePagedList } from '../api/use-paged-list';
import { enumLabel, formatDateTime, roleLabel } from '../format';
import { EmptyState, ErrorNotice, Loading } from '../states';
import { StatusBadge } from '../ui/Badge';
import { ConfirmButton } from '../ui/ConfirmButton';
import { Dialog } from '../ui/Dialog';
import { LoadMore } from '../ui/LoadMore';
import { PageHeader } from '../ui/PageHeader';
import { useWorkspace } from '../workspace/context';
import { RegisterSimsForm } from './RegisterSimsForm';
import { SIM_STATUSES } from './statuses';
import { useDebounced } from './use-debounced';

const PAGE_SIZE = 25;
const ORDERS: { value: SimOrder; label: string }[] = [
  { value: 'CREATED_DESC', label: 'Newest first' },
  { value: 'CREATED_ASC', label: 'Oldest first' },
  { value: 'ICCID_ASC', label: 'ICCID ascending' },
  { value: 'ICCID_DESC', label: 'ICCID descending' },
];

/** The verb for a move along the SIM lifecycle. */
const ACTION_LABELS: Record<SimStatus, string> = {
  ACTIVATED: 'Activate',
  SUSPENDED: 'Suspend',
  DELETED: 'Delete',
  ISSUED: 'Mark issued',
  FACTORY_TEST: 'Mark factory test',
};

/** The Workspace's SIMs: search, filter, sort, page; register SIMs and move them along the lifecycle. */
export function SimsPage({ initialSearch = '' }: { initialSearch?: string }) {
  const ctx = useWorkspace();
  const mayWrite = can(ctx.role, 'fleet:write');
  const [search, setSearch] = useState(initialSearch);
  const [status, setStatus] = useState<SimStatus | ''>('');
  const [assigned, setAssigned] = useState<'' | 'yes' | 'no'>('');
  const [orderBy, setOrderBy] = useState<SimOrder>('CREATED_DESC');
  const [registering, setRegistering] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const term = useDebounced(search.trim());

  const filter =
    term || status || assigned
      ? { ...(term && { search: term }), ...(status && { status: [status] }), ...(assigned && { assigned: assigned === 'yes' }) }
      : null;
  const list = usePagedList(SimsDocument, { first: PAGE_SIZE, filter, orderBy }, (d) => d.sims, ctx.workspaceId);

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
              setNotice(`${count} SIM${count === 1 ? '' : 's'} registered.`);
              list.reload();
            }}
          />
        </section>
      )}
      <search className="toolbar" aria-label="Filter SIMs">
        <label className="field field-inline">
          <span>Search</span>
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="ICCID, IMSI, MSISDN or device name"
            aria-label="Search SIMs"
          />
        </label>
        <label className="field field-inline">
          <span>Status</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as SimStatus | '')} aria-label="Filter by status">
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
          <select value={assigned} onChange={(e) => setAssigned(e.target.value as '' | 'yes' | 'no')} aria-label="Filter by device">
            <option value="">In a device or not</option>
            <option value="yes">In a device</option>
            <option value="no">In no device</option>
          </select>
        </label>
        <label className="field field-inline">
          <span>Sort</span>
          <select value={orderBy} onChange={(e) => setOrderBy(e.target.value as SimOrder)} aria-label="Sort SIMs">
            {ORDERS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </search>
      <SimTable
        list={list}
        filtered={!!filter}
        mayWrite={mayWrite}
        onChanged={(text) => {
          setNotice(text);
          list.reload();
        }}
      />
    </>
  );
}

function SimTable({
  list,
  filtered,
  mayWrite,
  onChanged,
}: {
  list: PagedList<SimListItemFragment>;
  filtered: boolean;
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
        <table className="table">
          <caption className="visually-hidden">SIMs</caption>
          <thead>
            <tr>
              <th scope="col">ICCID</th>
              <th scope="col">IMSI</th>
              <th scope="col">MSISDN</th>
              <th scope="col">Status</th>
              <th scope="col">Device</th>
              <th scope="col">Registered</th>
              {mayWrite && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {list.nodes.map((sim) => (
              <tr key={sim.id}>
                <th scope="row" className="mono">
                  {sim.iccid}
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
                <td className="small">{formatDateTime(sim.createdAt)}</td>
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
