import { AppError } from '../../errors';
import type { BucketResult, BucketSpec, LimitStore } from './store';

/** Rate limit settings: a sustained rate and a burst (the bucket's size). perMinute 0 turns it off. */
export interface RateSettings {
  perMinute: number;
  burst: number;
}

/** What a request learns about its budget (sent as RateLimit headers). */
export interface RateStatus {
  limit: number;
  remaining: number;
}

/** A request budget per caller: a token bucket of `burst` tokens refilling at `perMinute`. */
export class RequestRateLimiter {
  private readonly bucket: BucketSpec | null;

  constructor(
    private readonly store: LimitStore,
    readonly settings: RateSettings,
  ) {
    this.bucket = settings.perMinute > 0 ? { capacity: Math.max(1, settings.burst), refillPerSecond: settings.perMinute / 60 } : null;
  }

  /** Spends one request of `key`'s budget; RATE_LIMITED (with retryAfter in seconds) when it is empty. */
  async consume(key: string): Promise<RateStatus | null> {
    if (!this.bucket) return null;
    const result: BucketResult = await this.store.take(key, this.bucket, 1);
    if (!result.allowed) {
      const seconds = retryAfterSeconds(result.retryAfterMs);
      throw new AppError(
        'RATE_LIMITED',
        `Too many requests: the limit is ${this.settings.perMinute} per minute (bursts of ${this.bucket.capacity}). Retry in ${seconds} s.`,
        undefined,
        seconds,
      );
    }
    return { limit: this.bucket.capacity, remaining: result.remaining };
  }
}

/** Whole seconds, at least 1 (Retry-After has no fractions; 0 would invite an immediate retry). */
export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
