import type { ApolloServer } from '@apollo/server';
import { resolveAuthSecret } from '../auth/secret';
import { type DatabaseHandle, openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { demoLoginsText, seedDemoIfEmpty } from '../db/seed';
import { ensureOperator } from '../features/ops/bootstrap';
import type { GraphQLContext } from '../graphql/context';
import { createApolloServer } from '../graphql/server';
import { readConfig } from './config';
import { type Logger, processLogger } from './log';

/** Everything a request needs, created once per process. */
export interface Runtime {
  database: DatabaseHandle;
  apollo: ApolloServer<GraphQLContext>;
  secret: string;
  /** Where request lines and background work log (tests pass one that keeps its lines). */
  log: Logger;
}

export interface RuntimeOptions {
  /** Default: the process-wide logger at LOG_LEVEL, writing JSON lines to standard output. */
  log?: Logger;
}

/** Builds a runtime on an open, migrated database (tests call this with their own database). */
export async function createRuntime(database: DatabaseHandle, secret: string, options: RuntimeOptions = {}): Promise<Runtime> {
  const apollo = createApolloServer();
  await apollo.start();
  return { database, apollo, secret, log: options.log ?? processLogger() };
}

// Kept on globalThis so Next's dev reloads reuse one database (PGlite allows one opener per folder).
const holder = globalThis as typeof globalThis & { __portalRuntime?: Promise<Runtime> };

/** The process-wide runtime: opens the configured database, migrates, bootstraps ops, seeds in dev. */
export function getRuntime(): Promise<Runtime> {
  holder.__portalRuntime ??= boot().catch((error: unknown) => {
    holder.__portalRuntime = undefined;
    throw error;
  });
  return holder.__portalRuntime;
}

async function boot(): Promise<Runtime> {
  const config = readConfig();
  const secret = resolveAuthSecret();
  const database = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
  await migrateDatabase(database);
  if (config.opsEmail && config.opsPassword) await ensureOperator(database.db, config.opsEmail, config.opsPassword);
  const log = processLogger();
  log.info({ database: database.kind, ...(database.kind === 'pglite' ? { pgliteDir: config.pgliteDir } : {}) }, 'database ready');
  if (config.seedDemo) {
    if (await seedDemoIfEmpty(database.db)) log.info('demo data created');
    // For the developer at the terminal (development only): plain text, not a log line.
    console.log(demoLoginsText());
  }
  return createRuntime(database, secret);
}
