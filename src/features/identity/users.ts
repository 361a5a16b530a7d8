import { eq, sql } from 'drizzle-orm';
import { type UserRow, users } from '../../db/schema';
import type { Database } from '../../db/schema-types';
import { isUuid } from '../../errors';

export async function findUserById(db: Database, id: string): Promise<UserRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row ?? null;
}
