import { readConfig } from './config';
import { processLogger } from './log';
import { installPeerAddress } from './peer-address';
import { getRuntime } from './runtime';

/**
 * Checks configuration, stamps incoming requests with their client's address (first, before
 * requests are served), opens and migrates the database, bootstraps ops and (in development) demo data.
 */
export async function start(): Promise<void> {
  try {
    installPeerAddress(readConfig().trustProxyHops);
    await getRuntime();
  } catch (error) {
    processLogger().fatal({ err: error }, `cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
