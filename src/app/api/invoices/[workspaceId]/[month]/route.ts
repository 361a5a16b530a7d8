import { handleInvoiceDocument } from '@/features/billing/documents';
import { getRuntime } from '@/server/runtime';

export const dynamic = 'force-dynamic';

/** One invoice as CSV (?format=csv) or a printable HTML page (default), src/features/billing/documents.ts. */
export async function GET(request: Request, { params }: { params: Promise<{ workspaceId: string; month: string }> }): Promise<Response> {
  return handleInvoiceDocument(request, await getRuntime(), await params);
}
