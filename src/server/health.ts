import type { DatabaseHandle } from '../db/client';
import type { Logger } from './log';
import { checkReadiness } from './readiness';

/*
 * The answers of GET /api/health and GET /api/ready, for load balancers and orchestrators. Neither needs
 * credentials, neither runs through the request pipeline (no rate limit, no transaction), and neither
 * is ever cached.
 */

const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/** Liveness: the process answers HTTP. Never touches the database (a slow database is no reason to restart). */
export function healthResponse(): Response {
  return new Response(JSON.stringify({ status: 'ok' }), { status: 200, headers: HEADERS });
}

/** Readiness: 200 once the database answers and every migration is applied, 503 with the reason otherwise. */
export async function readyResponse(database: DatabaseHandle, log: Logger): Promise<Response> {
  const readiness = await checkReadiness(database, log);
  return readiness.ready
    ? new Response(JSON.stringify({ status: 'ready' }), { status: 200, headers: HEADERS })
    : notReady(readiness.reason);
}

export function notReady(reason: string): Response {
  return new Response(JSON.stringify({ status: 'unavailable', reason }), { status: 503, headers: HEADERS });
}
