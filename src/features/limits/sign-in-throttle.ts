import { AppError } from '../../errors';
import { addressOf, emailKey } from './keys';
import { retryAfterSeconds } from './rate-limiter';
import type { AttemptPolicy, LimitStore } from './store';

const MINUTE = 60_000;

/**
 * Failed sign-ins are counted three ways (see AttemptPolicy for the schedule each follows):
 * - per email and address: a few free tries, then growing waits (1, 2, 4, 8, 16 s), then 15 minutes
 *   refused; a successful sign-in from that address starts it over;
 * - per email, from any address: a higher ceiling against guessing from many addresses. It does not
 *   apply to addresses the account signed in from before (a successful sign-in marks the address for
 *   30 days), so an attacker cannot lock the owner out of their usual places; and it expires;
 * - per address, for any email: against trying one password on many accounts.
 * Every count is forgotten after its window with no attempt. Attempts are counted before the password
 * is checked (in one atomic step), so parallel guesses cannot slip past; a success gives its back.
 */
export interface SignInPolicies {
  pair: AttemptPolicy;
  email: AttemptPolicy;
  address: AttemptPolicy;
  /** How long a successful sign-in marks its address as known for that account. */
  knownAddressMs: number;
}

export const DEFAULT_SIGN_IN_POLICIES: SignInPolicies = {
  pair: { free: 5, lockAfter: 10, maxDelayMs: 30_000, lockMs: 15 * MINUTE, windowMs: 15 * MINUTE },
  email: { free: 10, lockAfter: 30, maxDelayMs: 30_000, lockMs: 15 * MINUTE, windowMs: 15 * MINUTE },
  address: { free: 20, lockAfter: 100, maxDelayMs: 30_000, lockMs: 60 * MINUTE, windowMs: 60 * MINUTE },
  knownAddressMs: 30 * 24 * 60 * MINUTE,
};

/** The sign-in gate of one request: its client address is already bound. */
export interface SignInGuard {
  /** Counts an attempt for `email`, or refuses with RATE_LIMITED (retryAfter in seconds) while it must wait. */
  begin(email: string): Promise<void>;
  /** The password was right: forgets this address's failures for `email` and remembers the address. */
  succeeded(email: string): Promise<void>;
}

export class SignInThrottle {
  constructor(
    private readonly store: LimitStore,
    readonly policies: SignInPolicies = DEFAULT_SIGN_IN_POLICIES,
  ) {}

  /** The guard for one request from `ip`. */
  forAddress(ip: string | null): SignInGuard {
    let counted: string[] = [];
    return {
      begin: async (email) => {
        counted = await this.begin(email, ip);
      },
      succeeded: (email) => this.succeeded(email, ip, counted),
    };
  }

  /** Counts the attempt; returns the keys it was counted on. */
  async begin(email: string, ip: string | null): Promise<string[]> {
    const keys = keysOf(email, ip);
    const known = await this.store.isMarked(keys.known);
    const entries = [
      { key: keys.pair, policy: this.policies.pair },
      ...(known ? [] : [{ key: keys.email, policy: this.policies.email }]),
      { key: keys.address, policy: this.policies.address },
    ];
    const wait = await this.store.attempt(entries);
    if (wait > 0) {
      const seconds = retryAfterSeconds(wait);
      throw new AppError('RATE_LIMITED', `Too many failed sign-ins; try again in ${describe(seconds)}.`, undefined, seconds);
    }
    return entries.map((e) => e.key);
  }

  /** Resets the (email, address) count, gives back the attempt counted on the others, marks the address. */
  async succeeded(email: string, ip: string | null, counted: readonly string[]): Promise<void> {
    const keys = keysOf(email, ip);
    await this.store.settle(
      [keys.pair],
      counted.filter((key) => key !== keys.pair),
    );
    await this.store.mark(keys.known, this.policies.knownAddressMs);
  }
}

function keysOf(email: string, ip: string | null) {
  const who = emailKey(email);
  const where = addressOf(ip);
  return {
    pair: `signin:pair:${who}:${where}`,
    email: `signin:email:${who}`,
    address: `signin:address:${where}`,
    known: `signin:known:${who}:${where}`,
  };
}

function describe(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
