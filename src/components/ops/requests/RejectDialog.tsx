'use client';

import { type FormEvent, useId, useState } from 'react';
import { request } from '../../api/client';
import { type OpsRequestItemFragment, RejectRequestDocument } from '../../api/generated/graphql';
import { fieldError, formError, useAction } from '../../api/use-action';
import { Dialog } from '../../ui/Dialog';

/** Rejecting a request: the reason is shown to the requester with the request. */
export function RejectDialog({
  request: r,
  onClose,
  onDone,
}: {
  request: OpsRequestItemFragment;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const id = useId();
  const [missing, setMissing] = useState(false);
  const action = useAction(async (reason: string) => {
    await request(RejectRequestDocument, { id: r.id, reason });
    onDone(`Rejected the request of ${r.organization.name}; the requester sees your reason.`);
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    setMissing(!reason);
    if (reason) void action.run(reason);
  }

  const error = missing ? 'Reason is required: the requester reads it.' : fieldError(action.error, 'reason');
  const top = formError(action.error, ['reason']);
  return (
    <Dialog title={`Reject the request of ${r.organization.name}`} onClose={() => !action.busy && onClose()}>
      <form className="form" onSubmit={submit} noValidate aria-label="Reject the request">
        {top && (
          <p className="form-error" role="alert">
            {top}
          </p>
        )}
        <label className="field">
          <span>Reason</span>
          <textarea
            name="reason"
            rows={4}
            maxLength={2000}
            aria-invalid={!!error}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          />
          <small id={`${id}-hint`} className="hint">
            Shown to the requester with their request.
          </small>
          {error && (
            <small id={`${id}-error`} className="field-error" role="alert">
              {error}
            </small>
          )}
        </label>
        <div className="actions">
          <button type="submit" className="button button-danger-solid" disabled={action.busy}>
            {action.busy ? 'Rejecting…' : 'Reject request'}
          </button>
          <button type="button" className="button" onClick={onClose} disabled={action.busy}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
