'use client';

import { type FormEvent, useId, useState } from 'react';
import type { CoveragePolicyItemFragment, CreateCoveragePolicyInput } from '../api/generated/graphql';
import { fieldError, formError, useAction } from '../api/use-action';
import { FormField } from './FormField';
import { parseCodes } from './policy-text';

const FIELDS = ['name', 'countries', 'networks', 'dataPlan'] as const;

/**
 * Creates (no `policy`) or edits a coverage policy. Countries and networks are typed as lists
 * (commas or spaces); empty means every country / every network. The server's error shows at its field.
 */
export function CoveragePolicyForm({
  policy,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  policy?: CoveragePolicyItemFragment;
  submitLabel: string;
  onSubmit: (input: CreateCoveragePolicyInput) => Promise<unknown>;
  onCancel: () => void;
}) {
  const id = useId();
  const action = useAction(onSubmit);
  const [nameMissing, setNameMissing] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (field: string) => String(form.get(field) ?? '').trim();
    const name = text('name');
    setNameMissing(!name);
    if (!name) return;
    await action.run({
      name,
      countries: parseCodes(text('countries').toUpperCase()),
      networks: parseCodes(text('networks')),
      dataPlan: text('dataPlan') || null,
    });
  }

  const error = (field: (typeof FIELDS)[number]) =>
    field === 'name' && nameMissing ? 'Enter a name for the policy.' : fieldError(action.error, field);
  const top = formError(action.error, FIELDS);
  const formName = policy ? `Edit ${policy.name}` : 'New coverage policy';

  return (
    <form className="form form-grid" onSubmit={submit} noValidate aria-label={formName}>
      {top && (
        <p className="form-error span-all" role="alert">
          {top}
        </p>
      )}
      <FormField
        id={`${id}-name`}
        name="name"
        label="Name"
        defaultValue={policy?.name ?? ''}
        maxLength={200}
        required
        error={error('name')}
      />
      <FormField
        id={`${id}-countries`}
        name="countries"
        label="Countries"
        hint='ISO codes, e.g. "DE, AT FR". Empty: every country.'
        defaultValue={policy?.countries.join(', ') ?? ''}
        autoCapitalize="characters"
        error={error('countries')}
      />
      <FormField
        id={`${id}-networks`}
        name="networks"
        label="Networks"
        hint='PLMN ids (5 or 6 digits), e.g. "26201, 26202". Empty: every network.'
        defaultValue={policy?.networks.join(', ') ?? ''}
        inputMode="numeric"
        error={error('networks')}
      />
      <FormField
        id={`${id}-plan`}
        name="dataPlan"
        label="Data plan (optional)"
        defaultValue={policy?.dataPlan ?? ''}
        maxLength={200}
        error={error('dataPlan')}
      />
      <div className="actions span-all">
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={action.busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
