import { sql } from 'drizzle-orm';
import { createEmptyTestDatabase, createTestDatabase } from '../../test/db';
import { captureLogs } from '../../test/logs';
import type { DatabaseHandle } from '../db/client';
import { healthResponse, readyResponse } from './health';

async function answer(response: Response) {
  return { status: response.status, cache: response.headers.get('cache-control'), body: (await response.json()) as unknown };
}

describe('GET /api/health (liveness)', () => {
  it('answers 200 {"status":"ok"}, never cached, without any database', async () => {
    expect(await answer(healthResponse())).toEqual({ status: 200, cache: 'no-store', body: { status: 'ok' } });
  });
});

describe('GET /api/ready (readiness)', () => {
  const logs = captureLogs();
  let open: DatabaseHandle[] = [];
  const track = (handle: DatabaseHandle) => {
    open.push(handle);
    return handle;
  };
  afterEach(async () => {
    await Promise.all(open.map((handle) => handle.close()));
    open = [];
  });

  it('answers 200 on a reachable, fully migrated database', async () => {
    const database = track(await createTestDatabase());
    expect(await answer(await readyResponse(database, logs.logger))).toEqual({ status: 200, cache: 'no-store', body: { status: 'ready' } });
  });

  it('answers 503 on a database where no migration ran', async () => {
    const database = track(await createEmptyTestDatabase());
    expect(await answer(await readyResponse(database, logs.logger))).toEqual({
      status: 503,
      cache: 'no-store',
      body: { status: 'unavailable', reason: 'migrations not applied' },
    });
  });

  it('answers 503 while a committed migration is not applied yet', async () => {
    const database = track(await createTestDatabase());
    await database.db.execute(
      sql`DELETE FROM drizzle.__drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM drizzle.__drizzle_migrations)`,
    );
    expect((await answer(await readyResponse(database, logs.logger))).body).toEqual({
      status: 'unavailable',
      reason: '1 migration not applied',
    });
  });

  it('answers 503 when the database cannot be reached, naming no internals', async () => {
    const database = await createTestDatabase();
    await database.close();
    const response = await answer(await readyResponse(database, logs.logger));
    expect(response).toEqual({ status: 503, cache: 'no-store', body: { status: 'unavailable', reason: 'database unreachable' } });
    expect(JSON.stringify(response.body)).not.toMatch(/postgres|5432|pglite|127\.0\.0\.1/i);
  });
});
