'use client';

import { type FormEvent, useState } from 'react';
import { request } from '../../api/client';
import {
  OpsIssueInvoicesDocument,
  type OpsOrganizationPageQuery,
  OpsSetPriceListDocument,
  OpsUpdateOrganizationBillingDocument,
  type OrganizationBillingInput,
  type Package,
  type PaymentType,
} from '../../api/generated/graphql';
import { fieldError, formError, useAction } from '../../api/use-action';
import { enumLabel, formatDateTime, formatMoney, packageLabel } from '../../format';
import { TableScroll } from '../../ui/TableScroll';
import { Field } from './Field';

type Organization = NonNullable<OpsOrganizationPageQuery['organization']>;
type Changed = (notice: string) => void;

const PACKAGES: readonly Package[] = ['STANDARD', 'PRO'];
const PAYMENT_TYPES: readonly PaymentType[] = ['BANK_TRANSFER', 'DIRECT_DEBIT', 'CREDIT_CARD'];
const BILLING_FIELDS = ['currency', 'vatRate', 'vatNumber', 'billingEmail', 'package', 'paymentType'] as const;

/** Currency, VAT, contacts, package and payment type (updateOrganizationBilling); only what changed is sent. */
export function BillingTermsForm({ org, onChanged }: { org: Organization; onChanged: Changed }) {
  const action = useAction(async (input: OrganizationBillingInput) => {
    await request(OpsUpdateOrganizationBillingDocument, { organizationId: org.id, input });
    onChanged(`The billing terms of ${org.name} are saved.`);
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    // Only what changed is sent: an untouched field stays as it is on the server.
    const changed = <T extends string>(name: string, now: T | null | undefined): { value: T | null } | null => {
      const value = (text(name) || null) as T | null;
      return value === (now ?? null) ? null : { value };
    };
    const input: OrganizationBillingInput = {};
    const currency = changed('currency', org.currency);
    if (currency?.value) input.currency = currency.value;
    const vatRate = changed('vatRate', org.vatRate);
    if (vatRate?.value) input.vatRate = vatRate.value;
    const vatNumber = changed('vatNumber', org.vatNumber);
    if (vatNumber) input.vatNumber = vatNumber.value;
    const billingEmail = changed('billingEmail', org.billingEmail);
    if (billingEmail) input.billingEmail = billingEmail.value;
    const pkg = changed<Package>('package', org.package);
    if (pkg?.value) input.package = pkg.value;
    const paymentType = changed<PaymentType>('paymentType', org.paymentType);
    if (paymentType?.value) input.paymentType = paymentType.value;
    void action.run(input);
  };
  const error = (name: string) => fieldError(action.error, name);
  const top = formError(action.error, BILLING_FIELDS);
  return (
    <section className="card" aria-labelledby="billing-title">
      <h2 id="billing-title">Billing terms</h2>
      <form className="form" onSubmit={submit} noValidate aria-label="Billing terms" key={JSON.stringify(org)}>
        <div className="form-grid">
          <Field label="Currency" error={error('currency')} hint="ISO 4217; price lists in the old currency stop applying.">
            {(props) => <input {...props} name="currency" defaultValue={org.currency} maxLength={3} autoCapitalize="characters" />}
          </Field>
          <Field label="VAT rate (%)" error={error('vatRate')}>
            {(props) => <input {...props} name="vatRate" defaultValue={org.vatRate} inputMode="decimal" />}
          </Field>
          <Field label="VAT number" error={error('vatNumber')}>
            {(props) => <input {...props} name="vatNumber" defaultValue={org.vatNumber ?? ''} />}
          </Field>
          <Field label="Billing email" error={error('billingEmail')}>
            {(props) => <input {...props} name="billingEmail" type="email" defaultValue={org.billingEmail ?? ''} />}
          </Field>
          <Field label="Package" error={error('package')}>
            {(props) => (
              <select {...props} name="package" defaultValue={org.package}>
                {PACKAGES.map((p) => (
                  <option key={p} value={p}>
                    {packageLabel(p)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Payment type" error={error('paymentType')}>
            {(props) => (
              <select {...props} name="paymentType" defaultValue={org.paymentType}>
                {PAYMENT_TYPES.map((p) => (
                  <option key={p} value={p}>
                    {enumLabel(p)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {top && (
          <p className="form-error" role="alert">
            {top}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={action.busy}>
            {action.busy ? 'Saving…' : 'Save billing terms'}
          </button>
        </div>
      </form>
    </section>
  );
}

const PRICE_FIELDS = ['feePerActivatedSim', 'pricePerMb', 'pricePerSms', 'effectiveMonth'] as const;

/** Each Workspace's price lists, latest first, and a form to set one from a month on. */
export function PriceLists({ org, onChanged }: { org: Organization; onChanged: Changed }) {
  const owned = org.workspaces ?? [];
  return (
    <section className="card" aria-labelledby="prices-title">
      <h2 id="prices-title">Price lists</h2>
      {owned.length === 0 && <p className="muted">No Workspaces to price yet.</p>}
      {owned.map((w) => (
        <div key={w.id} className="price-workspace">
          <h3>{w.name}</h3>
          {(w.priceLists ?? []).length === 0 ? (
            <p className="muted small">No price list: its months are billed at 0 until one is set.</p>
          ) : (
            <TableScroll label={`Price lists of ${w.name}`} className="table-scroll">
              <table className="table table-compact">
                <caption className="visually-hidden">Price lists of {w.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">From</th>
                    <th scope="col" className="num">
                      Per SIM
                    </th>
                    <th scope="col" className="num">
                      Per MB
                    </th>
                    <th scope="col" className="num">
                      Per SMS
                    </th>
                    <th scope="col">Set</th>
                  </tr>
                </thead>
                <tbody>
                  {(w.priceLists ?? []).map((p) => (
                    <tr key={p.effectiveMonth}>
                      <th scope="row">{p.effectiveMonth}</th>
                      <td className="num">{formatMoney(p.feePerActivatedSim.amount, p.currency)}</td>
                      <td className="num">{`${p.pricePerMb.amount} ${p.currency}`}</td>
                      <td className="num">{`${p.pricePerSms.amount} ${p.currency}`}</td>
                      <td className="small nowrap">{formatDateTime(p.setAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <PriceListForm workspace={w} currency={org.currency} onChanged={onChanged} />
        </div>
      ))}
    </section>
  );
}

function PriceListForm({
  workspace,
  currency,
  onChanged,
}: {
  workspace: { id: string; name: string };
  currency: string;
  onChanged: Changed;
}) {
  const [formKey, setFormKey] = useState(0);
  const action = useAction(
    async (input: { feePerActivatedSim: string; pricePerMb: string; pricePerSms: string; effectiveMonth: string | null }) => {
      const { setPriceList } = await request(OpsSetPriceListDocument, { workspaceId: workspace.id, input });
      setFormKey((k) => k + 1);
      onChanged(`Prices for ${workspace.name} apply from ${setPriceList.effectiveMonth}.`);
    },
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    void action.run({
      feePerActivatedSim: text('feePerActivatedSim'),
      pricePerMb: text('pricePerMb'),
      pricePerSms: text('pricePerSms'),
      effectiveMonth: text('effectiveMonth') || null,
    });
  };
  const error = (name: string) => fieldError(action.error, name);
  const top = formError(action.error, PRICE_FIELDS);
  return (
    <form key={formKey} className="form" onSubmit={submit} noValidate aria-label={`Set prices for ${workspace.name}`}>
      <div className="form-grid">
        <Field label={`Fee per activated SIM (${currency})`} error={error('feePerActivatedSim')}>
          {(props) => <input {...props} name="feePerActivatedSim" inputMode="decimal" required />}
        </Field>
        <Field label={`Price per MB (${currency})`} error={error('pricePerMb')}>
          {(props) => <input {...props} name="pricePerMb" inputMode="decimal" required />}
        </Field>
        <Field label={`Price per SMS (${currency})`} error={error('pricePerSms')}>
          {(props) => <input {...props} name="pricePerSms" inputMode="decimal" required />}
        </Field>
        <Field label="From month" error={error('effectiveMonth')} hint="YYYY-MM; empty: this month.">
          {(props) => <input {...props} name="effectiveMonth" placeholder="YYYY-MM" />}
        </Field>
      </div>
      {top && (
        <p className="form-error" role="alert">
          {top}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={action.busy}>
          {action.busy ? 'Saving…' : 'Set prices'}
        </button>
      </div>
    </form>
  );
}

/** issueInvoices is platform-wide: it issues the month for every Workspace that has no invoice for it yet. */
export function IssueInvoices({ onChanged }: { onChanged: Changed }) {
  const action = useAction(async (month: string) => {
    const { issueInvoices } = await request(OpsIssueInvoicesDocument, { month });
    onChanged(
      issueInvoices === 0 ? `Every Workspace already had its invoice for ${month}.` : `${issueInvoices} invoices issued for ${month}.`,
    );
  });
  const top = formError(action.error, ['month']);
  return (
    <section className="card" aria-labelledby="invoices-title">
      <h2 id="invoices-title">Issue invoices</h2>
      <p className="muted small">Issues a month that has ended for every Workspace on the platform that has no invoice for it yet.</p>
      <form
        className="form form-row"
        noValidate
        aria-label="Issue invoices"
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(String(new FormData(event.currentTarget).get('month') ?? '').trim());
        }}
      >
        <Field label="Month" error={fieldError(action.error, 'month')}>
          {(props) => <input {...props} name="month" placeholder="YYYY-MM" defaultValue={previousMonth()} />}
        </Field>
        <button type="submit" className="button button-primary align-end" disabled={action.busy}>
          {action.busy ? 'Issuing…' : 'Issue invoices'}
        </button>
      </form>
      {top && (
        <p className="form-error" role="alert">
          {top}
        </p>
      )}
    </section>
  );
}

function previousMonth(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
