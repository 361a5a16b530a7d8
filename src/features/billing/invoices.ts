import { requireOperator, requireRole } from '../../auth/guard';
import type { OrganizationRow, WorkspaceRow } from '../../db/schema';
import { badInput, notFound } from '../../errors';
import { type Connection, decodeCursor, encodeCursor, pageSize } from '../../graphql/connection';
import type { ServiceContext } from '../../server/context';
import { recordAudit } from '../audit/record';
import { figureLines, type InvoiceModel, issuedModel, previewModel } from './model';
import { minorUnits } from './money';
import { currentMonth, monthLabel, monthOf, monthsDescending, validMonth } from './months';
import { computeFigures, insertIssued, loadIssued, workspacesWithoutInvoice } from './queries';

/*
 * Monthly invoices per Workspace. The current month (UTC) is a PREVIEW computed live on every read.
 * Every earlier month, from the Workspace's creation month on, is ISSUED: stored with its figures,
 * prices and billing details on first access after the month ended (or by ops' issueInvoices), and
 * never changed afterwards (a database trigger refuses updates), whatever usage arrives later.
 */

type WorkspaceRef = Pick<WorkspaceRow, 'id' | 'organizationId' | 'createdAt'>;

/** One invoice of the active Workspace. Administrator or SuperAdmin; a month outside its life is NOT_FOUND. */
export async function getInvoice({ ctx, input }: { ctx: ServiceContext; input: { month: string } }): Promise<InvoiceModel> {
  const { active } = requireRole(ctx, 'billing:read');
  const month = validMonth('month', input.month);
  const workspace = active.workspace;
  if (month > currentMonth() || month < monthOf(workspace.createdAt)) throw notFound('Invoice', 'month');
  const [invoice] = await invoicesFor(ctx, workspace, [month]);
  if (!invoice) throw notFound('Invoice', 'month');
  return invoice;
}

/** The active Workspace's invoices, newest month first (the current month's preview first). */
export async function listInvoices({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { first?: number | null; after?: string | null };
}): Promise<Connection<InvoiceModel>> {
  const { active } = requireRole(ctx, 'billing:read');
  const size = pageSize(input.first);
  const cursor = decodeCursor(input.after, 1);
  const all = monthsDescending(currentMonth(), monthOf(active.workspace.createdAt));
  let start = 0;
  if (cursor) {
    const after = String(cursor[0]);
    if (!/^\d{4}-\d{2}-01$/.test(after)) throw badInput('after', 'after is not a cursor from this list.');
    start = all.findIndex((m) => m < after);
    if (start < 0) start = all.length;
  }
  const months = all.slice(start, start + size);
  const models = await invoicesFor(ctx, active.workspace, months);
  const edges = models.map((node) => ({ cursor: encodeCursor([node.month]), node }));
  return { edges, pageInfo: { hasNextPage: start + size < all.length, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: all.length };
}

/** Operators only: issues the invoices of `month` (a past month) for every Workspace lacking one. Returns how many. */
export async function issueInvoices({ ctx, input }: { ctx: ServiceContext; input: { month: string } }): Promise<number> {
  requireOperator(ctx);
  const month = validMonth('month', input.month);
  if (month >= currentMonth()) throw badInput('month', 'Only a month that has ended can be issued; the current month is a preview.');
  let issued = 0;
  for (const { id } of await workspacesWithoutInvoice(ctx.db, month)) {
    const workspace = await ctx.loaders.workspace.load(id);
    if (workspace && (await issueInvoice(ctx, workspace, month))) issued++;
  }
  return issued;
}

/** The invoices of `months` (of one Workspace, all within its life): previews and issued ones, issuing what is due. */
export async function invoicesFor(ctx: ServiceContext, workspace: WorkspaceRef, months: readonly string[]): Promise<InvoiceModel[]> {
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
