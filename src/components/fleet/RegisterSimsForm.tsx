'use client';

import { type FormEvent, useId, useState } from 'react';
import { INITIAL_STATUSES } from '@/features/fleet/sims/lifecycle-table';
import { RegisterSimsDocument, type SimStatus } from '../api/generated/graphql';
import { fieldError, formError, useAction } from '../api/use-action';
import { enumLabel } from '../format';
import { useWorkspace } from '../workspace/context';
import { type IccidLine, iccidLines, lineProblems, serverLineProblems } from './iccid-lines';

const MAX = 1000;

/** ICCIDs pasted one per line (spaces and blank lines ignored). */
export function parseIccids(text: string): string[] {
  return iccidLines(text).map((l) => l.iccid);
}

/**
 * Registers SIMs all or nothing. Bad lines are named by number ("Line 3: …"): checked in the browser
 * first, and the server's refusal (positions or ICCIDs) is turned into line numbers too.
 */
export function RegisterSimsForm({ onRegistered, onCancel }: { onRegistered: (count: number) => void; onCancel: () => void }) {
  const ctx = useWorkspace();
  const id = useId();
  const [localErrors, setLocalErrors] = useState<string[]>([]);
  const [sent, setSent] = useState<IccidLine[]>([]);
  const action = useAction(async (iccids: string[], status: SimStatus) => {
    const { registerSims } = await ctx.request(RegisterSimsDocument, { iccids, status });
    onRegistered(registerSims.length);
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const lines = iccidLines(String(form.get('iccids') ?? ''));
    const problems =
      lines.length === 0
        ? ['Enter at least one ICCID, one per line.']
        : lines.length > MAX
          ? [`At most ${MAX} ICCIDs at once (you entered ${lines.length}).`]
          : lineProblems(lines);
    setLocalErrors(problems);
    action.clear();
    if (problems.length) return;
    setSent(lines);
    await action.run(
      lines.map((l) => l.iccid),
      String(form.get('status')) as SimStatus,
    );
  }

  const serverLines = action.error ? serverLineProblems(action.error, sent) : null;
  const iccidErrors = localErrors.length
    ? localErrors
    : serverLines?.length
      ? serverLines
      : [fieldError(action.error, 'iccids')].filter((e): e is string => !!e);
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
          aria-invalid={iccidErrors.length > 0}
          aria-describedby={`${id}-hint${iccidErrors.length ? ` ${id}-error` : ''}`}
        />
        <small id={`${id}-hint`} className="hint">
          19 or 20 digits each, the last one a check digit; up to {MAX} at once. Either all are registered or none.
        </small>
      </label>
      {iccidErrors.length > 0 && (
        <div id={`${id}-error`} className="field-error" role="alert">
          {iccidErrors.length === 1 ? (
            <p className="line-errors-one">{iccidErrors[0]}</p>
          ) : (
            <>
              <p>{iccidErrors.length} lines need a fix; nothing was registered:</p>
              <ul className="line-errors">
                {iccidErrors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
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
