import { clearRedisPrefix, describeWithRedis, manualClock, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../../../test/limits';
import { RedisStore } from './redis-store';
import { ResilientStore } from './resilient-store';
import { type AttemptPolicy, type LimitStore, MemoryStore } from './store';

const BUCKET = { capacity: 3, refillPerSecond: 1 };
const POLICY: AttemptPolicy = { free: 2, lockAfter: 4, maxDelayMs: 30_000, lockMs: 60_000, windowMs: 60_000 };

describe('MemoryStore', () => {
  it('is a token bucket: bursts up to its capacity, then refills continuously', async () => {
    const clock = manualClock();
    const store = new MemoryStore(clock.now);
    for (let i = 2; i >= 0; i--) expect(await store.take('k', BUCKET, 1)).toEqual({ allowed: true, remaining: i, retryAfterMs: 0 });
    expect(await store.take('k', BUCKET, 1)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 1000 });
    clock.advance(400);
    expect(await store.take('k', BUCKET, 1)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 600 });
    clock.advance(600);
    expect((await store.take('k', BUCKET, 1)).allowed).toBe(true);
    // Never more than the capacity, however long it rested.
    clock.advance(3_600_000);
    for (let i = 0; i < 3; i++) expect((await store.take('k', BUCKET, 1)).allowed).toBe(true);
    expect((await store.take('k', BUCKET, 1)).allowed).toBe(false);
    expect((await store.take('other', BUCKET, 1)).allowed).toBe(true);
  });

  it('counts attempts on all keys or none, with waits that grow and then a lock', async () => {
    const clock = manualClock();
    const store = new MemoryStore(clock.now);
    const both = [
      { key: 'a', policy: POLICY },
      { key: 'b', policy: { ...POLICY, free: 10, lockAfter: 20 } },
    ];
    expect(await store.attempt(both)).toBe(0);
    expect(await store.attempt(both)).toBe(0);
    expect(await store.attempt(both)).toBe(1000); // 2 on 'a': wait 1 s; nothing counted
    clock.advance(1000);
    expect(await store.attempt(both)).toBe(0);
    expect(await store.attempt(both)).toBe(2000);
    clock.advance(2000);
    expect(await store.attempt(both)).toBe(0); // 4 on 'a': locked
    expect(await store.attempt(both)).toBe(60_000);
    // 'b' alone has counted only the attempts that went through.
    expect(await store.attempt([{ key: 'b', policy: { ...POLICY, free: 5, lockAfter: 10 } }])).toBe(0);
    expect(await store.attempt([{ key: 'b', policy: { ...POLICY, free: 5, lockAfter: 10 } }])).toBe(1000);
    // The window passes: forgotten.
    clock.advance(60_000);
    expect(await store.attempt(both)).toBe(0);
  });

  it('settles: resets some keys, gives one attempt back on others; marks expire', async () => {
    const clock = manualClock();
    const store = new MemoryStore(clock.now);
    for (let i = 0; i < 2; i++)
      await store.attempt([
        { key: 'r', policy: POLICY },
        { key: 'g', policy: POLICY },
      ]);
    await store.settle(['r'], ['g']);
    expect(await store.attempt([{ key: 'r', policy: POLICY }])).toBe(0);
    expect(await store.attempt([{ key: 'g', policy: POLICY }])).toBe(0);
    expect(await store.attempt([{ key: 'g', policy: POLICY }])).toBe(1000);
    await store.mark('m', 1000);
    expect(await store.isMarked('m')).toBe(true);
    clock.advance(1000);
    expect(await store.isMarked('m')).toBe(false);
  });
});

describeWithRedis()("RedisStore (the same arithmetic, atomic, on Redis's clock)", () => {
  const prefix = uniquePrefix('store');
  let store: RedisStore;
  beforeAll(async () => {
    await requireRedis();
    store = new RedisStore(TEST_REDIS_URL, prefix);
  });
  afterAll(async () => {
    await clearRedisPrefix(prefix);
    await store.close();
  });

  it('is a token bucket', async () => {
    for (let i = 2; i >= 0; i--) expect(await store.take('k', BUCKET, 1)).toMatchObject({ allowed: true, remaining: i });
    const refused = await store.take('k', BUCKET, 1);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(800);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(1000);
    await new Promise((resolve) => setTimeout(resolve, refused.retryAfterMs + 20));
    expect((await store.take('k', BUCKET, 1)).allowed).toBe(true);
  });

  it('never lets concurrent requests spend more than the bucket holds', async () => {
    const bucket = { capacity: 20, refillPerSecond: 1 / 60 };
    const results = await Promise.all(Array.from({ length: 60 }, () => store.take('busy', bucket, 1)));
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
  });

  it('counts attempts all or none, settles, marks', async () => {
    const both = [
      { key: 'a', policy: POLICY },
      { key: 'b', policy: POLICY },
    ];
    expect(await store.attempt(both)).toBe(0);
    expect(await store.attempt(both)).toBe(0);
    const wait = await store.attempt(both);
    expect(wait).toBeGreaterThan(900);
    expect(wait).toBeLessThanOrEqual(1000);
    await store.settle(['a'], ['b']);
    expect(await store.attempt([{ key: 'a', policy: POLICY }])).toBe(0);
    expect(await store.attempt([{ key: 'b', policy: POLICY }])).toBe(0);
    expect(await store.attempt([{ key: 'b', policy: POLICY }])).toBeGreaterThan(0);
    await store.mark('m', 60_000);
    expect(await store.isMarked('m')).toBe(true);
    expect(await store.isMarked('not-marked')).toBe(false);
  });
});

describe('ResilientStore', () => {
  it('answers from memory while Redis cannot be reached, and says so', async () => {
    const reported: unknown[] = [];
    // Nothing listens on port 1.
    const down = new RedisStore('redis://127.0.0.1:1', 'portal-test:', () => {});
    const store: LimitStore = new ResilientStore(down, new MemoryStore(), (error) => reported.push(error));
    try {
      const slow = { capacity: 3, refillPerSecond: 1 / 60 };
      const started = Date.now();
      for (let i = 0; i < 3; i++) expect((await store.take('k', slow, 1)).allowed).toBe(true);
      expect((await store.take('k', slow, 1)).allowed).toBe(false);
      expect(reported).toHaveLength(1);
      // Only the first call waited for the dead server; the others went straight to memory.
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await store.close();
    }
  });
});
