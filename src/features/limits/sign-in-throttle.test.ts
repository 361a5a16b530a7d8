import { createTestApp, type TestApp } from '../../../test/app';
import { createTenant, PASSWORD } from '../../../test/factories';
import { fromAddress, gqlWith, type LimitedResult, manualClock } from '../../../test/limits';
import { BrowserSignInError, verifyBrowserSignIn } from '../../auth/next-auth';
import { createLimits, type Limits } from './limits';

const SIGN_IN = 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }';
const MINUTE = 60_000;

/** Failed sign-ins slow down, then are refused for a while; the owner of the account is not locked out. */
describe('sign-in throttling', () => {
  let app: TestApp;
  let clock: ReturnType<typeof manualClock>;
  let limits: Limits;
  let ip = 0;
  /** A fresh address per use, so tests do not share counts. */
  const address = () => `203.0.113.${++ip}`;

  beforeAll(async () => {
    app = await createTestApp();
  });
  beforeEach(() => {
    clock = manualClock();
    limits = createLimits({ now: clock.now });
  });
  afterAll(() => app.close());

  const attempt = (email: string, password: string, from: string) =>
    gqlWith<{ signIn: { token: string } }>(app, limits, SIGN_IN, { e: email, p: password }, { ip: from });
  const codeOf = (result: LimitedResult<unknown>) => result.errors?.[0]?.extensions?.code ?? 'OK';
  const fail = async (email: string, from: string, times: number) => {
    for (let i = 0; i < times; i++) expect(codeOf(await attempt(email, 'wrong-password', from))).toBe('UNAUTHENTICATED');
  };

  it('lets five failures through, then makes each next try wait longer (1, 2, 4, 8, 16 s), then refuses for 15 minutes', async () => {
    const { admin } = await createTenant(app);
    const from = address();
    await fail(admin.email, from, 5);
    for (const wait of [1, 2, 4, 8, 16]) {
      const early = await attempt(admin.email, 'wrong-password', from);
      expect(early.status).toBe(429);
      expect(early.headers.get('retry-after')).toBe(String(wait));
      expect(early.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: wait });
      expect(early.errors?.[0]?.message).toBe(`Too many failed sign-ins; try again in ${wait} second${wait === 1 ? '' : 's'}.`);
      clock.advance(wait * 1000);
      await fail(admin.email, from, 1);
    }
    clock.advance(MINUTE);
    const locked = await attempt(admin.email, PASSWORD, from);
    expect(codeOf(locked)).toBe('RATE_LIMITED');
    expect(locked.errors?.[0]?.extensions?.retryAfter).toBe(14 * 60);
    expect(locked.errors?.[0]?.message).toBe('Too many failed sign-ins; try again in 14 minutes.');
    // The lock ends: the right password works again.
    clock.advance(14 * MINUTE);
    expect(codeOf(await attempt(admin.email, PASSWORD, from))).toBe('OK');
  });

  it('refuses even the right password while a wait runs (else the wait would not slow guessing)', async () => {
    const { admin } = await createTenant(app);
    const from = address();
    await fail(admin.email, from, 5);
    expect(codeOf(await attempt(admin.email, PASSWORD, from))).toBe('RATE_LIMITED');
    clock.advance(1000);
    expect(codeOf(await attempt(admin.email, PASSWORD, from))).toBe('OK');
  });

  it('starts over after a successful sign-in from that address', async () => {
    const { admin } = await createTenant(app);
    const from = address();
    await fail(admin.email, from, 4);
    expect(codeOf(await attempt(admin.email, PASSWORD, from))).toBe('OK');
    await fail(admin.email, from, 5);
    expect(codeOf(await attempt(admin.email, 'wrong-password', from))).toBe('RATE_LIMITED');
  });

  it('throttles an unknown email the same way (no hint whether the account exists)', async () => {
    const from = address();
    await fail('nobody-here@example.test', from, 5);
    const early = await attempt('nobody-here@example.test', 'wrong-password', from);
    expect(early.errors?.[0]?.message).toBe('Too many failed sign-ins; try again in 1 second.');
  });

  it('does not slow down the same account from another address, nor another account from the same address', async () => {
    const { admin } = await createTenant(app);
    const other = await createTenant(app);
    const from = address();
    await fail(admin.email, from, 5);
    expect(codeOf(await attempt(admin.email, 'wrong-password', from))).toBe('RATE_LIMITED');
    expect(codeOf(await attempt(admin.email, PASSWORD, address()))).toBe('OK');
    expect(codeOf(await attempt(other.admin.email, PASSWORD, from))).toBe('OK');
  });

  it('refuses an account guessed at from many addresses, but not from addresses its owner signed in from; the refusal expires', async () => {
    const { admin: victim } = await createTenant(app);
    const home = address();
    expect(codeOf(await attempt(victim.email, PASSWORD, home))).toBe('OK');
    // Attackers from ever new addresses: ten failures for the account go through, then each next one waits.
    for (let i = 0; i < 2; i++) await fail(victim.email, address(), 5);
    for (let i = 10; i < 30; i++) {
      const early = await attempt(victim.email, 'wrong-password', address());
      expect(codeOf(early)).toBe('RATE_LIMITED');
      clock.advance(Number(early.errors?.[0]?.extensions?.retryAfter) * 1000);
      await fail(victim.email, address(), 1);
    }
    // Thirty failures: new addresses are refused for 15 minutes, even with the right password.
    const fresh = await attempt(victim.email, PASSWORD, address());
    expect(codeOf(fresh)).toBe('RATE_LIMITED');
    expect(fresh.errors?.[0]?.extensions?.retryAfter).toBe(15 * 60);
    // The owner's known address is not affected.
    expect(codeOf(await attempt(victim.email, PASSWORD, home))).toBe('OK');
    // Windows expire: 15 quiet minutes later a new address may try again.
    clock.advance(15 * MINUTE);
    expect(codeOf(await attempt(victim.email, PASSWORD, address()))).toBe('OK');
  });

  it('slows down one address trying many accounts', async () => {
    limits = createLimits({
      now: clock.now,
      signIn: { address: { free: 4, lockAfter: 6, maxDelayMs: 30_000, lockMs: 60 * MINUTE, windowMs: 60 * MINUTE } },
    });
    const from = address();
    for (let i = 0; i < 4; i++) await fail(`sprayed-${i}@example.test`, from, 1);
    expect(codeOf(await attempt('sprayed-5@example.test', 'wrong-password', from))).toBe('RATE_LIMITED');
    clock.advance(1000);
    await fail('sprayed-6@example.test', from, 1);
    clock.advance(2000);
    await fail('sprayed-7@example.test', from, 1);
    const locked = await attempt('sprayed-8@example.test', 'wrong-password', from);
    expect(locked.errors?.[0]?.extensions?.retryAfter).toBe(60 * 60);
    expect(codeOf(await attempt('sprayed-8@example.test', 'wrong-password', address()))).toBe('UNAUTHENTICATED');
  });

  it('counts parallel guesses before checking them, so a burst cannot slip past', async () => {
    const { admin } = await createTenant(app);
    const from = address();
    const results = await Promise.all(Array.from({ length: 12 }, () => attempt(admin.email, 'wrong-password', from)));
    const codes = results.map(codeOf);
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(7);
  });

  it('applies to browser sign-in (next-auth Credentials), which goes through the same signIn', async () => {
    // The browser path uses the process-wide limits (real clock), as the running portal does.
    const { admin } = await createTenant(app);
    const headers = fromAddress('192.0.2.77');
    const refusal = async (password: string) => {
      try {
        await verifyBrowserSignIn(admin.email, password, headers, app.runtime);
        return 'OK';
      } catch (error) {
        if (error instanceof BrowserSignInError) return error.code;
        throw error;
      }
    };
    for (let i = 0; i < 5; i++) expect(await refusal('wrong-password')).toBe('UNAUTHENTICATED');
    expect(await refusal(PASSWORD)).toBe('RATE_LIMITED');
  });
  it('counts the address the server stamped, whatever X-Forwarded-For or X-Real-IP the client writes', async () => {
    const { admin } = await createTenant(app);
    const from = address();
    const forged = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i}`, 'x-real-ip': `198.51.100.${i}` });
    for (let i = 0; i < 5; i++) {
      const result = await gqlWith(app, limits, SIGN_IN, { e: admin.email, p: 'wrong-password' }, { ip: from, headers: forged(i) });
      expect(codeOf(result)).toBe('UNAUTHENTICATED');
    }
    const sixth = await gqlWith(app, limits, SIGN_IN, { e: admin.email, p: 'wrong-password' }, { ip: from, headers: forged(9) });
    expect(codeOf(sixth)).toBe('RATE_LIMITED');
  });

  it('browser sign-in passes on the stamped address only, never the X-Forwarded-For of the browser', async () => {
    const { admin } = await createTenant(app);
    const stamped = fromAddress('192.0.2.78');
    const refusal = async (i: number) => {
      try {
        await verifyBrowserSignIn(admin.email, 'wrong-password', { ...stamped, 'x-forwarded-for': `198.51.100.${i}` }, app.runtime);
        return 'OK';
      } catch (error) {
        if (error instanceof BrowserSignInError) return error.code;
        throw error;
      }
    };
    for (let i = 0; i < 5; i++) expect(await refusal(i)).toBe('UNAUTHENTICATED');
    expect(await refusal(9)).toBe('RATE_LIMITED');
  });
});
