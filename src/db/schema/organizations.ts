import { sql } from 'drizzle-orm';
import { check, integer, numeric, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { packageEnum } from './enums';
import { users } from './users';

/** How an organization pays its invoices (billing profile; set by ops). */
export const paymentTypeEnum = pgEnum('payment_type', ['BANK_TRANSFER', 'DIRECT_DEBIT', 'CREDIT_CARD']);

/** The billable entity: contract, currency, tax, package. A main organization also links Workspaces. */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    currency: text('currency').notNull(),
    package: packageEnum('package').notNull().default('STANDARD'),
    workspaceLimit: integer('workspace_limit').notNull().default(3),
    superAdminUserId: uuid('super_admin_user_id').references(() => users.id),
    vatRate: numeric('vat_rate', { precision: 5, scale: 2 }).notNull().default('0'),
    vatNumber: text('vat_number'),
    billingEmail: text('billing_email'),
    paymentType: paymentTypeEnum('payment_type').notNull().default('BANK_TRANSFER'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('organizations_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('organizations_limit_positive', sql`${t.workspaceLimit} >= 0`),
    check('organizations_vat_rate_range', sql`${t.vatRate} >= 0 and ${t.vatRate} <= 100`),
  ],
);

export type OrganizationRow = typeof organizations.$inferSelect;
