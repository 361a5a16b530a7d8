'use client';

import { Clock } from 'lucide-react';
import {
  type SwitcherLimitFragment,
  SwitcherRequestStatusDocument,
  WithdrawWorkspaceRequestDocument,
  type WorkspaceRequestItemFragment,
} from '../api/generated/graphql';
import { useAction } from '../api/use-action';
import { useOperation } from '../api/use-operation';
import { formatDate } from '../format';
import { ErrorNotice, Loading } from '../states';
import { useWorkspace } from './context';

const KIND_LABELS = { CREATE: 'Create a new Workspace', LINK: 'Link existing Workspace' } as const;

/**
 * The switcher's footer for those who may ask ops for a Workspace, shown before they pick "Create" or
 * "Link": how many Workspaces the main organization links of its limit, and its pending request (one
 * at a time), which they may withdraw here.
 */
export function SwitcherRequestStatus() {
  const ctx = useWorkspace();
  const { state, reload } = useOperation(SwitcherRequestStatusDocument, {}, { workspaceId: ctx.workspaceId });
  const withdraw = useAction(async (requestId: string) => {
    await ctx.request(WithdrawWorkspaceRequestDocument, { id: requestId });
    reload();
  });

  if (state.status === 'loading') return <Loading label="Loading your organization’s requests…" />;
  if (state.status === 'error') {
    return <ErrorNotice title="Requests could not be loaded" message={state.error.message} onRetry={reload} />;
  }
  const workspace = state.data.viewer.activeWorkspace;
  // A Workspace of the main organization itself may be linked to it or not (then it is the main one).
  const main = workspace ? (workspace.mainOrganization ?? workspace.organization) : null;
  const pending = state.data.workspaceRequests.find((r) => r.status === 'PENDING');

  return (
    <section className="switcher-status" aria-label="Workspace requests status">
      {main && <LimitLine org={main} />}
      {pending ? (
        <PendingRequest request={pending} busy={withdraw.busy} onWithdraw={() => void withdraw.run(pending.id)} />
      ) : (
        <p className="small muted">No request pending.</p>
      )}
      {withdraw.error && (
        <p className="form-error small" role="alert">
          {withdraw.error.message}
        </p>
      )}
    </section>
  );
}

function LimitLine({ org }: { org: SwitcherLimitFragment }) {
  const full = org.linkedWorkspaceCount >= org.workspaceLimit;
  return (
    <p className="small">
      <strong>
        {org.linkedWorkspaceCount} of {org.workspaceLimit} Workspaces linked
      </strong>{' '}
      <span className="muted">
        to {org.name}
        {full ? ': the limit is reached, ops can raise it.' : '.'}
      </span>
    </p>
  );
}

function PendingRequest({ request, busy, onWithdraw }: { request: WorkspaceRequestItemFragment; busy: boolean; onWithdraw: () => void }) {
  return (
    <div className="switcher-pending">
      <Clock size={16} aria-hidden="true" />
      <p className="small">
        <strong>Request pending:</strong> {KIND_LABELS[request.kind]}
        {request.name ? ` “${request.name}”` : ''}, sent {formatDate(request.createdAt)}
        {request.requestedBy ? ` by ${request.requestedBy.name}` : ''}. A new one waits until ops decide or you withdraw it.
      </p>
      <button type="button" className="button button-small" onClick={onWithdraw} disabled={busy}>
        {busy ? 'Withdrawing…' : 'Withdraw request'}
      </button>
    </div>
  );
}
