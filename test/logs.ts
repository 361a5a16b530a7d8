import type { LevelWithSilent } from 'pino';
import { createLogger, type Logger } from '../src/server/log';

/** One parsed log line. */
export type LogLine = Record<string, unknown> & { level: string; msg: string };

/** A real logger (the production one, same serializers and redaction) whose JSON lines are kept here. */
export interface LogCapture {
  logger: Logger;
  /** The raw text written so far: what would have reached standard output. */
  text(): string;
  lines(): LogLine[];
  clear(): void;
}

export function captureLogs(level: LevelWithSilent = 'debug'): LogCapture {
  let chunks: string[] = [];
  const logger = createLogger({ level, destination: { write: (chunk: string) => void chunks.push(chunk) } });
  return {
    logger,
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as LogLine),
    clear: () => {
      chunks = [];
    },
  };
}
