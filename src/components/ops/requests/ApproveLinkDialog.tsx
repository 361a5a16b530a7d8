'use client';

import { type FormEvent, useState } from 'react';
import { request } from '../../api/client';
import { ApproveLinkRequestDocument, type OpsRequestItemFragment } from '../../api/generated/graphql';
import { fieldError, formError, useAction } from '../../api/use-action';
import { Dialog } from '../../ui/Dialog';
import { WorkspacePicker } from '../WorkspacePicker';

/** Approving a LINK request: the operator picks the existing Workspace the request means. */
export function ApproveLinkDialog({
  request: r,
  onClose,
  onDone,
}: {
  request: OpsRequestItemFragment;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const [workspaceId, setWorkspaceId] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const action = useAction(async (id: string) => {
    const answer = await request(ApproveLinkRequestDocument, { id: r.id, workspaceId: id });
    onDone(`Approved: ${answer.approveWorkspaceRequest.resultWorkspace?.name ?? 'the Workspace'} is now linked to ${r.organization.name}.`);
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMissing(!workspaceId);
    if (workspaceId) void action.run(workspaceId);
  }

  const top = formError(action.error, ['workspaceId']);
  return (
    <Dialog title={`Approve: link a Workspace to ${r.organization.name}`} onClose={() => !action.busy && onClose()} wide>
      <form className="form" onSubmit={submit} noValidate aria-label="Approve the LINK request">
        <p className="small">
          <strong>The request says:</strong> {r.details}
        </p>
        <p className="muted small">
          {r.organization.name} links {r.organization.linkedWorkspaceCount} of {r.organization.workspaceLimit} Workspaces now.
        </p>
        {top && (
          <p className="form-error" role="alert">
            {top}
          </p>
        )}
        <WorkspacePicker
          label="Workspace to link"
          value={workspaceId}
          onChange={setWorkspaceId}
          error={missing ? 'Choose the Workspace to link.' : fieldError(action.error, 'workspaceId')}
          disabledReason={(w) => (w.linkedTo ? `linked to ${w.linkedTo}` : null)}
        />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={action.busy}>
            {action.busy ? 'Linking…' : 'Approve and link'}
          </button>
          <button type="button" className="button" onClick={onClose} disabled={action.busy}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
