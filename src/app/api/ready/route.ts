import { notReady, readyResponse } from '@/server/health';
import { processLogger } from '@/server/log';
import { getRuntime } from '@/server/runtime';

export const dynamic = 'force-dynamic';

/** Readiness for load balancers: database reachable and migrated, else 503 with a reason (src/server/health.ts). */
export async function GET(): Promise<Response> {
  const runtime = await getRuntime().catch((error: unknown) => {
    processLogger().warn({ component: 'ready', err: error }, 'not ready: the server did not start');
    return null;
  });
  return runtime ? readyResponse(runtime.database, runtime.log) : notReady('not started');
}
