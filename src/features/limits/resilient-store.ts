import type { AttemptPolicy, BucketResult, BucketSpec, LimitStore } from './store';

/**
 * Uses `primary` (Redis) and, whenever it fails, answers from `fallback` (memory) instead: limits stay
 * enforced per instance while Redis is away, and the API keeps working. After a failure the primary is
 * left alone for `pauseMs` (requests do not each wait for a dead server). Failures are reported through
 * `onError`, at most once a minute.
 */
export class ResilientStore implements LimitStore {
  private reportedAt = -Infinity;
  private pausedUntil = -Infinity;

  constructor(
    private readonly primary: LimitStore,
    private readonly fallback: LimitStore,
    private readonly onError: (error: unknown) => void,
    private readonly pauseMs = 5000,
  ) {}

  take(key: string, bucket: BucketSpec, cost: number): Promise<BucketResult> {
    return this.guard((store) => store.take(key, bucket, cost));
  }
  attempt(entries: readonly { key: string; policy: AttemptPolicy }[]): Promise<number> {
    return this.guard((store) => store.attempt(entries));
  }
  settle(reset: readonly string[], refund: readonly string[]): Promise<void> {
    return this.guard((store) => store.settle(reset, refund));
  }
  mark(key: string, ttlMs: number): Promise<void> {
    return this.guard((store) => store.mark(key, ttlMs));
  }
  isMarked(key: string): Promise<boolean> {
    return this.guard((store) => store.isMarked(key));
  }
  async close(): Promise<void> {
    await Promise.all([this.primary.close(), this.fallback.close()]);
  }

  private async guard<T>(run: (store: LimitStore) => Promise<T>): Promise<T> {
    if (Date.now() < this.pausedUntil) return run(this.fallback);
    try {
      return await run(this.primary);
    } catch (error) {
      this.pausedUntil = Date.now() + this.pauseMs;
      if (Date.now() - this.reportedAt > 60_000) {
        this.reportedAt = Date.now();
        this.onError(error);
      }
      return run(this.fallback);
    }
  }
}
