'use client';

import { type ReactNode, useState } from 'react';
import { useAction } from '../api/use-action';
import { Dialog } from './Dialog';

/**
 * A button that asks first: a dialog explains what will happen, "Cancel" or the confirm button runs
 * the action. The server's refusal is shown inside the dialog.
 */
export function ConfirmButton({
  label,
  accessibleLabel,
  title,
  children,
  confirmLabel,
  onConfirm,
  danger = true,
  disabled = false,
  className = 'button button-small',
}: {
  label: string;
  /** A fuller name for screen readers, e.g. "Delete device Tracker 7". */
  accessibleLabel?: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  danger?: boolean;
  disabled?: boolean;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const action = useAction(async () => {
    await onConfirm();
    setOpen(false);
  });
  return (
    <>
      <button
        type="button"
        className={danger ? `${className} button-danger` : className}
        aria-label={accessibleLabel}
        disabled={disabled}
        onClick={() => {
          action.clear();
          setOpen(true);
        }}
      >
        {label}
      </button>
      {open && (
        <Dialog title={title} onClose={() => !action.busy && setOpen(false)}>
          <div className="dialog-body">{children}</div>
          {action.error && (
            <p className="form-error" role="alert">
              {action.error.message}
            </p>
          )}
          <div className="actions">
            <button
              type="button"
              className={danger ? 'button button-danger-solid' : 'button button-primary'}
              disabled={action.busy}
              onClick={() => void action.run()}
            >
              {action.busy ? 'Working…' : confirmLabel}
            </button>
            <button type="button" className="button" disabled={action.busy} onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
