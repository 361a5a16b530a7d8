import type { SQL } from 'drizzle-orm';
import type { Database } from './schema-types';

/** Runs raw SQL and returns its rows; both drivers put them in `.rows`. */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}
