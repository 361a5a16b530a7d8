import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { applicationTokens } from '../../db/schema';
import type { Database } from '../../db/schema-types';

/** "Last used" is kept to the minute: at most one write per token per minute, not one per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;
const recentlyTouched = new Map<string, number>();

/**
 * Records a use of the token in the request's transaction, unless this process or another one did
 * within the last minute (the WHERE clause makes the check hold across instances).
 */
export async function touchToken(db: Database, tokenId: string, now = Date.now()): Promise<void> {
  const last = recentlyTouched.get(tokenId);
  if (last !== undefined && now - last < LAST_USED_RESOLUTION_MS) return;
  recentlyTouched.set(tokenId, now);
  if (recentlyTouched.size > 10_000) recentlyTouched.clear(); // bounded memory; worst case one extra write per token
  await db
    .update(applicationTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(applicationTokens.id, tokenId),
        or(
          isNull(applicationTokens.lastUsedAt),
          lt(applicationTokens.lastUsedAt, sql`now() - make_interval(secs => ${LAST_USED_RESOLUTION_MS / 1000})`),
        ),
      ),
    );
}
