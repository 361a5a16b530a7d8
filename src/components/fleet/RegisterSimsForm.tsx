'use client';

import { type FormEvent, useId, useState } from 'react';
import { INITIAL_STATUSES } from '@/features/fleet/sims/lifecycle-table';
import { RegisterSimsDocument, type SimStatus } from '../api/generated/graphql';
import { fieldError, formError, useAction } from '../api/use-action';
import { enumLabel } from '../format';
import { useWorkspace } from '../workspace/context';

const MAX = 1000;

/** ICCIDs pasted one per line (spaces and blank lines ignored). */
export function parseIccids(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ''))
    .filter(Boolean);
}

/** Registers SIMs all or nothing; the server's error (which ICCID, why) is shown under the box. */
export function RegisterSimsForm({ onRegistered, onCancel }: { onRegistered: (count: number) => void; onCancel: () => void }) {
  const ctx = useWorkspace();
  const id = useId();
  const [localError, setLocalError] = useState<string | null>(null);
  const action = useAction(async (iccids: string[], status: SimStatus) => {
    const { registerSims } = await ctx.request(RegisterSimsDocument, { iccids, status });
    onRegistered(registerSims.length);
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const iccids = parseIccids(String(form.get('iccids') ?? ''));
    if (iccids.length === 0) {
      setLocalError('Enter at least one ICCID, one per line.');
      return;
    }
    if (iccids.length > MAX) {
      setLocalError(`At most ${MAX} ICCIDs at once (you entered ${iccids.length}).`);
      return;
    }
    setLocalError(null);
    await action.run(iccids, String(form.get('status')) as SimStatus);
  }

  const iccidError = localError ?? fieldError(action.error, 'iccids');
  const statusError = fieldError(action.error, 'status');
  const topError = formError(action.error, ['iccids', 'status']);

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Register SIMs">
      {topError && (
        <p className="form-error" role="alert">
          {topError}
        </p>
      )}
      <label className="field">
        <span>ICCIDs, one per line</span>
        <textarea
          name="iccids"
          rows={6}
          className="mono"
          spellCheck={false}
          aria-invalid={!!iccidError}
          aria-describedby={`${id}-hint${iccidError ? ` ${id}-error` : ''}`}
        />
        <small id={`${id}-hint`} className="hint">
          19 or 20 digits each, the last one a check digit; up to {MAX} at once. Either all are registered or none.
        </small>
        {iccidError && (
          <small id={`${id}-error`} className="field-error" role="alert">
            {iccidError}
          </small>
        )}
      </label>
      <label className="field field-narrow">
        <span>Initial status</span>
        <select name="status" defaultValue="ISSUED" aria-invalid={!!statusError}>
          {INITIAL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {enumLabel(s)}
            </option>
          ))}
        </select>
        {statusError && (
          <small className="field-error" role="alert">
            {statusError}
          </small>
        )}
      </label>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {action.busy ? 'Registering…' : 'Register'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={action.busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
