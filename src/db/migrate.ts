import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { DatabaseHandle } from './client';
import { ensureRuntimeRole } from './runtime-role';
import type * as schema from './schema';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle');
/** Arbitrary constant key: every instance of this app serializes its migrations on it. */
const MIGRATION_LOCK_KEY = 774_201_001;

/**
 * Applies the committed migrations, then makes sure the runtime role exists and has its grants.
 * Serialized with an advisory lock so two instances starting together are safe.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.withConnection(async (db) => {
    await db.execute(sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      if (handle.kind === 'pglite') {
        await migratePglite(db as unknown as PgliteDatabase<typeof schema>, { migrationsFolder: MIGRATIONS_FOLDER });
      } else {
        await migratePg(db as unknown as NodePgDatabase<typeof schema>, { migrationsFolder: MIGRATIONS_FOLDER });
      }
      await ensureRuntimeRole(db);
    } finally {
      await db.execute(sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}
