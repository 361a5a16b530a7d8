/**
 * Where rate-limit state lives: in this process (MemoryStore) or in Redis (RedisStore, shared by every
 * app instance). Both implement the same two atomic operations with the same arithmetic; the Redis
 * one runs it as Lua scripts so concurrent instances never double-spend.
 */

/** A token bucket: holds up to `capacity` tokens and refills continuously at `refillPerSecond`. */
export interface BucketSpec {
  capacity: number;
  refillPerSecond: number;
}

export interface BucketResult {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** When refused: how long until enough tokens are back (ms). 0 when allowed. */
  retryAfterMs: number;
}

/**
 * Attempts that may fail (sign-in): the first `free` go unhindered; from then on each must wait
 * 2^(n-free) seconds (at most `maxDelayMs`) after the previous one; once `lockAfter` have been made
 * the key is refused for `lockMs`. The count is forgotten `windowMs` after the last attempt.
 */
export interface AttemptPolicy {
  free: number;
  lockAfter: number;
  maxDelayMs: number;
  lockMs: number;
  windowMs: number;
}

export interface LimitStore {
  /** Takes `cost` tokens from the bucket at `key` if it holds them (a missing bucket is full). */
  take(key: string, bucket: BucketSpec, cost: number): Promise<BucketResult>;
  /**
   * Counts one attempt on every key, all or none: when any key must wait first, nothing is counted
   * and the longest wait (ms) is returned; 0 means the attempt was counted and may proceed.
   */
  attempt(entries: readonly { key: string; policy: AttemptPolicy }[]): Promise<number>;
  /** After a success: forgets the `reset` keys and gives one attempt back on the `refund` keys. */
  settle(reset: readonly string[], refund: readonly string[]): Promise<void>;
  /** Remembers `key` for `ttlMs` (a known address). */
  mark(key: string, ttlMs: number): Promise<void>;
  isMarked(key: string): Promise<boolean>;
  close(): Promise<void>;
}

/** The bucket's level at `now`, from the level stored at `at` (the arithmetic the Lua script repeats). */
export function refill(tokens: number, at: number, now: number, bucket: BucketSpec): number {
  return Math.min(bucket.capacity, tokens + (Math.max(0, now - at) * bucket.refillPerSecond) / 1000);
}

/** Ms until a bucket holding `tokens` has `cost` again. */
export function waitFor(tokens: number, cost: number, bucket: BucketSpec): number {
  return Math.ceil(((cost - tokens) * 1000) / bucket.refillPerSecond);
}

/** How long an attempt on a key with `count` earlier attempts, the last at `last`, must still wait. */
export function attemptWait(count: number, last: number, policy: AttemptPolicy, now: number): number {
  if (count >= policy.lockAfter) return Math.max(0, last + policy.lockMs - now);
  if (count >= policy.free) return Math.max(0, last + Math.min(1000 * 2 ** (count - policy.free), policy.maxDelayMs) - now);
  return 0;
}

/** Ms until a bucket is full again: after that a missing entry means the same as a stored one. */
export const fullAfterMs = (bucket: BucketSpec) => Math.ceil((bucket.capacity * 1000) / bucket.refillPerSecond);

type Entry =
  | { kind: 'bucket'; tokens: number; at: number; expiresAt: number }
  | { kind: 'attempts'; count: number; last: number; expiresAt: number }
  | { kind: 'mark'; expiresAt: number };

/** In-process state: the default, and the fallback when Redis cannot be reached. */
export class MemoryStore implements LimitStore {
  private readonly entries = new Map<string, Entry>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async take(key: string, bucket: BucketSpec, cost: number): Promise<BucketResult> {
    const now = this.now();
    this.sweep(now);
    const entry = this.live(key, now);
    const stored = entry?.kind === 'bucket' ? entry : null;
    let tokens = stored ? refill(stored.tokens, stored.at, now, bucket) : bucket.capacity;
    const allowed = tokens >= cost;
    if (allowed) tokens -= cost;
    this.entries.set(key, { kind: 'bucket', tokens, at: now, expiresAt: now + fullAfterMs(bucket) });
    return { allowed, remaining: Math.floor(tokens), retryAfterMs: allowed ? 0 : waitFor(tokens, cost, bucket) };
  }

  async attempt(list: readonly { key: string; policy: AttemptPolicy }[]): Promise<number> {
    const now = this.now();
    this.sweep(now);
    let wait = 0;
    for (const { key, policy } of list) {
      const entry = this.live(key, now);
      if (entry?.kind === 'attempts') wait = Math.max(wait, attemptWait(entry.count, entry.last, policy, now));
    }
    if (wait > 0) return wait;
    for (const { key, policy } of list) {
      const entry = this.live(key, now);
      const count = entry?.kind === 'attempts' ? entry.count : 0;
      this.entries.set(key, { kind: 'attempts', count: count + 1, last: now, expiresAt: now + policy.windowMs });
    }
    return 0;
  }

  async settle(reset: readonly string[], refund: readonly string[]): Promise<void> {
    for (const key of reset) this.entries.delete(key);
    const now = this.now();
    for (const key of refund) {
      const entry = this.live(key, now);
      if (entry?.kind === 'attempts' && entry.count > 0) entry.count -= 1;
    }
  }

  async mark(key: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { kind: 'mark', expiresAt: this.now() + ttlMs });
  }

  async isMarked(key: string): Promise<boolean> {
    return this.live(key, this.now())?.kind === 'mark';
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Drops expired entries about once a minute, so memory follows the number of active callers. */
  private sweep(now: number): void {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
