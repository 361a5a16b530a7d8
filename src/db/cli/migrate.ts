import { readConfig } from '../../server/config';
import { openDatabase } from '../client';
import { migrateDatabase } from '../migrate';

/** npm run db:migrate: applies the committed migrations to the configured database. */
async function main(): Promise<void> {
  const config = readConfig();
  const database = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
  await migrateDatabase(database);
  console.log(`Migrations applied (${database.kind}).`);
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
