import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Logger } from 'drizzle-orm/logger';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { Pool } from 'pg';
import * as schema from './schema';
import type { Database } from './schema-types';
import { SerialClient } from './serial-client';

export type DatabaseKind = 'pglite' | 'postgres';

/** An open database: the Drizzle handle plus what the runtime needs to manage it. */
export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Database;
  /** Runs `fn` on one dedicated connection (needed for session-level advisory locks on a pool). */
  withConnection<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** A postgres:// URL; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder; undefined keeps the database in memory. */
  pgliteDir?: string;
  /** Pool size for node-postgres. */
  poolSize?: number;
  /** Sees every SQL statement Drizzle sends (tests count statements with it). */
  logger?: Logger;
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  const logger = config.logger ?? false;
  return config.url ? openPostgres(config.url, config.poolSize ?? 10, logger) : openPglite(config.pgliteDir, logger);
}

async function openPglite(dataDir: string | undefined, logger: Logger | false): Promise<DatabaseHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // pg_trgm backs the fleet's contains search (drizzle/0016); its migration creates the extension.
  const options = { extensions: { pg_trgm } };
  const client = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  await client.waitReady;
  const db = drizzlePglite({ client, schema, logger }) as unknown as Database;
  return {
    kind: 'pglite',
    db,
    // PGlite is a single connection already.
    withConnection: (fn) => fn(db),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, max: number, logger: Logger | false): Promise<DatabaseHandle> {
  const pool = new Pool({ connectionString: url, max, Client: SerialClient });
  const db = drizzlePg({ client: pool, schema, logger }) as unknown as Database;
  return {
    kind: 'postgres',
    db,
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn(drizzlePg({ client, schema, logger }) as unknown as Database);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
