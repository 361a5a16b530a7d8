import { and, asc, count, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows';
import {
  type InvoiceLineRow,
  type InvoiceRow,
  invoiceLines,
  invoices,
  type OrganizationRow,
  organizations,
  type PriceListRow,
  priceLists,
  workspaceLinks,
} from '../../db/schema';
import type { Database } from '../../db/schema-types';
import { nextMonth } from './months';

/** What the figures of one Workspace-month come to, every amount a decimal string rounded in SQL. */
export interface InvoiceFigures {
  /** Whether a price list in the invoice currency applied (else every price is 0). */
  priced: boolean;
  simCount: string;
  dataMb: string;
  smsCount: string;
  feePerSim: string;
  pricePerMb: string;
  pricePerSms: string;
  simAmount: string;
  dataAmount: string;
  smsAmount: string;
  subtotal: string;
  vatAmount: string;
  total: string;
}

interface FiguresRow {
  priced: boolean;
  sim_count: string;
  data_mb: string;
  sms_count: string;
  fee_per_sim: string;
  price_per_mb: string;
  price_per_sms: string;
  sim_amount: string;
  data_amount: string;
  sms_amount: string;
  subtotal: string;
  vat_amount: string;
  total: string;
}

/**
 * The invoice arithmetic of one Workspace and month, entirely in PostgreSQL numeric:
 * - SIM fee: SIMs ACTIVATED at any time in the month (activation history) x the monthly fee;
 * - data: (bytes up + down) / 10^6 MB x the price per MB; SMS: (sent + received) x the price per SMS;
 * - each line rounded to the currency's minor unit (half away from zero), subtotal = sum of the lines,
 *   VAT = subtotal x rate / 100 rounded the same way, total = subtotal + VAT.
 * Only multiplication and addition before each rounding, so nothing is rounded twice.
 * Prices: the latest price list effective on the month's first day, in the invoice currency.
 */
export async function computeFigures(
  db: Database,
  input: { workspaceId: string; month: string; currency: string; minorUnits: number; vatRate: string },
): Promise<InvoiceFigures> {
  const { workspaceId, month, currency, minorUnits: d, vatRate } = input;
  const end = nextMonth(month);
  const [row] = await queryRows<FiguresRow>(
    db,
    sql`WITH pl AS (
        SELECT fee_per_sim, price_per_mb, price_per_sms FROM price_lists
         WHERE workspace_id = ${workspaceId}::uuid AND currency = ${currency} AND effective_month <= ${month}::date
         ORDER BY effective_month DESC LIMIT 1
      ),
      prices AS (
        SELECT EXISTS (SELECT 1 FROM pl) AS priced,
               coalesce((SELECT fee_per_sim FROM pl), 0) AS fee,
               coalesce((SELECT price_per_mb FROM pl), 0) AS per_mb,
               coalesce((SELECT price_per_sms FROM pl), 0) AS per_sms
      ),
      activated AS (
        SELECT count(DISTINCT sim_id)::numeric AS n FROM sim_activation_periods
         WHERE workspace_id = ${workspaceId}::uuid
           AND started_at < (${end}::date::timestamp AT TIME ZONE 'UTC')
           AND (ended_at IS NULL OR ended_at > (${month}::date::timestamp AT TIME ZONE 'UTC'))
      ),
      used AS (
        SELECT coalesce(sum(bytes_up + bytes_down), 0)::numeric * 0.000001 AS mb,
               coalesce(sum(sms_sent + sms_received), 0)::numeric AS sms
          FROM workspace_daily_usage
         WHERE workspace_id = ${workspaceId}::uuid AND day >= ${month}::date AND day < ${end}::date
      ),
      lines AS (
        SELECT prices.priced, activated.n, used.mb, used.sms, prices.fee, prices.per_mb, prices.per_sms,
               round(activated.n * prices.fee, ${d}::int) AS sim_amount,
               round(used.mb * prices.per_mb, ${d}::int) AS data_amount,
               round(used.sms * prices.per_sms, ${d}::int) AS sms_amount
          FROM prices, activated, used
      ),
      totals AS (
        SELECT lines.*, sim_amount + data_amount + sms_amount AS subtotal,
               round((sim_amount + data_amount + sms_amount) * ${vatRate}::numeric * 0.01, ${d}::int) AS vat_amount
          FROM lines
      )
      SELECT priced, n::text AS sim_count, mb::text AS data_mb, sms::text AS sms_count,
             fee::text AS fee_per_sim, per_mb::text AS price_per_mb, per_sms::text AS price_per_sms,
             sim_amount::text, data_amount::text, sms_amount::text, subtotal::text, vat_amount::text,
             (subtotal + vat_amount)::text AS total
        FROM totals`,
  );
  if (!row) throw new Error('invoice figures query returned no row');
  return {
    priced: row.priced,
    simCount: row.sim_count,
    dataMb: row.data_mb,
    smsCount: row.sms_count,
    feePerSim: row.fee_per_sim,
    pricePerMb: row.price_per_mb,
    pricePerSms: row.price_per_sms,
    simAmount: row.sim_amount,
    dataAmount: row.data_amount,
    smsAmount: row.sms_amount,
    subtotal: row.subtotal,
    vatAmount: row.vat_amount,
    total: row.total,
  };
}

/** Issued invoices of one Workspace for the given months, with their lines in order. */
export async function loadIssued(
  db: Database,
  workspaceId: string,
  months: readonly string[],
): Promise<Map<string, { invoice: InvoiceRow; lines: InvoiceLineRow[] }>> {
  const found = new Map<string, { invoice: InvoiceRow; lines: InvoiceLineRow[] }>();
  if (!months.length) return found;
  const [rows, lines] = await Promise.all([
    db
      .select()
      .from(invoices)
      .where(and(eq(invoices.workspaceId, workspaceId), inArray(invoices.month, [...months]))),
    db
      .select()
      .from(invoiceLines)
      .where(and(eq(invoiceLines.workspaceId, workspaceId), inArray(invoiceLines.month, [...months])))
      .orderBy(asc(invoiceLines.month), asc(invoiceLines.position)),
  ]);
  for (const invoice of rows) found.set(invoice.month, { invoice, lines: [] });
  for (const line of lines) found.get(line.month)?.lines.push(line);
  return found;
}

/** Stores an issued invoice; false when one exists already for the month (a concurrent issue won). */
export async function insertIssued(
  db: Database,
  invoice: typeof invoices.$inferInsert,
  lines: Omit<typeof invoiceLines.$inferInsert, 'workspaceId' | 'month'>[],
): Promise<boolean> {
  const [stored] = await db.insert(invoices).values(invoice).onConflictDoNothing().returning({ month: invoices.month });
  if (!stored) return false;
  await db.insert(invoiceLines).values(lines.map((line) => ({ ...line, workspaceId: invoice.workspaceId, month: invoice.month })));
  return true;
}

/** Workspaces that existed by the end of `month` and have no issued invoice for it, oldest first. */
export async function workspacesWithoutInvoice(db: Database, month: string): Promise<{ id: string }[]> {
  return queryRows<{ id: string }>(
    db,
    sql`SELECT w.id::text AS id FROM workspaces w
         WHERE w.created_at < (${nextMonth(month)}::date::timestamp AT TIME ZONE 'UTC')
           AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.workspace_id = w.id AND i.month = ${month}::date)
         ORDER BY w.created_at, w.id`,
  );
}

/** The price list in force for a month (latest effective on its first day), in any currency. */
export async function priceListInForce(db: Database, workspaceId: string, month: string): Promise<PriceListRow | null> {
  const [row] = await db
    .select()
    .from(priceLists)
    .where(and(eq(priceLists.workspaceId, workspaceId), lte(priceLists.effectiveMonth, month)))
    .orderBy(desc(priceLists.effectiveMonth))
    .limit(1);
  return row ?? null;
}

/** Every price list of a Workspace, newest effective month first. */
export async function priceListHistory(db: Database, workspaceId: string): Promise<PriceListRow[]> {
  return db.select().from(priceLists).where(eq(priceLists.workspaceId, workspaceId)).orderBy(desc(priceLists.effectiveMonth));
}

export type NewPriceList = typeof priceLists.$inferInsert;

/** Stores a Workspace's price list from a month on, replacing one set for the same month. */
export async function upsertPriceList(db: Database, row: NewPriceList): Promise<PriceListRow | undefined> {
  const [stored] = await db
    .insert(priceLists)
    .values(row)
    .onConflictDoUpdate({
      target: [priceLists.workspaceId, priceLists.effectiveMonth],
      set: {
        currency: row.currency,
        feePerSim: row.feePerSim,
        pricePerMb: row.pricePerMb,
        pricePerSms: row.pricePerSms,
        setBy: row.setBy,
        setAt: row.setAt,
      },
    })
    .returning();
  return stored;
}

// --- organizations' billing terms -------------------------------------------------------------------

/** The billing fields an organization update may change. */
export type OrganizationBillingChanges = Partial<
  Pick<OrganizationRow, 'currency' | 'vatRate' | 'vatNumber' | 'billingEmail' | 'package' | 'paymentType'>
>;

export async function updateOrganizationRow(
  db: Database,
  organizationId: string,
  changes: OrganizationBillingChanges,
): Promise<OrganizationRow | undefined> {
  const [row] = await db.update(organizations).set(changes).where(eq(organizations.id, organizationId)).returning();
  return row;
}

/** How many Workspaces an organization links (as their main organization). */
export async function countLinkedWorkspaces(db: Database, organizationId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(workspaceLinks).where(eq(workspaceLinks.mainOrganizationId, organizationId));
  return row?.n ?? 0;
}
