'use client';

import { type FormEvent, useId } from 'react';
import { type SimPageDetailFragment, SimPageUpdateDocument } from '../api/generated/graphql';
import { fieldError, formError, useAction } from '../api/use-action';
import { useWorkspace } from '../workspace/context';

const FIELDS = ['imsi', 'msisdn'] as const;

/** The SIM's IMSI and MSISDN; an emptied field clears the number. The server's error shows at its field. */
export function SimNumbersForm({ sim, onSaved }: { sim: SimPageDetailFragment; onSaved: () => void }) {
  const { request } = useWorkspace();
  const id = useId();
  const action = useAction(async (imsi: string | null, msisdn: string | null) => {
    await request(SimPageUpdateDocument, { id: sim.id, input: { imsi, msisdn } });
    onSaved();
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim() || null;
    void action.run(value('imsi'), value('msisdn'));
  }

  const field = (name: (typeof FIELDS)[number], label: string, hint: string, initial: string | null, inputMode: 'numeric' | 'tel') => {
    const error = fieldError(action.error, name);
    return (
      <label className="field">
        <span>{label}</span>
        <input
          name={name}
          inputMode={inputMode}
          defaultValue={initial ?? ''}
          aria-invalid={!!error}
          aria-describedby={`${id}-${name}-hint${error ? ` ${id}-${name}-error` : ''}`}
        />
        <small id={`${id}-${name}-hint`} className="hint">
          {hint}
        </small>
        {error && (
          <small id={`${id}-${name}-error`} className="field-error" role="alert">
            {error}
          </small>
        )}
      </label>
    );
  };
  const top = formError(action.error, FIELDS);

  return (
    <form className="form form-grid" onSubmit={submit} noValidate aria-label="SIM numbers">
      {top && (
        <p className="form-error span-all" role="alert">
          {top}
        </p>
      )}
      {field('imsi', 'IMSI', '15 digits; leave empty to clear.', sim.imsi ?? null, 'numeric')}
      {field('msisdn', 'MSISDN', 'E.164, e.g. +491701234567; leave empty to clear.', sim.msisdn ?? null, 'tel')}
      <div className="actions span-all">
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : 'Save numbers'}
        </button>
      </div>
    </form>
  );
}
