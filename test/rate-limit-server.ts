/**
 * Test-only: one app instance in its own process (an in-memory PGlite database, the real handler over
 * HTTP), configured from the environment like the portal: REDIS_URL, RATE_LIMIT_REDIS_PREFIX,
 * RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST. Prints "listening <url>" when ready; stops on SIGTERM.
 * Started twice by src/features/limits/redis-shared.test.ts to show that instances share one limit.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { defaultLimits } from '../src/features/limits/limits';
import { createRuntime } from '../src/server/runtime';
import { startHttpServer } from './http-server';

async function main(): Promise<void> {
  const database = await openDatabase({});
  await migrateDatabase(database);
  const runtime = await createRuntime(database, randomBytes(32).toString('hex'));
  const server = await startHttpServer(runtime);
  if (defaultLimits().storeKind !== 'redis') throw new Error('REDIS_URL is not set');
  process.stdout.write(`listening ${server.url}\n`);
  process.on('SIGTERM', () => {
    void Promise.allSettled([server.close(), defaultLimits().close(), runtime.apollo.stop(), database.close()]).then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
