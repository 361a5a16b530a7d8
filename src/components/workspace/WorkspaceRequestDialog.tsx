'use client';

import { type FormEvent, useId, useState } from 'react';
import {
  RequestWorkspaceDocument,
  WithdrawWorkspaceRequestDocument,
  type WorkspaceRequestKind,
  WorkspaceRequestsDocument,
} from '../api/generated/graphql';
import { fieldError, formError, useAction } from '../api/use-action';
import { useOperation } from '../api/use-operation';
import { formatDate } from '../format';
import { ErrorNotice, Loading } from '../states';
import { StatusBadge } from '../ui/Badge';
import { Dialog } from '../ui/Dialog';
import { useWorkspace } from './context';

const KIND_LABELS: Record<WorkspaceRequestKind, string> = { CREATE: 'Create a new Workspace', LINK: 'Link existing Workspace' };

/**
 * Asks ops to create or link a Workspace for the main organization (requestWorkspace), and lists the
 * organization's requests with their status. The server decides who may (one pending at a time, Pro).
 */
export function WorkspaceRequestDialog({ kind: initialKind, onClose }: { kind: WorkspaceRequestKind; onClose: () => void }) {
  const ctx = useWorkspace();
  const id = useId();
  const [kind, setKind] = useState<WorkspaceRequestKind>(initialKind);
  const [sent, setSent] = useState(false);
  const requests = useOperation(WorkspaceRequestsDocument, {}, { workspaceId: ctx.workspaceId });
  const action = useAction(async (contactEmail: string, details: string, name: string | null, currency: string | null) => {
    await ctx.request(RequestWorkspaceDocument, { kind, contactEmail, details, name, currency });
    setSent(true);
    requests.reload();
  });
  const withdraw = useAction(async (requestId: string) => {
    await ctx.request(WithdrawWorkspaceRequestDocument, { id: requestId });
    requests.reload();
  });
  const [detailsMissing, setDetailsMissing] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const details = String(form.get('details') ?? '').trim();
    if (!details) {
      setDetailsMissing(true);
      return;
    }
    setDetailsMissing(false);
    // Only a CREATE request proposes a name and currency for the new Workspace's organization.
    const proposal = (field: string) => (kind === 'CREATE' ? String(form.get(field) ?? '').trim() || null : null);
    void action.run(String(form.get('contactEmail') ?? '').trim(), details, proposal('name'), proposal('currency')?.toUpperCase() ?? null);
  }

  const emailError = fieldError(action.error, 'contactEmail');
  const detailsError = detailsMissing
    ? 'Tell ops what you need: the new Workspace’s name, or which Workspace to link.'
    : fieldError(action.error, 'details');
  const nameError = fieldError(action.error, 'name');
  const currencyError = fieldError(action.error, 'currency');
  const topError = formError(action.error, ['contactEmail', 'details', 'name', 'currency']);

  return (
    <Dialog title={KIND_LABELS[kind]} onClose={onClose} wide>
      {sent ? (
        <p className="notice" role="status">
          Request sent. Platform operations will contact you; it usually takes a few working days. Its status is below.
        </p>
      ) : (
        <form className="form" onSubmit={submit} noValidate aria-label="Workspace request">
          <p className="muted small">
            Ops process the request for your main organization (new contract or link). An organization has at most one pending request.
          </p>
          {topError && (
            <p className="form-error" role="alert">
              {topError}
            </p>
          )}
          <fieldset className="radio-group">
            <legend>What do you need?</legend>
            {(['CREATE', 'LINK'] as const).map((k) => (
              <label key={k} className="checkbox">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                {KIND_LABELS[k]}
              </label>
            ))}
          </fieldset>
          {kind === 'CREATE' && (
            <div className="form-grid">
              <label className="field">
                <span>Workspace name</span>
                <input
                  name="name"
                  maxLength={200}
                  aria-invalid={!!nameError}
                  aria-describedby={nameError ? `${id}-name-error` : undefined}
                />
                {nameError && (
                  <small id={`${id}-name-error`} className="field-error" role="alert">
                    {nameError}
                  </small>
                )}
              </label>
              <label className="field">
                <span>Currency</span>
                <input
                  name="currency"
                  placeholder={ctx.workspace.organization.currency}
                  aria-invalid={!!currencyError}
                  aria-describedby={`${id}-currency-hint${currencyError ? ` ${id}-currency-error` : ''}`}
                />
                <small id={`${id}-currency-hint`} className="hint">
                  Its invoices’ currency; empty: {ctx.workspace.organization.currency}
                </small>
                {currencyError && (
                  <small id={`${id}-currency-error`} className="field-error" role="alert">
                    {currencyError}
                  </small>
                )}
              </label>
            </div>
          )}
          <label className="field">
            <span>Contact email</span>
            <input
              name="contactEmail"
              type="email"
              defaultValue={ctx.user.email}
              required
              aria-invalid={!!emailError}
              aria-describedby={emailError ? `${id}-email-error` : undefined}
            />
            {emailError && (
              <small id={`${id}-email-error`} className="field-error" role="alert">
                {emailError}
              </small>
            )}
          </label>
          <label className="field">
            <span>Details</span>
            <textarea
              name="details"
              rows={4}
              maxLength={2000}
              aria-invalid={!!detailsError}
              aria-describedby={`${id}-details-hint${detailsError ? ` ${id}-details-error` : ''}`}
            />
            <small id={`${id}-details-hint`} className="hint">
              {kind === 'CREATE'
                ? 'What the new Workspace is for, and anything ops need for the contract.'
                : 'Which Workspace (and organization) to link, and who its Administrator is.'}
            </small>
            {detailsError && (
              <small id={`${id}-details-error`} className="field-error" role="alert">
                {detailsError}
              </small>
            )}
          </label>
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={action.busy}>
              {action.busy ? 'Sending…' : 'Send request'}
            </button>
            <button type="button" className="button" onClick={onClose} disabled={action.busy}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <section aria-labelledby={`${id}-requests`} className="requests">
        <h3 id={`${id}-requests`}>Your organization’s requests</h3>
        {requests.state.status === 'loading' && <Loading label="Loading requests…" />}
        {requests.state.status === 'error' && (
          <ErrorNotice title="Requests could not be loaded" message={requests.state.error.message} onRetry={requests.reload} />
        )}
        {requests.state.status === 'ready' &&
          (requests.state.data.workspaceRequests.length === 0 ? (
            <p className="muted small">None yet.</p>
          ) : (
            <>
              {withdraw.error && (
                <p className="form-error small" role="alert">
                  {withdraw.error.message}
                </p>
              )}
              <ul className="request-list" aria-label="Workspace requests">
                {requests.state.data.workspaceRequests.map((r) => (
                  <li key={r.id}>
                    <div className="request-head">
                      <strong>{KIND_LABELS[r.kind]}</strong> <StatusBadge status={r.status} />
                    </div>
                    {(r.name || r.currency) && (
                      <p className="small">
                        {r.name ?? 'New Workspace'}
                        {r.currency ? ` · ${r.currency}` : ''}
                      </p>
                    )}
                    <p className="small">{r.details}</p>
                    <p className="small muted">
                      Sent {formatDate(r.createdAt)}
                      {r.requestedBy ? ` by ${r.requestedBy.name}` : ''} · contact {r.contactEmail}
                      {r.decidedAt ? ` · decided ${formatDate(r.decidedAt)}` : ''}
                    </p>
                    {r.rejectionReason && <p className="small">Reason: {r.rejectionReason}</p>}
                    {r.resultWorkspace && <p className="small">Workspace: {r.resultWorkspace.name}</p>}
                    {r.status === 'PENDING' && (
                      <button
                        type="button"
                        className="button button-small"
                        disabled={withdraw.busy}
                        onClick={() => void withdraw.run(r.id)}
                      >
                        {withdraw.busy ? 'Withdrawing…' : 'Withdraw request'}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </>
          ))}
      </section>
      {sent && (
        <div className="actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </Dialog>
  );
}
