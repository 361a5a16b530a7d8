import { and, asc, count, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { PageQuery, SortOrder } from '../../db/paging';
import { type OrganizationRow, organizations, type UserRow, users } from '../../db/schema';
import type { Database } from '../../db/schema-types';

/*
 * The organizations table as platform operations manage it (the billing profile's fields are
 * written by src/features/billing). Organizations are platform data, not tenant data.
 */

export type NewOrganization = typeof organizations.$inferInsert;

/** Every organization, by name (the ops console's list). */
export async function listOrganizationRows(db: Database): Promise<OrganizationRow[]> {
  return db.select().from(organizations).orderBy(asc(organizations.name));
}

/** The organizations with these ids (the organization loader's batch). */
export async function findOrganizationsByIds(db: Database, ids: readonly string[]): Promise<OrganizationRow[]> {
  return db
    .select()
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
}

/** Reads an organization FOR UPDATE, so changes to one main organization serialize on it. */
export async function lockOrganizationRow(db: Database, id: string): Promise<OrganizationRow | null> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id)).for('update');
  return row ?? null;
}

export async function insertOrganization(db: Database, values: NewOrganization): Promise<OrganizationRow> {
  const [row] = await db.insert(organizations).values(values).returning();
  if (!row) throw new Error('insert returned no organization');
  return row;
}

/** Changes what ops manage of an organization; null when it is gone. */
export async function updateOrganization(
  db: Database,
  id: string,
  set: Partial<Pick<OrganizationRow, 'workspaceLimit' | 'superAdminUserId'>>,
): Promise<OrganizationRow | null> {
  const [row] = await db.update(organizations).set(set).where(eq(organizations.id, id)).returning();
  return row ?? null;
}

/** By email (unique, so the id only settles what the collation might call equal). */
export const USERS_ORDER: SortOrder<UserRow> = {
  name: 'users:EMAIL',
  descending: false,
  keys: [
    { column: users.email, type: 'text', of: (row) => row.email },
    { column: users.id, type: 'uuid', of: (row) => row.id },
  ],
};

/** Users whose email or name contains `search` in any letter case; every user for an empty one. */
export function userSearchCondition(search: string): SQL | undefined {
  if (!search) return undefined;
  // LIKE's wildcards and its escape character are matched literally: a search for "a_b" is not a pattern.
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return or(ilike(users.email, pattern), ilike(users.name, pattern));
}

export async function pageUsers(db: Database, scope: SQL | undefined, page: PageQuery): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(scope, page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
}

export async function countUsers(db: Database, scope: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(scope);
  return row?.n ?? 0;
}
