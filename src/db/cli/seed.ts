import { readConfig } from '../../server/config';
import { openDatabase } from '../client';
import { migrateDatabase } from '../migrate';
import { demoLoginsText, seedDemoIfEmpty } from '../seed';

/** npm run db:seed: migrates and seeds the demo data into an empty database. */
async function main(): Promise<void> {
  const config = readConfig();
  const database = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
  await migrateDatabase(database);
  const seeded = await seedDemoIfEmpty(database.db);
  console.log(seeded ? 'Demo data created.' : 'The database already has data; nothing seeded.');
  console.log(demoLoginsText());
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
