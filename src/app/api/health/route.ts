import { healthResponse } from '@/server/health';

export const dynamic = 'force-dynamic';

/** Liveness for load balancers: 200 {"status":"ok"} while the process serves HTTP (src/server/health.ts). */
export function GET(): Response {
  return healthResponse();
}
