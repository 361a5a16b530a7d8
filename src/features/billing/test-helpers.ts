import { sql } from 'drizzle-orm';
import { expectData, type TestApp } from '../../../test/app';
import { createOrg, createWorkspace, memberWithRole, registerSims, type TestSim } from '../../../test/factories';

/** Test setup (not a test): billing fixtures. Invoices need history, so some facts are written as the table owner. */

export const INVOICE_FIELDS = `number month periodStart periodEnd status issuedAt currency vatRate workspace { id }
  lines { kind description quantity unit unitPrice { amount currency } amount { amount currency } }
  subtotal { amount currency } vat { amount currency } total { amount currency }
  billTo { name vatNumber billingEmail paymentType }`;

export interface InvoiceView {
  number: string | null;
  month: string;
  periodStart: string;
  periodEnd: string;
  status: 'PREVIEW' | 'ISSUED';
  issuedAt: string | null;
  currency: string;
  vatRate: string;
  workspace: { id: string };
  lines: {
    kind: string;
    description: string;
    quantity: string;
    unit: string;
    unitPrice: { amount: string; currency: string };
    amount: { amount: string; currency: string };
  }[];
  subtotal: { amount: string; currency: string };
  vat: { amount: string; currency: string };
  total: { amount: string; currency: string };
  billTo: { name: string; vatNumber: string | null; billingEmail: string | null; paymentType: string };
}

/** An organization in `currency` with `vatRate`, one Workspace created on `createdAt`, an Administrator and SIMs. */
export async function billedWorkspace(app: TestApp, options: { currency: string; vatRate: string; createdAt?: string; sims?: number }) {
  const org = await createOrg(app, { currency: options.currency });
  expectData(
    await app.gql(
      'mutation($o: ID!, $i: OrganizationBillingInput!) { updateOrganizationBilling(organizationId: $o, input: $i) { id } }',
      { o: org.id, i: { vatRate: options.vatRate } },
      { token: await app.opsToken() },
    ),
  );
  const workspace = await createWorkspace(app, org.id);
  if (options.createdAt)
    await app.database.db.execute(
      sql`UPDATE workspaces SET created_at = ${options.createdAt}::timestamptz WHERE id = ${workspace.id}::uuid`,
    );
  const admin = await memberWithRole(app, workspace.id, 'ADMINISTRATOR');
  const sims: TestSim[] = options.sims ? await registerSims(app, admin.token, options.sims) : [];
  return { org, workspace, admin, sims };
}

/** A price list effective from a past month (ops can only set current and future months through the API). */
export async function pastPriceList(
  app: TestApp,
  workspaceId: string,
  month: string,
  currency: string,
  prices: { fee: string; perMb: string; perSms: string },
) {
  await app.database.db.execute(sql`INSERT INTO price_lists (workspace_id, effective_month, currency, fee_per_sim, price_per_mb, price_per_sms)
    VALUES (${workspaceId}::uuid, ${month}::date, ${currency}, ${prices.fee}::numeric, ${prices.perMb}::numeric, ${prices.perSms}::numeric)`);
}

/** An activation period in the past, as the sims trigger would have recorded it. */
export async function pastActivation(app: TestApp, workspaceId: string, simId: string, startedAt: string, endedAt: string | null) {
  await app.database.db.execute(sql`INSERT INTO sim_activation_periods (workspace_id, sim_id, started_at, ended_at)
    VALUES (${workspaceId}::uuid, ${simId}::uuid, ${startedAt}::timestamptz, ${endedAt}::timestamptz)`);
}

/** The invoice of `month` as the token sees it. */
export async function invoiceOf(app: TestApp, token: string, month: string): Promise<InvoiceView> {
  return expectData(
    await app.gql<{ invoice: InvoiceView }>(`query($m: String!) { invoice(month: $m) { ${INVOICE_FIELDS} } }`, { m: month }, { token }),
  ).invoice;
}

/** [kind, quantity, unit price, amount] of each line. */
export const lineFigures = (invoice: InvoiceView) => invoice.lines.map((l) => [l.kind, l.quantity, l.unitPrice.amount, l.amount.amount]);
/** [subtotal, VAT, total]. */
export const totalsOf = (invoice: InvoiceView) => [invoice.subtotal.amount, invoice.vat.amount, invoice.total.amount];

export const currentMonthLabel = () => new Date().toISOString().slice(0, 7);
