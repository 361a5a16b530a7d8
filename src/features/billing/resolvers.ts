import { actsAsOperator } from '../../auth/policy';
import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { statsWorkspace } from '../reports/workspace';
import { minorUnits, trimDecimal } from './money';
import { currentMonth, lastDayOf, monthLabel } from './months';
import { priceListHistory, priceListInForce } from './queries';
import { getInvoice, issueInvoices, listInvoices } from './verbs/invoices';
import { setPriceList } from './verbs/prices';
import { billingProfile, updateBillingProfile, updateOrganizationBilling } from './verbs/profile';

const money = (amount: string, currency: string) => ({ amount, currency });
/** Unit prices keep their precision, with at least the currency's minor-unit digits. */
const price = (amount: string, currency: string) => money(trimDecimal(amount, minorUnits(currency)), currency);

export const billingResolvers: Resolvers = {
  Query: {
    billingProfile: (_, __, ctx) => billingProfile({ ctx }),
    invoices: (_, input, ctx) => listInvoices({ ctx, input }),
    invoice: (_, input, ctx) => getInvoice({ ctx, input }),
  },
  Mutation: {
    updateBillingProfile: (_, { input }, ctx) => updateBillingProfile({ ctx, input }),
    updateOrganizationBilling: (_, input, ctx) => updateOrganizationBilling({ ctx, input }),
    setPriceList: (_, input, ctx) => setPriceList({ ctx, input }),
    issueInvoices: (_, input, ctx) => issueInvoices({ ctx, input }),
  },
  BillingProfile: {
    organization: (p) => p.organization,
    currency: (p) => p.organization.currency,
    vatRate: (p) => p.organization.vatRate,
    vatNumber: (p) => p.organization.vatNumber,
    billingEmail: (p) => p.organization.billingEmail,
    paymentType: (p) => p.organization.paymentType,
    package: (p) => p.organization.package,
    priceList: (p, _, ctx) => priceListInForce(ctx.db, p.workspaceId, currentMonth()),
    priceLists: (p, _, ctx) => priceListHistory(ctx.db, p.workspaceId),
  },
  Workspace: {
    // Operators only (null for anyone else who reaches a Workspace): the ops console's billing view.
    priceLists: (w, _, ctx) => (actsAsOperator(ctx.viewer) ? priceListHistory(ctx.db, w.id) : null),
  },
  PriceList: {
    workspace: (p, _, ctx) => statsWorkspace(ctx, p.workspaceId),
    effectiveMonth: (p) => monthLabel(p.effectiveMonth),
    feePerActivatedSim: (p) => price(p.feePerSim, p.currency),
    pricePerMb: (p) => price(p.pricePerMb, p.currency),
    pricePerSms: (p) => price(p.pricePerSms, p.currency),
  },
  Invoice: {
    workspace: (i, _, ctx) => statsWorkspace(ctx, i.workspaceId),
    month: (i) => monthLabel(i.month),
    periodStart: (i) => i.month,
    periodEnd: (i) => lastDayOf(i.month),
    subtotal: (i) => money(i.subtotal, i.currency),
    vat: (i) => money(i.vatAmount, i.currency),
    total: (i) => money(i.total, i.currency),
    billTo: (i) => ({
      name: i.billTo.name,
      vatNumber: i.billTo.vatNumber,
      billingEmail: i.billTo.email,
      paymentType: i.billTo.paymentType,
    }),
  },
  InvoiceLine: {
    unitPrice: (l) => money(l.unitPrice, l.currency),
    amount: (l) => money(l.amount, l.currency),
  },
};
