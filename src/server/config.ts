import type { LevelWithSilent } from 'pino';
import { parseLogLevel } from './log';

/** Environment the server reads, in one place (README lists each variable). */
export interface ServerConfig {
  databaseUrl: string | undefined;
  pgliteDir: string;
  opsEmail: string | undefined;
  opsPassword: string | undefined;
  production: boolean;
  /** Seed demo data into an empty embedded database (development default). */
  seedDemo: boolean;
  /** LOG_LEVEL: fatal, error, warn, info (default), debug, trace or silent. */
  logLevel: LevelWithSilent;
  /** How many reverse proxies in front of the app append to X-Forwarded-For (src/server/client-ip.ts). */
  trustProxyHops: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const production = env.NODE_ENV === 'production';
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDir: env.PGLITE_DIR || '.data/pglite',
    opsEmail: env.OPS_EMAIL || undefined,
    opsPassword: env.OPS_PASSWORD || undefined,
    production,
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === 'true' : !production && !env.DATABASE_URL,
    logLevel: parseLogLevel(env.LOG_LEVEL),
    trustProxyHops: trustProxyHops(env.TRUST_PROXY_HOPS),
  };
}

/** A wrong hop count would silently trust the wrong address: refuse to start instead. */
function trustProxyHops(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) {
    throw new Error(`TRUST_PROXY_HOPS must be a whole number of proxies from 0 to 10 (got "${value}").`);
  }
  return hops;
}
