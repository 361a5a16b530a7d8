import { processLogger } from '../../server/log';
import { type RateSettings, RequestRateLimiter } from './rate-limiter';
import { RedisStore } from './redis-store';
import { ResilientStore } from './resilient-store';
import { DEFAULT_SIGN_IN_POLICIES, type SignInPolicies, SignInThrottle } from './sign-in-throttle';
import { type LimitStore, MemoryStore } from './store';

/** Everything that limits callers over time: the per-caller request budget and the sign-in throttle. */
export interface Limits {
  requests: RequestRateLimiter;
  signIn: SignInThrottle;
  /** 'memory' or 'redis' (shared by every instance using the same REDIS_URL and prefix). */
  storeKind: 'memory' | 'redis';
  close(): Promise<void>;
}

export interface LimitsOptions {
  /** Share state through this Redis server; absent: in this process only. */
  redisUrl?: string;
  /** Key prefix in Redis (several deployments, or test runs, can share one server). */
  redisPrefix?: string;
  rate?: Partial<RateSettings>;
  signIn?: Partial<SignInPolicies>;
  /** The clock of the in-memory store (tests move it forward). */
  now?: () => number;
}

export const DEFAULT_RATE: RateSettings = { perMinute: 600, burst: 600 };

export function createLimits(options: LimitsOptions = {}): Limits {
  const memory = new MemoryStore(options.now);
  const store: LimitStore = options.redisUrl
    ? new ResilientStore(new RedisStore(options.redisUrl, options.redisPrefix, (error) => reportRedis(error)), memory, (error) =>
        reportRedis(error, 'limits are enforced per instance until it is back'),
      )
    : memory;
  const perMinute = options.rate?.perMinute ?? DEFAULT_RATE.perMinute;
  return {
    requests: new RequestRateLimiter(store, { perMinute, burst: options.rate?.burst ?? perMinute }),
    signIn: new SignInThrottle(store, { ...DEFAULT_SIGN_IN_POLICIES, ...options.signIn }),
    storeKind: options.redisUrl ? 'redis' : 'memory',
    close: () => store.close(),
  };
}

/**
 * Settings from the environment: REDIS_URL (shared limits), RATE_LIMIT_REDIS_PREFIX,
 * RATE_LIMIT_PER_MINUTE (default 600; 0 turns the request limit off) and RATE_LIMIT_BURST (default:
 * the per-minute number).
 */
export function limitsOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): LimitsOptions {
  const perMinute = wholeNumber(env.RATE_LIMIT_PER_MINUTE, 'RATE_LIMIT_PER_MINUTE') ?? DEFAULT_RATE.perMinute;
  return {
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.RATE_LIMIT_REDIS_PREFIX || undefined,
    rate: { perMinute, burst: wholeNumber(env.RATE_LIMIT_BURST, 'RATE_LIMIT_BURST') ?? perMinute },
  };
}

// Kept on globalThis so Next's dev reloads reuse one store (and one Redis connection).
const holder = globalThis as typeof globalThis & { __portalLimits?: Limits };

/** The process-wide limits, configured from the environment on first use. */
export function defaultLimits(): Limits {
  holder.__portalLimits ??= createLimits(limitsOptionsFromEnv());
  return holder.__portalLimits;
}

function wholeNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number (got "${value}").`);
  return n;
}

let lastReport = -Infinity;
function reportRedis(error: unknown, consequence?: string): void {
  if (!consequence && Date.now() - lastReport < 60_000) return;
  lastReport = Date.now();
  processLogger().warn({ component: 'limits', err: error }, `Redis failed${consequence ? `: ${consequence}` : ''}`);
}
