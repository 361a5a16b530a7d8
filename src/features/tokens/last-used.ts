import type { Database } from '../../db/schema-types';
import { touchTokenLastUsed } from './queries';

/** "Last used" is kept to the minute: at most one write per token per minute, not one per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;
const recentlyTouched = new Map<string, number>();

/**
 * Records a use of the token in the request's transaction, unless this process or another one did
 * within the last minute (the query's condition makes the check hold across instances).
 */
export async function touchToken(db: Database, token: { workspaceId: string; id: string }, now = Date.now()): Promise<void> {
  const last = recentlyTouched.get(token.id);
  if (last !== undefined && now - last < LAST_USED_RESOLUTION_MS) return;
  recentlyTouched.set(token.id, now);
  if (recentlyTouched.size > 10_000) recentlyTouched.clear(); // bounded memory; worst case one extra write per token
  await touchTokenLastUsed(db, token.workspaceId, token.id, LAST_USED_RESOLUTION_MS);
}
