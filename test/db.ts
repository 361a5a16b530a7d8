import { randomBytes } from 'node:crypto';
import type { Logger } from 'drizzle-orm/logger';
import { Client } from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';

let statements = 0;
/** Counts every SQL statement Drizzle sends to the test databases of this process. */
const statementCounter: Logger = {
  logQuery() {
    statements++;
  },
};
/** How many SQL statements the test databases have run so far (compare before and after a request). */
export const statementCount = (): number => statements;

/** Which database this jest project runs on (set by test/setup/*.ts). */
export const dbKind = (): 'pglite' | 'postgres' => (process.env.TEST_DB_KIND === 'postgres' ? 'postgres' : 'pglite');

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL (dropped again by `close`).
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const handle = await createEmptyTestDatabase();
  await migrateDatabase(handle);
  return handle;
}

/** Like createTestDatabase, but nothing migrated yet (for tests of the migrations themselves). */
export async function createEmptyTestDatabase(): Promise<DatabaseHandle> {
  if (dbKind() === 'pglite') return openDatabase({ logger: statementCounter });
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `portal_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 25, logger: statementCounter });
  return {
    ...handle,
    async close() {
      await handle.close();
      await dropWhenDisconnected(serverUrl, name);
    },
  };
}

/**
 * pg's pool.end() resolves before its sockets have closed; a forced drop would then kill live
 * connections (an unhandled error in the test). Retry a plain drop until they are gone.
 */
async function dropWhenDisconnected(serverUrl: string, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
