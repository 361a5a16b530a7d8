import { and, count, eq, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { PageQuery, SortOrder } from '../../db/paging';
import { type ApplicationTokenRow, applicationTokens } from '../../db/schema';
import type { Database } from '../../db/schema-types';

/*
 * Every read and write of the application_tokens table (a tenant table: each function takes the
 * Workspace), except the lookup by secret, which finds the Workspace from the token itself.
 */

export type NewApplicationToken = Omit<typeof applicationTokens.$inferInsert, 'workspaceId'>;

/** The token with this secret hash, in whatever Workspace (credentials are checked before any scope applies). */
export async function findTokenBySecretHash(db: Database, secretHash: string): Promise<ApplicationTokenRow | null> {
  const [row] = await db.select().from(applicationTokens).where(eq(applicationTokens.secretHash, secretHash));
  return row ?? null;
}

export async function findToken(db: Database, workspaceId: string, id: string): Promise<ApplicationTokenRow | null> {
  const [row] = await db
    .select()
    .from(applicationTokens)
    .where(and(eq(applicationTokens.workspaceId, workspaceId), eq(applicationTokens.id, id)));
  return row ?? null;
}

export async function insertToken(db: Database, workspaceId: string, values: NewApplicationToken): Promise<ApplicationTokenRow> {
  const [row] = await db
    .insert(applicationTokens)
    .values({ ...values, workspaceId })
    .returning();
  if (!row) throw new Error('insert returned no token');
  return row;
}

/** Marks a token revoked by `userId` now; null when it is gone. */
export async function revokeToken(db: Database, workspaceId: string, id: string, userId: string): Promise<ApplicationTokenRow | null> {
  const [row] = await db
    .update(applicationTokens)
    .set({ revokedAt: new Date(), revokedBy: userId })
    .where(and(eq(applicationTokens.workspaceId, workspaceId), eq(applicationTokens.id, id)))
    .returning();
  return row ?? null;
}

/**
 * Sets "last used" to now unless it was set within `resolutionMs` (the WHERE clause makes the check
 * hold across server instances).
 */
export async function touchTokenLastUsed(db: Database, workspaceId: string, id: string, resolutionMs: number): Promise<void> {
  await db
    .update(applicationTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(applicationTokens.workspaceId, workspaceId),
        eq(applicationTokens.id, id),
        or(
          isNull(applicationTokens.lastUsedAt),
          lt(applicationTokens.lastUsedAt, sql`now() - make_interval(secs => ${resolutionMs / 1000})`),
        ),
      ),
    );
}

// ---- the applicationTokens list --------------------------------------------------------------------

/** Which tokens of the Workspace a list shows. */
export interface TokenScope {
  workspaceId: string;
  /** Only this user's tokens (null: everyone's). */
  createdBy: string | null;
  includeRevoked: boolean;
}

/** Newest first; created_at has millisecond precision, so a JavaScript date holds it exactly. */
export const TOKENS_ORDER: SortOrder<ApplicationTokenRow> = {
  name: 'applicationTokens:NEWEST',
  descending: true,
  keys: [
    { column: applicationTokens.createdAt, type: 'timestamp', of: (row) => row.createdAt.toISOString() },
    { column: applicationTokens.id, type: 'uuid', of: (row) => row.id },
  ],
};

function scopeCondition(scope: TokenScope): SQL | undefined {
  return and(
    eq(applicationTokens.workspaceId, scope.workspaceId),
    scope.createdBy ? eq(applicationTokens.createdBy, scope.createdBy) : undefined,
    scope.includeRevoked ? undefined : isNull(applicationTokens.revokedAt),
  );
}

export async function pageTokens(db: Database, scope: TokenScope, page: PageQuery): Promise<ApplicationTokenRow[]> {
  return db
    .select()
    .from(applicationTokens)
    .where(and(scopeCondition(scope), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
}

export async function countTokens(db: Database, scope: TokenScope): Promise<number> {
  const [row] = await db.select({ n: count() }).from(applicationTokens).where(scopeCondition(scope));
  return row?.n ?? 0;
}
