import { requireViewer } from '../../auth/guard';
import { badInput, notFound } from '../../errors';
import { runPipeline } from '../../server/pipeline';
import type { Runtime } from '../../server/runtime';
import { streamText } from '../../server/stream';
import type { Limits } from '../limits/limits';
import type { InvoiceModel } from './model';
import { monthLabel } from './months';
import { invoiceCsv, invoiceHtml } from './render';
import { getInvoice } from './verbs/invoices';

export type InvoiceFormat = 'csv' | 'html';

/**
 * GET /api/invoices/<workspaceId>/<YYYY-MM>?format=csv|html (default html): one invoice as a CSV
 * download or a printable page. The Workspace is in the URL so a plain link works from the browser
 * (the session cookie then acts in that Workspace); a Bearer token must be bound to that Workspace.
 * Same rules as the `invoice` query: Administrator or SuperAdmin (403 FORBIDDEN otherwise), another
 * Workspace or a month outside the Workspace's life 404 NOT_FOUND.
 */
export async function handleInvoiceDocument(
  request: Request,
  runtime: Runtime,
  params: { workspaceId: string; month: string },
  options: { limits?: Limits } = {},
): Promise<Response> {
  const format = new URL(request.url).searchParams.get('format') ?? 'html';
  const pipeline = { transport: 'route', workspaceId: params.workspaceId, limits: options.limits } as const;
  return runPipeline(request, runtime, pipeline, async (ctx) => {
    const viewer = requireViewer(ctx);
    // A token bound to another Workspace: the invoice is not there for it (same answer as absent).
    if (viewer.active?.workspace.id !== params.workspaceId) throw notFound('Workspace', 'workspaceId');
    if (format !== 'csv' && format !== 'html') throw badInput('format', 'Format must be csv or html.');
    const invoice = await getInvoice({ ctx, input: { month: params.month } });
    return { response: invoiceResponse(invoice, viewer.active.workspace.name, format), commit: true };
  });
}

/** The document, produced as the client reads it from the invoice already loaded. */
function invoiceResponse(invoice: InvoiceModel, workspaceName: string, format: InvoiceFormat): Response {
  const name = `invoice-${invoice.number ?? `preview-${monthLabel(invoice.month)}`}`;
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (format === 'csv') {
    headers['content-type'] = 'text/csv; charset=utf-8';
    headers['content-disposition'] = `attachment; filename="${name}.csv"`;
    return new Response(streamText(invoiceCsv(invoice, workspaceName)), { status: 200, headers });
  }
  headers['content-type'] = 'text/html; charset=utf-8';
  headers['content-security-policy'] = "default-src 'none'; style-src 'unsafe-inline'";
  return new Response(streamText(invoiceHtml(invoice, workspaceName)), { status: 200, headers });
}
