/**
 * Runs once when the server starts, so configuration and database problems show at start,
 * not on the first request (see server/start.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { start } = await import('./server/start');
  await start();
}
