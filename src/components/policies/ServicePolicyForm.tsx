'use client';

import { type FormEvent, useId, useState } from 'react';
import type { CreateServicePolicyInput, ServicePolicyItemFragment } from '../api/generated/graphql';
import { fieldError, formError, useAction } from '../api/use-action';
import { FormField } from './FormField';
import { parseLimit } from './policy-text';

const FIELDS = ['name', 'dataEnabled', 'smsEnabled', 'monthlyDataLimitMb', 'monthlySmsLimit'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Creates (no `policy`) or edits a service policy. Empty limits mean unlimited; the form checks that a
 * limit is a whole number, the server checks the rest and its error shows at the field it names.
 */
export function ServicePolicyForm({
  policy,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  policy?: ServicePolicyItemFragment;
  submitLabel: string;
  onSubmit: (input: CreateServicePolicyInput) => Promise<unknown>;
  onCancel: () => void;
}) {
  const id = useId();
  const action = useAction(onSubmit);
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const data = parseLimit(String(form.get('monthlyDataLimitMb') ?? ''), 'megabytes');
    const sms = parseLimit(String(form.get('monthlySmsLimit') ?? ''), 'SMS');
    const errors: Partial<Record<Field, string>> = {};
    if (!name) errors.name = 'Enter a name for the policy.';
    if ('error' in data) errors.monthlyDataLimitMb = data.error;
    if ('error' in sms) errors.monthlySmsLimit = sms.error;
    setLocal(errors);
    if ('error' in data || 'error' in sms || !name) return;
    await action.run({
      name,
      dataEnabled: form.get('dataEnabled') === 'on',
      smsEnabled: form.get('smsEnabled') === 'on',
      monthlyDataLimitMb: data.value,
      monthlySmsLimit: sms.value,
    });
  }

  const error = (field: Field) => local[field] ?? fieldError(action.error, field);
  const top = formError(action.error, FIELDS);
  const formName = policy ? `Edit ${policy.name}` : 'New service policy';

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
      <fieldset className="policy-switches">
        <legend>Allowed</legend>
        <label className="checkbox">
          <input type="checkbox" name="dataEnabled" defaultChecked={policy?.dataEnabled ?? true} />
          Data
        </label>
        <label className="checkbox">
          <input type="checkbox" name="smsEnabled" defaultChecked={policy?.smsEnabled ?? true} />
          SMS
        </label>
      </fieldset>
      <FormField
        id={`${id}-data`}
        name="monthlyDataLimitMb"
        label="Monthly data limit (MB)"
        inputMode="numeric"
        hint="Empty: unlimited."
        defaultValue={policy?.monthlyDataLimitMb ?? ''}
        error={error('monthlyDataLimitMb')}
      />
      <FormField
        id={`${id}-sms`}
        name="monthlySmsLimit"
        label="Monthly SMS limit"
        inputMode="numeric"
        hint="Empty: unlimited."
        defaultValue={policy?.monthlySmsLimit ?? ''}
        error={error('monthlySmsLimit')}
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
