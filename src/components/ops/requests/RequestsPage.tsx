'use client';

import { useState } from 'react';
import { type OpsRequestItemFragment, OpsRequestsDocument, type OpsRequestsQuery } from '../../api/generated/graphql';
import { useOperation } from '../../api/use-operation';
import { formatAge, formatDateTime } from '../../format';
import { EmptyState, ErrorNotice, Loading } from '../../states';
import { StatusBadge } from '../../ui/Badge';
import { TableScroll } from '../../ui/TableScroll';
import { OpsPageHeader } from '../OpsPageHeader';
import { ApproveCreateDialog } from './ApproveCreateDialog';
import { ApproveLinkDialog } from './ApproveLinkDialog';
import { RejectDialog } from './RejectDialog';

export const KIND_LABELS = { CREATE: 'Create a new Workspace', LINK: 'Link existing Workspace' } as const;

type Open = { request: OpsRequestItemFragment; action: 'approve' | 'reject' } | null;

/** The queue of Workspace requests (pending first, oldest first) and the history of decided ones. */
export function RequestsPage() {
  const { state, reload } = useOperation(OpsRequestsDocument, {});
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>(null);

  const finish = (message: string) => {
    setOpen(null);
    setDone(message);
    reload();
  };

  return (
    <>
      <OpsPageHeader
        title="Requests"
        lead="Main organizations’ requests to create or link a Workspace: approve with the new terms, or reject with a reason."
      />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      {state.status === 'loading' && <Loading label="Loading requests…" />}
      {state.status === 'error' && <ErrorNotice title="Requests could not be loaded" message={state.error.message} onRetry={reload} />}
      {state.status === 'ready' && (
        <Requests
          data={state.data}
          onOpen={(request, action) => {
            setDone(null);
            setOpen({ request, action });
          }}
        />
      )}
      {open?.action === 'approve' && open.request.kind === 'CREATE' && (
        <ApproveCreateDialog request={open.request} onClose={() => setOpen(null)} onDone={finish} />
      )}
      {open?.action === 'approve' && open.request.kind === 'LINK' && (
        <ApproveLinkDialog request={open.request} onClose={() => setOpen(null)} onDone={finish} />
      )}
      {open?.action === 'reject' && <RejectDialog request={open.request} onClose={() => setOpen(null)} onDone={finish} />}
    </>
  );
}

function Requests({ data, onOpen }: { data: OpsRequestsQuery; onOpen: (r: OpsRequestItemFragment, a: 'approve' | 'reject') => void }) {
  const pending = data.workspaceRequests.filter((r) => r.status === 'PENDING').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const decided = data.workspaceRequests
    .filter((r) => r.status !== 'PENDING')
    .sort((a, b) => (b.decidedAt ?? b.createdAt).localeCompare(a.decidedAt ?? a.createdAt));
  const deciders = new Map(data.auditEvents.edges.map(({ node }) => [node.targetId, node.actor?.name ?? node.actorEmail ?? 'System']));
  return (
    <>
      <section aria-labelledby="queue-title">
        <h2 id="queue-title">
          Queue <span className="badge">{pending.length}</span>
        </h2>
        {pending.length === 0 ? (
          <EmptyState title="Nothing waiting">New requests from main organizations appear here.</EmptyState>
        ) : (
          <ul className="request-queue" aria-label="Pending requests">
            {pending.map((r) => (
              <PendingRequest key={r.id} request={r} onOpen={onOpen} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        {decided.length === 0 ? (
          <EmptyState title="No decisions yet">Approved, rejected and withdrawn requests are listed here.</EmptyState>
        ) : (
          <RequestHistory requests={decided} deciders={deciders} />
        )}
      </section>
    </>
  );
}

function PendingRequest({
  request: r,
  onOpen,
}: {
  request: OpsRequestItemFragment;
  onOpen: (r: OpsRequestItemFragment, a: 'approve' | 'reject') => void;
}) {
  const titleId = `request-${r.id}`;
  return (
    <li className="card request-card" aria-labelledby={titleId}>
      <div className="request-head">
        <h3 id={titleId}>{r.organization.name}</h3>
        <StatusBadge status={r.status} />
      </div>
      <dl className="details">
        <div>
          <dt>Kind</dt>
          <dd>{KIND_LABELS[r.kind]}</dd>
        </div>
        {r.kind === 'CREATE' && (
          <>
            <div>
              <dt>Proposed name</dt>
              <dd>{r.name ?? <span className="muted">None given</span>}</dd>
            </div>
            <div>
              <dt>Proposed currency</dt>
              <dd>{r.currency ?? <span className="muted">{r.organization.currency} (the main organization’s)</span>}</dd>
            </div>
          </>
        )}
        <div>
          <dt>Contact</dt>
          <dd>
            <a href={`mailto:${r.contactEmail}`}>{r.contactEmail}</a>
            {r.requestedBy && <span className="muted small"> · sent by {r.requestedBy.name}</span>}
          </dd>
        </div>
        <div>
          <dt>Age</dt>
          <dd>
            <time dateTime={r.createdAt} title={formatDateTime(r.createdAt)}>
              {formatAge(r.createdAt)}
            </time>
          </dd>
        </div>
        <div>
          <dt>Linked / limit</dt>
          <dd>
            {r.organization.linkedWorkspaceCount} / {r.organization.workspaceLimit}
          </dd>
        </div>
      </dl>
      <p className="request-details">{r.details}</p>
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => onOpen(r, 'approve')}
          aria-label={`Approve the request of ${r.organization.name}`}
        >
          Approve…
        </button>
        <button
          type="button"
          className="button button-danger"
          onClick={() => onOpen(r, 'reject')}
          aria-label={`Reject the request of ${r.organization.name}`}
        >
          Reject…
        </button>
      </div>
    </li>
  );
}

function RequestHistory({ requests, deciders }: { requests: OpsRequestItemFragment[]; deciders: Map<string, string> }) {
  return (
    <TableScroll label="Decided requests" className="card table-card">
      <table className="table">
        <caption className="visually-hidden">Decided requests</caption>
        <thead>
          <tr>
            <th scope="col">Organization</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Decided</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                {r.organization.name}
                <div className="muted small">
                  {r.name ? `“${r.name}”` : ''} sent {formatDateTime(r.createdAt)}
                  {r.requestedBy ? ` by ${r.requestedBy.name}` : ''}
                </div>
              </th>
              <td className="small">{KIND_LABELS[r.kind]}</td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td className="small">
                {formatDateTime(r.decidedAt)}
                <div className="muted">by {deciders.get(r.id) ?? 'unknown'}</div>
              </td>
              <td className="small">
                {r.rejectionReason && <span>Reason: {r.rejectionReason}</span>}
                {r.resultWorkspace && (
                  <span>
                    {r.resultWorkspace.name} ({r.resultWorkspace.organization.name}, {r.resultWorkspace.organization.currency})
                  </span>
                )}
                {r.status === 'WITHDRAWN' && <span className="muted">Withdrawn before a decision</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
