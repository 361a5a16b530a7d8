import { requireOperator, requireRole } from '../../../auth/guard';
import { type Connection, type PageArgs, paginate, type SortOrder } from '../../../db/paging';
import type { OrganizationRow, WorkspaceRow } from '../../../db/schema';
import { badInput, notFound } from '../../../errors';
import type { ServiceContext, Verb } from '../../../server/context';
import { recordAudit } from '../../audit/record';
import { figureLines, type InvoiceModel, issuedModel, previewModel } from '../model';
import { minorUnits } from '../money';
import { currentMonth, monthLabel, monthOf, monthsDescending, validMonth } from '../months';
import { computeFigures, insertIssued, loadIssued, workspacesWithoutInvoice } from '../queries';

/*
 * Monthly invoices per Workspace. The current month (UTC) is a PREVIEW computed live on every read.
 * Every earlier month, from the Workspace's creation month on, is ISSUED: stored with its figures,
 * prices and billing details on first access after the month ended (or by ops' issueInvoices), and
 * never changed afterwards (a database trigger refuses updates), whatever usage arrives later.
 */

type WorkspaceRef = Pick<WorkspaceRow, 'id' | 'organizationId' | 'createdAt'>;

/** One invoice of the active Workspace. Administrator or SuperAdmin; a month outside its life is NOT_FOUND. */
export const getInvoice: Verb<{ month: string }, InvoiceModel> = async ({ ctx, input }) => {
  const { active } = requireRole(ctx, 'billing:read');
  const month = validMonth('month', input.month);
  const workspace = active.workspace;
  if (month > currentMonth() || month < monthOf(workspace.createdAt)) throw notFound('Invoice', 'month');
  const [invoice] = await invoicesFor(ctx, workspace, [month]);
  if (!invoice) throw notFound('Invoice', 'month');
  return invoice;
};

/** Invoices are months (YYYY-MM-01), newest first; the list is computed in memory, so the key has no column. */
const INVOICE_ORDER: SortOrder<string> = {
  name: 'invoices:MONTH_DESC',
  descending: true,
  keys: [{ type: 'date', of: (month) => month }],
};

/**
 * The active Workspace's invoices, newest month first (the current month's preview first). The months
 * are paged first and only the page's invoices computed (issuing what is due), never the one extra
 * month the paginator looks at to tell whether another page follows.
 */
export const listInvoices: Verb<PageArgs, Connection<InvoiceModel>> = async ({ ctx, input }) => {
  const { active } = requireRole(ctx, 'billing:read');
  const all = monthsDescending(currentMonth(), monthOf(active.workspace.createdAt));
  const months = await paginate({
    ctx,
    order: INVOICE_ORDER,
    page: input,
    rows: async ({ after, limit }) => {
      const last = after?.[0];
      const start = last === undefined ? 0 : all.findIndex((m) => m < String(last));
      return start < 0 ? [] : all.slice(start, start + limit);
    },
    count: async () => all.length,
  });
  const models = await invoicesFor(
    ctx,
    active.workspace,
    months.edges.map((edge) => edge.node),
  );
  return { ...months, edges: months.edges.map((edge, i) => ({ cursor: edge.cursor, node: models[i] as InvoiceModel })) };
};

/** Operators only: issues the invoices of `month` (a past month) for every Workspace lacking one. Returns how many. */
export const issueInvoices: Verb<{ month: string }, number> = async ({ ctx, input }) => {
  requireOperator(ctx);
  const month = validMonth('month', input.month);
  if (month >= currentMonth()) throw badInput('month', 'Only a month that has ended can be issued; the current month is a preview.');
  let issued = 0;
  for (const { id } of await workspacesWithoutInvoice(ctx.db, month)) {
    const workspace = await ctx.loaders.workspace.load(id);
    if (workspace && (await issueInvoice(ctx, workspace, month))) issued++;
  }
  return issued;
};

/** The invoices of `months` (of one Workspace, all within its life): previews and issued ones, issuing what is due. */
async function invoicesFor(ctx: ServiceContext, workspace: WorkspaceRef, months: readonly string[]): Promise<InvoiceModel[]> {
  const current = currentMonth();
  const past = months.filter((m) => m < current);
  const issued = await loadIssued(ctx.db, workspace.id, past);
  const missing = past.filter((m) => !issued.has(m)).sort();
  if (missing.length) {
    for (const month of missing) await issueInvoice(ctx, workspace, month);
    for (const [month, entry] of await loadIssued(ctx.db, workspace.id, missing)) issued.set(month, entry);
  }
  const models: InvoiceModel[] = [];
  for (const month of months) {
    if (month >= current) {
      models.push(await previewInvoice(ctx, workspace, month));
      continue;
    }
    const entry = issued.get(month);
    if (!entry) throw new Error(`invoice ${workspace.id}/${month} was not issued`);
    models.push(issuedModel(entry.invoice, entry.lines));
  }
  return models;
}

async function previewInvoice(ctx: ServiceContext, workspace: WorkspaceRef, month: string): Promise<InvoiceModel> {
  const organization = await organizationOf(ctx, workspace);
  const currency = organization.currency;
  const d = minorUnits(currency);
  const figures = await computeFigures(ctx.db, {
    workspaceId: workspace.id,
    month,
    currency,
    minorUnits: d,
    vatRate: organization.vatRate,
  });
  return previewModel({ workspaceId: workspace.id, month, currency, minorUnits: d, organization, figures });
}

/**
 * Computes and stores one month's invoice with the organization's currency, VAT rate and billing
 * details as they are now. False when it existed already (a concurrent request issued it first).
 */
async function issueInvoice(ctx: ServiceContext, workspace: WorkspaceRef, month: string): Promise<boolean> {
  const organization = await organizationOf(ctx, workspace);
  const currency = organization.currency;
  const d = minorUnits(currency);
  const figures = await computeFigures(ctx.db, {
    workspaceId: workspace.id,
    month,
    currency,
    minorUnits: d,
    vatRate: organization.vatRate,
  });
  const stored = await insertIssued(
    ctx.db,
    {
      workspaceId: workspace.id,
      month,
      organizationId: organization.id,
      currency,
      minorUnits: d,
      vatRate: organization.vatRate,
      subtotal: figures.subtotal,
      vatAmount: figures.vatAmount,
      total: figures.total,
      billToName: organization.name,
      billToVatNumber: organization.vatNumber,
      billToEmail: organization.billingEmail,
      paymentType: organization.paymentType,
    },
    figureLines(figures),
  );
  if (stored) {
    await recordAudit(ctx, {
      workspaceId: workspace.id,
      action: 'invoice.issued',
      targetType: 'invoice',
      targetId: `${workspace.id}:${monthLabel(month)}`,
      after: { month: monthLabel(month), currency, subtotal: figures.subtotal, vatAmount: figures.vatAmount, total: figures.total },
    });
  }
  return stored;
}

async function organizationOf(ctx: ServiceContext, workspace: WorkspaceRef): Promise<OrganizationRow> {
  const organization = await ctx.loaders.organization.load(workspace.organizationId);
  if (!organization) throw new Error(`Workspace ${workspace.id} has no organization`);
  return organization;
}
