import { handleDailyCsv } from '@/features/reports/csv';
import { getRuntime } from '@/server/runtime';

export const dynamic = 'force-dynamic';

/** The centralized daily usage report as CSV (src/features/reports/csv.ts). */
export async function GET(request: Request): Promise<Response> {
  return handleDailyCsv(request, await getRuntime());
}
