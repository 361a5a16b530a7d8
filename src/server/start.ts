import { processLogger } from './log';
import { getRuntime } from './runtime';

/** Checks configuration, opens and migrates the database, bootstraps ops and (in development) demo data. */
export async function start(): Promise<void> {
  try {
    await getRuntime();
  } catch (error) {
    processLogger().fatal({ err: error }, `cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
