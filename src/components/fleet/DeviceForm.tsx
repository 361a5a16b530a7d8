'use client';

import { type FormEvent, useId, useState } from 'react';
import {
  type CreateEndpointInput,
  type EndpointDetailFragment,
  type EndpointStatus,
  PolicyChoicesDocument,
} from '../api/generated/graphql';
import { fieldError, formError, useAction } from '../api/use-action';
import { useOperation } from '../api/use-operation';
import { enumLabel } from '../format';
import { useWorkspace } from '../workspace/context';
import { type SimChoice, SimPicker } from './SimPicker';
import { ENDPOINT_STATUSES } from './statuses';

const FIELDS = ['name', 'status', 'imei', 'ipAddress', 'tags', 'simId', 'servicePolicyId', 'coveragePolicyId'] as const;

/** Tags typed as "a, b, c" (commas or new lines), trimmed, without blanks or repeats. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\n]/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * The device form, to create (no `device`) or edit one. Only the name is required; the SIM is found by
 * typing part of its ICCID (SIMs in no device; the device's own SIM shows as chosen when editing). The
 * server validates everything and its error is shown next to the field it names.
 */
export function DeviceForm({
  device,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  device?: EndpointDetailFragment;
  submitLabel: string;
  onSubmit: (input: CreateEndpointInput) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const { workspaceId } = useWorkspace();
  const choices = useOperation(PolicyChoicesDocument, {}, { workspaceId });
  const [sim, setSim] = useState<SimChoice | null>(device?.sim ?? null);
  const action = useAction(onSubmit);
  const ready = choices.state.status === 'ready' ? choices.state.data : null;
  const [nameMissing, setNameMissing] = useState(false);
  const id = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const name = text('name');
    if (!name) {
      setNameMissing(true);
      return;
    }
    setNameMissing(false);
    const optional = (field: string) => text(field) || null;
    const input: CreateEndpointInput = {
      name,
      status: text('status') as EndpointStatus,
      tags: parseTags(String(form.get('tags') ?? '')),
      imei: optional('imei'),
      ipAddress: optional('ipAddress'),
      simId: optional('simId'),
      servicePolicyId: optional('servicePolicyId'),
      coveragePolicyId: optional('coveragePolicyId'),
    };
    if (!ready) {
      // The policies did not load: leave them as they are.
      delete input.servicePolicyId;
      delete input.coveragePolicyId;
    }
    if (!device) {
      // A new device: leave out what was not filled in.
      for (const key of ['imei', 'ipAddress', 'simId', 'servicePolicyId', 'coveragePolicyId'] as const)
        if (input[key] === null) delete input[key];
    }
    await action.run(input);
  }

  const error = (field: string) => (field === 'name' && nameMissing ? 'Enter a name for the device.' : fieldError(action.error, field));
  const describe = (field: string) => (error(field) ? `${id}-${field}-error` : undefined);
  const fieldMessage = (field: string) => {
    const message = error(field);
    return message ? (
      <small id={`${id}-${field}-error`} className="field-error" role="alert">
        {message}
      </small>
    ) : null;
  };
  const topError = formError(action.error, FIELDS);

  return (
    <form className="form form-grid" onSubmit={submit} noValidate aria-label={device ? `Edit ${device.name}` : 'New device'}>
      {topError && (
        <p className="form-error span-all" role="alert">
          {topError}
        </p>
      )}
      {choices.state.status === 'error' && (
        <p className="form-error span-all" role="alert">
          The policies to choose from could not be loaded: {choices.state.error.message}
        </p>
      )}
      <label className="field">
        <span>
          Name <span aria-hidden="true">*</span>
        </span>
        <input
          name="name"
          defaultValue={device?.name ?? ''}
          required
          maxLength={200}
          aria-invalid={!!error('name')}
          aria-describedby={describe('name')}
        />
        {fieldMessage('name')}
      </label>
      <label className="field">
        <span>Status</span>
        <select name="status" defaultValue={device?.status ?? 'ENABLED'}>
          {ENDPOINT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {enumLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>IMEI (optional)</span>
        <input
          name="imei"
          inputMode="numeric"
          defaultValue={device?.imei ?? ''}
          maxLength={15}
          aria-invalid={!!error('imei')}
          aria-describedby={describe('imei')}
        />
        <small className="hint">15 digits, the last one a check digit.</small>
        {fieldMessage('imei')}
      </label>
      <label className="field">
        <span>IP address (optional)</span>
        <input
          name="ipAddress"
          defaultValue={device?.ipAddress ?? ''}
          aria-invalid={!!error('ipAddress')}
          aria-describedby={describe('ipAddress')}
        />
        {fieldMessage('ipAddress')}
      </label>
      <label className="field">
        <span>Tags (optional)</span>
        <input
          name="tags"
          defaultValue={device?.tags.join(', ') ?? ''}
          aria-invalid={!!error('tags')}
          aria-describedby={describe('tags')}
        />
        <small className="hint">Separated by commas, e.g. "berlin, cold-chain".</small>
        {fieldMessage('tags')}
      </label>
      <SimPicker value={sim} onChange={setSim} error={error('simId')} />
      <label className="field">
        <span>Service policy (optional)</span>
        <select
          key={ready ? 'servicePolicyId-ready' : 'servicePolicyId-loading'}
          name="servicePolicyId"
          defaultValue={device?.servicePolicy?.id ?? ''}
          disabled={!ready}
          aria-invalid={!!error('servicePolicyId')}
          aria-describedby={describe('servicePolicyId')}
        >
          <option value="">None</option>
          {ready?.servicePolicies.edges.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {node.name}
            </option>
          ))}
        </select>
        {fieldMessage('servicePolicyId')}
      </label>
      <label className="field">
        <span>Coverage policy (optional)</span>
        <select
          key={ready ? 'coveragePolicyId-ready' : 'coveragePolicyId-loading'}
          name="coveragePolicyId"
          defaultValue={device?.coveragePolicy?.id ?? ''}
          disabled={!ready}
          aria-invalid={!!error('coveragePolicyId')}
          aria-describedby={describe('coveragePolicyId')}
        >
          <option value="">None</option>
          {ready?.coveragePolicies.edges.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {node.name}
            </option>
          ))}
        </select>
        {fieldMessage('coveragePolicyId')}
      </label>
      <div className="actions span-all">
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel} disabled={action.busy}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
