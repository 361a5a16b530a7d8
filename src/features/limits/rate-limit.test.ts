import { createTestApp, expectData, type TestApp } from '../../../test/app';
import { createTenant, PASSWORD } from '../../../test/factories';
import { gqlWith, manualClock } from '../../../test/limits';
import { createLimits, type Limits } from './limits';

const VIEWER = '{ viewer { user { email } } }';

/** The request budget (token bucket), kept in memory: per token, per user, per address for anonymous callers. */
describe('rate limits in memory', () => {
  let app: TestApp;
  let tenant: Awaited<ReturnType<typeof createTenant>>;
  let clock: ReturnType<typeof manualClock>;
  let limits: Limits;

  beforeAll(async () => {
    app = await createTestApp();
    tenant = await createTenant(app);
  });
  beforeEach(() => {
    clock = manualClock();
    // 60 a minute = one a second, in bursts of 3.
    limits = createLimits({ rate: { perMinute: 60, burst: 3 }, now: clock.now });
  });
  afterAll(() => app.close());

  it('allows a burst, then answers 429 with Retry-After and RATE_LIMITED until a token is back', async () => {
    for (let i = 0; i < 3; i++) {
      const ok = await gqlWith(app, limits, VIEWER, {}, { token: tenant.admin.token });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-ratelimit-limit')).toBe('3');
      expect(ok.headers.get('x-ratelimit-remaining')).toBe(String(2 - i));
    }
    const refused = await gqlWith(app, limits, VIEWER, {}, { token: tenant.admin.token });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 1 });
    expect(refused.errors?.[0]?.message).toMatch(/Too many requests: the limit is 60 per minute \(bursts of 3\)\. Retry in 1 s\./);

    clock.advance(1000);
    expect((await gqlWith(app, limits, VIEWER, {}, { token: tenant.admin.token })).status).toBe(200);
    expect((await gqlWith(app, limits, VIEWER, {}, { token: tenant.admin.token })).status).toBe(429);
  });

  it('counts a refused mutation as not done: nothing changes', async () => {
    for (let i = 0; i < 3; i++) await gqlWith(app, limits, VIEWER, {}, { token: tenant.admin.token });
    const refused = await gqlWith(
      app,
      limits,
      'mutation { createApplicationToken(description: "over the limit") { token } }',
      {},
      { token: tenant.admin.token },
    );
    expect(refused.status).toBe(429);
    const list = expectData(
      await app.gql<{ applicationTokens: { edges: { node: { description: string } }[] } }>(
        '{ applicationTokens(first: 500) { edges { node { description } } } }',
        {},
        { token: tenant.admin.token },
      ),
    );
    expect(list.applicationTokens.edges.map((e) => e.node.description)).not.toContain('over the limit');
  });

  it('shares one budget across all sessions of a user, apart from other users', async () => {
    const second = await app.signIn(tenant.admin.email, PASSWORD);
    for (const token of [tenant.admin.token, second, tenant.admin.token])
      expect((await gqlWith(app, limits, VIEWER, {}, { token })).status).toBe(200);
    expect((await gqlWith(app, limits, VIEWER, {}, { token: second })).status).toBe(429);
    const other = await createTenant(app);
    expect((await gqlWith(app, limits, VIEWER, {}, { token: other.admin.token })).status).toBe(200);
  });

  it('gives each application token its own budget, apart from its creator and from other tokens', async () => {
    const make = async (description: string) =>
      expectData(
        await app.gql<{ createApplicationToken: { token: string } }>(
          `mutation { createApplicationToken(description: "${description}") { token } }`,
          {},
          { token: tenant.admin.token },
        ),
      ).createApplicationToken.token;
    const first = await make('rate one');
    const second = await make('rate two');
    for (let i = 0; i < 3; i++) expect((await gqlWith(app, limits, VIEWER, {}, { token: first })).status).toBe(200);
    expect((await gqlWith(app, limits, VIEWER, {}, { token: first })).status).toBe(429);
    expect((await gqlWith(app, limits, VIEWER, {}, { token: second })).status).toBe(200);
    expect((await gqlWith(app, limits, VIEWER, {}, { token: tenant.admin.token })).status).toBe(200);
  });

  it('counts anonymous callers per address, and wrong tokens against the address too', async () => {
    for (let i = 0; i < 2; i++) expect((await gqlWith(app, limits, '{ __typename }', {}, { ip: '198.51.100.7' })).status).toBe(200);
    const wrong = await gqlWith(app, limits, VIEWER, {}, { ip: '198.51.100.7', token: 'iotp_not-a-real-token' });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const refused = await gqlWith(app, limits, '{ __typename }', {}, { ip: '198.51.100.7' });
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // Once the address is out of budget, wrong tokens from it are answered 429 too.
    expect((await gqlWith(app, limits, VIEWER, {}, { ip: '198.51.100.7', token: 'iotp_not-a-real-token' })).status).toBe(429);
    expect((await gqlWith(app, limits, '{ __typename }', {}, { ip: '198.51.100.8' })).status).toBe(200);
    // A signed-in caller from the same address has their own budget.
    expect((await gqlWith(app, limits, VIEWER, {}, { ip: '198.51.100.7', token: tenant.admin.token })).status).toBe(200);
  });

  it('counts IPv6 callers by /64', async () => {
    for (let i = 0; i < 3; i++)
      expect((await gqlWith(app, limits, '{ __typename }', {}, { ip: `2001:db8:1:2::${i + 1}` })).status).toBe(200);
    expect((await gqlWith(app, limits, '{ __typename }', {}, { ip: '2001:db8:1:2:ffff::9' })).status).toBe(429);
    expect((await gqlWith(app, limits, '{ __typename }', {}, { ip: '2001:db8:1:3::1' })).status).toBe(200);
  });

  it('can be turned off (RATE_LIMIT_PER_MINUTE=0)', async () => {
    const off = createLimits({ rate: { perMinute: 0, burst: 0 } });
    for (let i = 0; i < 10; i++) expect((await gqlWith(app, off, '{ __typename }', {}, { ip: '198.51.100.9' })).status).toBe(200);
  });
});
