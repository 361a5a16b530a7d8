import { asc, eq, inArray } from 'drizzle-orm';
import { type OrganizationRow, organizations } from '../../db/schema';
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
