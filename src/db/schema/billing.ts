import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgEnum,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations, paymentTypeEnum } from './organizations';
import { tenantTable } from './tenant';
import { users } from './users';
import { workspaces } from './workspaces';

/*
 * Billing per Workspace: the price list ops set, the SIM activation history a monthly fee is charged
 * from, and issued invoices (immutable). Every table is tenant data led by `workspace_id`, behind the
 * `tenantTable` policy (./tenant.ts); the triggers (activation history, immutability) are in the
 * billing_row_level_security migration. Money is numeric everywhere: never a float.
 */

/**
 * Prices of one Workspace, in its organization's currency, from `effective_month` (the first day of a
 * month) on. A month is billed with the latest price list effective on its first day whose currency is
 * the organization's currency then; ops add a new row to change prices from a month on.
 */
export const priceLists = tenantTable(
  'price_lists',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    effectiveMonth: date('effective_month', { mode: 'string' }).notNull(),
    currency: text('currency').notNull(),
    /** Monthly fee per SIM that was ACTIVATED at any time in the month. */
    feePerSim: numeric('fee_per_sim', { precision: 14, scale: 4 }).notNull(),
    /** Per megabyte (10^6 bytes) of data, up plus down. */
    pricePerMb: numeric('price_per_mb', { precision: 14, scale: 6 }).notNull(),
    /** Per SMS, sent or received. */
    pricePerSms: numeric('price_per_sms', { precision: 14, scale: 4 }).notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
    setBy: uuid('set_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.effectiveMonth] }),
    check('price_lists_month_start', sql`extract(day from ${t.effectiveMonth}) = 1`),
    check('price_lists_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('price_lists_non_negative', sql`${t.feePerSim} >= 0 and ${t.pricePerMb} >= 0 and ${t.pricePerSms} >= 0`),
  ],
);

/**
 * When each SIM was ACTIVATED: one row per period, open (ended_at null) while it lasts. Maintained by
 * a trigger on `sims` (status changes, inserts, deletes), never by application code. Not keyed to the
 * SIM row, so the history outlives a deleted SIM.
 */
export const simActivationPeriods = tenantTable(
  'sim_activation_periods',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    simId: uuid('sim_id').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.simId, t.startedAt] }),
    index('sim_activation_periods_workspace_started_idx').on(t.workspaceId, t.startedAt),
    check('sim_activation_periods_order', sql`${t.endedAt} is null or ${t.endedAt} >= ${t.startedAt}`),
  ],
);

export const invoiceLineKindEnum = pgEnum('invoice_line_kind', ['SIM_FEE', 'DATA', 'SMS']);

/**
 * An issued monthly invoice of one Workspace: a snapshot of the figures, prices and the organization's
 * billing details when it was issued. Immutable (a trigger refuses UPDATE and DELETE).
 */
export const invoices = tenantTable(
  'invoices',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    /** The first day of the billed month (UTC). */
    month: date('month', { mode: 'string' }).notNull(),
    /** Global issue order: the invoice number is derived from it (INV-YYYYMM-000123). */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    currency: text('currency').notNull(),
    /** Digits after the decimal point of the currency's minor unit (EUR 2, JPY 0, BHD 3). */
    minorUnits: integer('minor_units').notNull(),
    vatRate: numeric('vat_rate', { precision: 5, scale: 2 }).notNull(),
    subtotal: numeric('subtotal', { precision: 18, scale: 4 }).notNull(),
    vatAmount: numeric('vat_amount', { precision: 18, scale: 4 }).notNull(),
    total: numeric('total', { precision: 18, scale: 4 }).notNull(),
    billToName: text('bill_to_name').notNull(),
    billToVatNumber: text('bill_to_vat_number'),
    billToEmail: text('bill_to_email'),
    paymentType: paymentTypeEnum('payment_type').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.month] }),
    uniqueIndex('invoices_seq_key').on(t.seq),
    check('invoices_month_start', sql`extract(day from ${t.month}) = 1`),
    check('invoices_total', sql`${t.total} = ${t.subtotal} + ${t.vatAmount}`),
  ],
);

/** The lines of an issued invoice, in order. Immutable like the invoice. */
export const invoiceLines = tenantTable(
  'invoice_lines',
  {
    workspaceId: uuid('workspace_id').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    position: integer('position').notNull(),
    kind: invoiceLineKindEnum('kind').notNull(),
    description: text('description').notNull(),
    quantity: numeric('quantity', { precision: 24, scale: 6 }).notNull(),
    unit: text('unit').notNull(),
    unitPrice: numeric('unit_price', { precision: 14, scale: 6 }).notNull(),
    amount: numeric('amount', { precision: 18, scale: 4 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.month, t.position] }),
    foreignKey({
      name: 'invoice_lines_invoice_fk',
      columns: [t.workspaceId, t.month],
      foreignColumns: [invoices.workspaceId, invoices.month],
    }),
  ],
);

export type PriceListRow = typeof priceLists.$inferSelect;
export type SimActivationPeriodRow = typeof simActivationPeriods.$inferSelect;
export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
