import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { DatabaseHandle } from '../db/client';
import { MIGRATIONS_FOLDER } from '../db/migrate';
import type { Logger } from './log';

/** Longer than this and the database counts as unreachable (a load balancer's probe must not hang). */
const PROBE_TIMEOUT_MS = 3000;

export type Readiness = { ready: true } | { ready: false; reason: string };

/** The committed migrations (drizzle/meta/_journal.json), read once: they do not change while running. */
let expected: readonly number[] | null = null;
const committedMigrations = () => {
  expected ??= readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => m.folderMillis);
  return expected;
};

/**
 * Ready when the database answers a trivial query and every committed migration is recorded as
 * applied in drizzle's own table (drizzle.__drizzle_migrations, created_at = the journal's `when`).
 * The reasons say what is wrong in a few words, never how (no connection strings, no driver errors).
 */
export async function checkReadiness(database: DatabaseHandle, log: Logger): Promise<Readiness> {
  try {
    await withTimeout(database.db.execute(sql`SELECT 1`));
  } catch (error) {
    log.warn({ component: 'ready', err: error }, 'not ready: the database is unreachable');
    return { ready: false, reason: 'database unreachable' };
  }
  let applied: Set<number>;
  try {
    const rows = await withTimeout(database.db.execute(sql`SELECT created_at FROM drizzle.__drizzle_migrations`));
    applied = new Set(rowsOf(rows).map((row) => Number(row.created_at)));
  } catch (error) {
    log.warn({ component: 'ready', err: error }, 'not ready: no migration has been applied');
    return { ready: false, reason: 'migrations not applied' };
  }
  const pending = committedMigrations().filter((when) => !applied.has(when)).length;
  if (pending === 0) return { ready: true };
  log.warn({ component: 'ready', pending }, 'not ready: migrations pending');
  return { ready: false, reason: `${pending} migration${pending === 1 ? '' : 's'} not applied` };
}

/** pg answers { rows }, PGlite too; both give created_at (a bigint) as a string or number. */
function rowsOf(result: unknown): { created_at: unknown }[] {
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as { created_at: unknown }[]) : [];
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
