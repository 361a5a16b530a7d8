/**
 * Runs once when the server starts, so configuration and database problems show at start,
 * not on the first request (see server/start.ts). Tracing, when configured, starts first: pg must be
 * instrumented before the runtime loads it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startTracing, tracingWanted } = await import('./server/telemetry');
  if (tracingWanted(process.env)) {
    const { processLogger } = await import('./server/log');
    await startTracing(process.env, processLogger());
  }
  const { start } = await import('./server/start');
  await start();
}
