import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import type { Limits } from '../src/features/limits/limits';
import { handleGraphQL } from '../src/graphql/handler';
import { CLIENT_ADDRESS_HEADER, clientAddressHeaderValue } from '../src/server/client-ip';
import type { GraphQLResult, TestApp } from './app';

/** The Redis server the shared-limit tests use (CI starts one on 127.0.0.1:6379). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** A key prefix of its own for each test run, so runs never see each other's counts. */
export const uniquePrefix = (name: string) => `portal-test:${name}:${process.pid}:${randomBytes(4).toString('hex')}:`;

/**
 * `describe` when a Redis server answers, else `describe.skip` with a loud warning, so a newcomer
 * without Redis can still run the suite; CI sets REDIS_REQUIRED=1, which turns a missing Redis into
 * a failure (requireRedis below explains how to start one).
 */
export function describeWithRedis(): jest.Describe {
  if (process.env.REDIS_REQUIRED === '1' || redisReachable()) return describe;
  console.warn(
    `\n*** Redis is not reachable at ${TEST_REDIS_URL}: the shared rate-limit tests are SKIPPED. Start redis-server, or set REDIS_REQUIRED=1 to fail instead. ***\n`,
  );
  return describe.skip;
}

function redisReachable(): boolean {
  const { hostname, port } = new URL(TEST_REDIS_URL);
  const probe =
    `const s=require('net').connect(${Number(port) || 6379}, ${JSON.stringify(hostname)});` +
    `s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(1),1500);`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 3000 }).status === 0;
}

/** Fails with instructions when no Redis answers. */
export async function requireRedis(): Promise<void> {
  const client = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `The shared rate-limit tests need Redis at ${TEST_REDIS_URL} (set TEST_REDIS_URL to another): ` +
        `redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log (${String(error)})`,
    );
  } finally {
    client.disconnect();
  }
}

/** Deletes every key under `prefix`. */
export async function clearRedisPrefix(prefix: string): Promise<void> {
  const client = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

export interface LimitedResult<T> extends GraphQLResult<T> {
  headers: Headers;
}

/** Like app.gql, through the real handler, with the given limits and client address (and any other headers). */
export async function gqlWith<T = Record<string, unknown>>(
  app: TestApp,
  limits: Limits,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; ip?: string; headers?: Record<string, string> } = {},
): Promise<LimitedResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.ip) Object.assign(headers, fromAddress(options.ip));
  const response = await handleGraphQL(
    new Request('http://portal.test/api/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) }),
    app.runtime,
    { limits },
  );
  const body = (await response.json()) as { data?: unknown; errors?: GraphQLResult['errors'] };
  return { status: response.status, headers: response.headers, data: (body.data ?? null) as T | null, errors: body.errors };
}

/** The header the portal's HTTP server stamps on a request from `ip` (src/server/peer-address.ts). */
export function fromAddress(ip: string): Record<string, string> {
  return { [CLIENT_ADDRESS_HEADER]: clientAddressHeaderValue(ip) };
}

/** A clock the in-memory store reads, moved by hand. */
export function manualClock(start = Date.now()) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
