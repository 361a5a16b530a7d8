import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createTestApp, type TestApp } from '../../../test/app';
import { createTenant } from '../../../test/factories';
import { clearRedisPrefix, describeWithRedis, gqlWith, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../../../test/limits';
import { createLimits, type Limits } from './limits';

const ROOT = path.join(__dirname, '..', '..', '..');

/** With REDIS_URL, every app instance spends from one budget per caller. */
describeWithRedis()('rate limits shared through Redis', () => {
  beforeAll(() => requireRedis());

  describe('two instances in one process (each with its own Redis connection)', () => {
    const prefix = uniquePrefix('instances');
    let app: TestApp;
    let one: Limits;
    let two: Limits;
    beforeAll(async () => {
      app = await createTestApp();
      const options = { redisUrl: TEST_REDIS_URL, redisPrefix: prefix, rate: { perMinute: 1, burst: 6 } };
      one = createLimits(options);
      two = createLimits(options);
    });
    afterAll(async () => {
      await clearRedisPrefix(prefix);
      await Promise.all([one.close(), two.close()]);
      await app.close();
    });

    it('counts a user on both against one budget', async () => {
      const { admin } = await createTenant(app);
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++)
        statuses.push((await gqlWith(app, i % 2 ? one : two, '{ viewer { role } }', {}, { token: admin.token })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429, 429]);
    });

    it('throttles sign-ins on both as one', async () => {
      const { admin } = await createTenant(app);
      const codes: string[] = [];
      for (let i = 0; i < 6; i++) {
        const result = await gqlWith(
          app,
          i % 2 ? one : two,
          `mutation { signIn(email: "${admin.email}", password: "wrong-password") { token } }`,
          {},
          { ip: '192.0.2.10' },
        );
        codes.push(String(result.errors?.[0]?.extensions?.code));
      }
      expect(codes).toEqual([
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'RATE_LIMITED',
      ]);
    });
  });

  describe('two server processes', () => {
    const prefix = uniquePrefix('processes');
    const BURST = 20;
    const children: ChildProcess[] = [];
    let urls: string[] = [];

    beforeAll(async () => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        REDIS_URL: TEST_REDIS_URL,
        RATE_LIMIT_REDIS_PREFIX: prefix,
        RATE_LIMIT_PER_MINUTE: '1',
        RATE_LIMIT_BURST: String(BURST),
      };
      delete env.DATABASE_URL;
      urls = await Promise.all([0, 1].map(() => startServer(env)));
    }, 90_000);
    afterAll(async () => {
      await Promise.all(
        children.map(
          (child) =>
            new Promise((resolve) => {
              if (child.exitCode !== null) return resolve(null);
              child.once('exit', resolve);
              child.kill('SIGTERM');
            }),
        ),
      );
      await clearRedisPrefix(prefix);
    });

    async function startServer(env: NodeJS.ProcessEnv): Promise<string> {
      const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'test', 'rate-limit-server.ts')], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let errors = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        errors += chunk.toString();
      });
      return new Promise((resolve, reject) => {
        let output = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening (\S+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${errors}`)));
      });
    }

    const post = async (url: string) => {
      const response = await fetch(`${url}/api/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string; retryAfter?: number } }[] };
      return { status: response.status, retryAfter: response.headers.get('retry-after'), code: body.errors?.[0]?.extensions?.code };
    };

    it(`allows ${BURST} requests in all, whichever instance gets them`, async () => {
      // Anonymous requests from 127.0.0.1, alternating between the instances: alone, each would allow 20.
      const results = [];
      for (let i = 0; i < 30; i++) results.push(await post(urls[i % 2] ?? ''));
      expect(results.slice(0, BURST).every((r) => r.status === 200)).toBe(true);
      for (const refused of results.slice(BURST)) {
        expect(refused.status).toBe(429);
        expect(refused.code).toBe('RATE_LIMITED');
        expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      }
      // Concurrent requests cannot slip past either.
      const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => post(urls[i % 2] ?? '')));
      expect(burst.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
    });
  });
});
