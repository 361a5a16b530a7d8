'use client';

import { type FormEvent, useState } from 'react';
import { request } from '../../api/client';
import { ApproveCreateRequestDocument, type OpsRequestItemFragment, type Package } from '../../api/generated/graphql';
import { fieldError, formError, useAction } from '../../api/use-action';
import { Dialog } from '../../ui/Dialog';
import { SelectField, TextField } from '../Field';

const FIELDS = ['workspaceName', 'name', 'currency', 'package', 'vatRate', 'vatNumber', 'billingEmail'] as const;
export const PACKAGE_OPTIONS = [
  { value: 'STANDARD', label: 'Standard' },
  { value: 'PRO', label: 'Pro' },
] as const;

/**
 * Approving a CREATE request: the new Workspace's name and its new organization's terms (its own
 * currency, VAT and billing contact), prefilled from the request and the main organization's terms.
 */
export function ApproveCreateDialog({
  request: r,
  onClose,
  onDone,
}: {
  request: OpsRequestItemFragment;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const [local, setLocal] = useState<{ field: string; message: string } | null>(null);
  const action = useAction(async (workspaceName: string, organization: OrganizationTerms) => {
    const answer = await request(ApproveCreateRequestDocument, { id: r.id, name: workspaceName, organization });
    const ws = answer.approveWorkspaceRequest.resultWorkspace;
    onDone(
      `Approved: ${ws?.name ?? workspaceName} created for ${ws?.organization.name ?? organization.name} (${organization.currency}), linked to ${r.organization.name}.`,
    );
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const vat = text('vatRate');
    if (vat !== '' && !Number.isFinite(Number(vat))) {
      setLocal({ field: 'vatRate', message: 'VAT rate must be a number of percent, e.g. 19.' });
      return;
    }
    if (!text('workspaceName')) {
      setLocal({ field: 'workspaceName', message: 'Workspace name is required.' });
      return;
    }
    setLocal(null);
    void action.run(text('workspaceName'), {
      name: text('name'),
      currency: text('currency').toUpperCase(),
      package: text('package') as Package,
      vatRate: vat === '' ? null : Number(vat),
      vatNumber: text('vatNumber') || null,
      billingEmail: text('billingEmail') || null,
    });
  }

  // The API names the organization's fields as createOrganization does; `name` is the organization's
  // when the organization is created first (it is), so a `name` error is the organization name's.
  const error = (field: (typeof FIELDS)[number]) => (local?.field === field ? local.message : fieldError(action.error, field));
  const top = formError(action.error, FIELDS);
  const main = r.organization;

  return (
    <Dialog title={`Approve: new Workspace for ${main.name}`} onClose={() => !action.busy && onClose()} wide>
      <form className="form" onSubmit={submit} noValidate aria-label="Approve the CREATE request">
        <p className="muted small">
          The new Workspace gets its own organization: billed on its own (currency, VAT, invoices), linked to {main.name}. Prefilled from
          the request and {main.name}’s terms.
        </p>
        {top && (
          <p className="form-error" role="alert">
            {top}
          </p>
        )}
        <div className="form-grid">
          <TextField
            label="Workspace name"
            name="workspaceName"
            defaultValue={r.name ?? ''}
            required
            maxLength={200}
            error={error('workspaceName')}
          />
          <TextField label="Organization name" name="name" defaultValue={r.name ?? ''} required maxLength={200} error={error('name')} />
          <TextField
            label="Currency"
            name="currency"
            defaultValue={r.currency ?? main.currency}
            required
            hint={r.currency ? 'As the request proposed' : `${main.name}’s currency`}
            error={error('currency')}
          />
          <SelectField label="Package" name="package" defaultValue="STANDARD" options={PACKAGE_OPTIONS} error={error('package')} />
          <TextField label="VAT rate (%)" name="vatRate" defaultValue={main.vatRate} inputMode="decimal" error={error('vatRate')} />
          <TextField label="VAT number" name="vatNumber" defaultValue={main.vatNumber ?? ''} maxLength={50} error={error('vatNumber')} />
          <TextField
            label="Billing email"
            name="billingEmail"
            type="email"
            defaultValue={main.billingEmail ?? r.contactEmail}
            className="field span-all"
            error={error('billingEmail')}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={action.busy}>
            {action.busy ? 'Approving…' : 'Approve and create'}
          </button>
          <button type="button" className="button" onClick={onClose} disabled={action.busy}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

interface OrganizationTerms {
  name: string;
  currency: string;
  package: Package;
  vatRate: number | null;
  vatNumber: string | null;
  billingEmail: string | null;
}
