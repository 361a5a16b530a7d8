import { eq, inArray, sql } from 'drizzle-orm';
import { type UserRow, users } from '../../db/schema';
import type { Database } from '../../db/schema-types';
import { isUuid } from '../../errors';

/*
 * Every read and write of the users table. Users are global (one login for every Workspace), so
 * these take no Workspace; who may see whom is decided by the callers and row-level security.
 */

export type NewUser = typeof users.$inferInsert;

export async function findUserById(db: Database, id: string): Promise<UserRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

/** The users with these ids (the user loader's batch). */
export async function findUsersByIds(db: Database, ids: readonly string[]): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(inArray(users.id, [...ids]));
}

/** Emails are unique regardless of letter case. */
export async function findUserByEmail(db: Database, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row ?? null;
}

/** The invited user holding this activation key (by its hash), expired or not. */
export async function findUserByActivationKeyHash(db: Database, hash: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.activationKeyHash, hash));
  return row ?? null;
}

export async function insertUser(db: Database, values: NewUser): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('insert returned no user');
  return row;
}

/**
 * Creates an account unless one with this email exists (any letter case) by now: null then. Two
 * Workspaces inviting the same new email at once both get here; under READ COMMITTED the second insert
 * waits for the first to commit and then inserts nothing, instead of failing on the unique index.
 */
export async function insertUserUnlessTaken(db: Database, values: NewUser): Promise<UserRow | null> {
  const [row] = await db.insert(users).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Changes a user's own fields; null when the user is gone. */
export async function updateUser(
  db: Database,
  id: string,
  set: Partial<Pick<UserRow, 'name' | 'passwordHash' | 'isOperator' | 'defaultWorkspaceId' | 'activationKeyHash' | 'activationExpiresAt'>>,
): Promise<UserRow | null> {
  const [row] = await db.update(users).set(set).where(eq(users.id, id)).returning();
  return row ?? null;
}
