import Redis from 'ioredis';
import type { AttemptPolicy, BucketResult, BucketSpec, LimitStore } from './store';

// The Lua scripts repeat the arithmetic of MemoryStore (store.ts: refill, waitFor, attemptWait) and
// run atomically in Redis, on Redis's clock, so every app instance sees and spends one shared state.

const NOW = `local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)`;

const TAKE = `${NOW}
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = capacity
if state[1] then
  tokens = math.min(capacity, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * rate / 1000)
end
local allowed = 0
local wait = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
else
  wait = math.ceil((cost - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 1000 / rate))
return {allowed, math.floor(tokens), wait}`;

const ATTEMPT = `${NOW}
local wait = 0
for i, key in ipairs(KEYS) do
  local b = (i - 1) * 5
  local free = tonumber(ARGV[b + 1])
  local lockAfter = tonumber(ARGV[b + 2])
  local maxDelay = tonumber(ARGV[b + 3])
  local lockMs = tonumber(ARGV[b + 4])
  local state = redis.call('HMGET', key, 'count', 'last')
  if state[1] then
    local count = tonumber(state[1])
    local last = tonumber(state[2])
    local w = 0
    if count >= lockAfter then
      w = last + lockMs - now
    elseif count >= free then
      w = last + math.min(1000 * 2 ^ (count - free), maxDelay) - now
    end
    if w > wait then wait = w end
  end
end
if wait > 0 then return math.ceil(wait) end
for i, key in ipairs(KEYS) do
  redis.call('HINCRBY', key, 'count', 1)
  redis.call('HSET', key, 'last', tostring(now))
  redis.call('PEXPIRE', key, tonumber(ARGV[(i - 1) * 5 + 5]))
end
return 0`;

const SETTLE = `local resets = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  if i <= resets then
    redis.call('DEL', key)
  elseif tonumber(redis.call('HGET', key, 'count') or '0') > 0 then
    redis.call('HINCRBY', key, 'count', -1)
  end
end
return 0`;

interface Scripts {
  portalTake(key: string, capacity: number, rate: number, cost: number): Promise<[number, number, number]>;
  portalAttempt(...keysThenArgs: (string | number)[]): Promise<number>;
  portalSettle(...keysThenArgs: (string | number)[]): Promise<number>;
}

/**
 * Shared state in Redis (REDIS_URL), so several app instances enforce one limit. Commands fail fast
 * once a connection that worked is lost (no queueing while Redis is away); ResilientStore then answers
 * from memory. Before the first connection, commands wait for it (at most about a second).
 */
export class RedisStore implements LimitStore {
  private readonly client: Redis;
  private readonly scripts: Scripts;
  private connectedOnce = false;

  constructor(
    url: string,
    private readonly prefix = 'portal:limits:',
    onError: (error: Error) => void = () => {},
  ) {
    this.client = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1000, connectTimeout: 2000, enableOfflineQueue: true });
    // Without a listener ioredis reports every failed reconnection as an unhandled error.
    this.client.on('error', onError);
    this.client.on('ready', () => {
      this.connectedOnce = true;
    });
    this.client.defineCommand('portalTake', { numberOfKeys: 1, lua: TAKE });
    this.client.defineCommand('portalAttempt', { lua: ATTEMPT });
    this.client.defineCommand('portalSettle', { lua: SETTLE });
    this.scripts = this.client as unknown as Scripts;
  }

  async take(key: string, bucket: BucketSpec, cost: number): Promise<BucketResult> {
    this.assertConnected();
    const [allowed, remaining, wait] = await this.scripts.portalTake(this.prefix + key, bucket.capacity, bucket.refillPerSecond, cost);
    return { allowed: allowed === 1, remaining, retryAfterMs: wait };
  }

  async attempt(entries: readonly { key: string; policy: AttemptPolicy }[]): Promise<number> {
    if (!entries.length) return 0;
    this.assertConnected();
    const keys = entries.map((e) => this.prefix + e.key);
    const args = entries.flatMap(({ policy: p }) => [p.free, p.lockAfter, p.maxDelayMs, p.lockMs, p.windowMs]);
    return this.scripts.portalAttempt(keys.length, ...keys, ...args);
  }

  async settle(reset: readonly string[], refund: readonly string[]): Promise<void> {
    this.assertConnected();
    const keys = [...reset, ...refund].map((key) => this.prefix + key);
    if (keys.length) await this.scripts.portalSettle(keys.length, ...keys, reset.length);
  }

  async mark(key: string, ttlMs: number): Promise<void> {
    this.assertConnected();
    await this.client.set(this.prefix + key, '1', 'PX', ttlMs);
  }

  async isMarked(key: string): Promise<boolean> {
    this.assertConnected();
    return (await this.client.exists(this.prefix + key)) === 1;
  }

  private assertConnected(): void {
    if (this.connectedOnce && this.client.status !== 'ready') throw new Error(`Redis connection ${this.client.status}`);
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
