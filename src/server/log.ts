import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import { serializeError } from './safe-error';

export type { Logger };

export const LOG_LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Keys whose values never reach the log, wherever a caller put them. Log lines are built from chosen
 * fields (src/server/request-log.ts) and errors pass through serializeError, so this is the second net.
 */
const REDACTED = ['password', 'token', 'secret', 'authorization', 'cookie', 'key', 'params'].flatMap((key) => [
  key,
  `*.${key}`,
  `*.*.${key}`,
]);

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** Where the JSON lines go; default: standard output. Tests pass a stream that keeps the lines. */
  destination?: DestinationStream;
}

/** One JSON object per line: `level` as a word, `time` as ISO 8601, errors under `err` (serializeError). */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
      redact: { paths: REDACTED, censor: '[redacted]' },
    },
    options.destination,
  );
}

/** LOG_LEVEL's value, or an error naming the accepted ones. */
export function parseLogLevel(value: string | undefined): LevelWithSilent {
  if (value === undefined || value === '') return 'info';
  const level = LOG_LEVELS.find((known) => known === value.trim().toLowerCase());
  if (!level) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${value}").`);
  return level;
}

// On globalThis: `next build` bundles this module into several chunks, which must share one logger.
const holder = globalThis as typeof globalThis & { __portalLog?: Logger };

/**
 * The process-wide logger at LOG_LEVEL, for what runs outside a request's runtime (start, Redis,
 * background work). A wrong LOG_LEVEL falls back to info here; readConfig refuses it at start.
 */
export function processLogger(): Logger {
  holder.__portalLog ??= createLogger({ level: levelOrInfo(process.env.LOG_LEVEL) });
  return holder.__portalLog;
}

function levelOrInfo(value: string | undefined): LevelWithSilent {
  try {
    return parseLogLevel(value);
  } catch {
    return 'info';
  }
}
