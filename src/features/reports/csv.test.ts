import { createTestApp, type TestApp } from '../../../test/app';
import { addMember, createOrg, createTenant, createWorkspace, memberWithRole, registerSims, switchTo } from '../../../test/factories';
import { createLimits } from '../limits/limits';
import { csvField, DAILY_CSV_COLUMNS, handleDailyCsv } from './csv';
import { applicationToken, bodyText, browserCookie, recordUsage, usage } from './test-helpers';

const HEADER = DAILY_CSV_COLUMNS.join(',');

describe('GET /api/reports/daily.csv', () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<typeof memberWithRole>>;
  let eur: { id: string; name: string };
  let usd: { id: string; name: string };
  let outsider: Awaited<ReturnType<typeof createTenant>>;

  beforeAll(async () => {
    app = await createTestApp();
    eur = await createWorkspace(app, (await createOrg(app, { currency: 'EUR' })).id, '=HYPERLINK("x"), Munich');
    usd = await createWorkspace(app, (await createOrg(app, { currency: 'USD' })).id);
    admin = await memberWithRole(app, eur.id, 'ADMINISTRATOR');
    await addMember(app, usd.id, admin.id, 'OBSERVER');
    const [eurSim] = await registerSims(app, admin.token, 1);
    const [usdSim] = await registerSims(app, (await memberWithRole(app, usd.id, 'USER')).token, 1);
    outsider = await createTenant(app);
    await recordUsage(app, [
      usage(eurSim?.iccid ?? '', '2026-05-02', { bytesUp: 10, bytesDown: 20, smsSent: 1, smsReceived: 2, cost: 0.1 }),
      usage(usdSim?.iccid ?? '', '2026-05-03', { bytesUp: 3e12, cost: 1234.5678 }),
    ]);
  });
  afterAll(() => app.close());

  const get = (query: string, headers: Record<string, string> = {}) =>
    handleDailyCsv(new Request(`http://portal.test/api/reports/daily.csv${query}`, { headers }), app.runtime);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('streams one row per Workspace and day, zeros included, cost exact in each currency', async () => {
    const response = await get(`?startDate=2026-05-01&endDate=2026-05-03&workspaceIds=${eur.id},${usd.id}`, bearer(admin.token));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('daily-usage-2026-05-01-to-2026-05-03.csv');
    const lines = (await bodyText(response)).split('\r\n');
    expect(lines).toEqual([
      HEADER,
      `${eur.id},"'=HYPERLINK(""x""), Munich",EUR,2026-05-01,0,0,0,0,0.0000`,
      `${eur.id},"'=HYPERLINK(""x""), Munich",EUR,2026-05-02,10,20,1,2,0.1000`,
      `${eur.id},"'=HYPERLINK(""x""), Munich",EUR,2026-05-03,0,0,0,0,0.0000`,
      `${usd.id},${usd.name},USD,2026-05-01,0,0,0,0,0.0000`,
      `${usd.id},${usd.name},USD,2026-05-02,0,0,0,0,0.0000`,
      `${usd.id},${usd.name},USD,2026-05-03,3000000000000,0,0,0,1234.5678`,
      '',
    ]);
  });

  it('defaults like the query: the last 30 days, every Workspace the viewer can enter', async () => {
    const lines = (await bodyText(await get('', bearer(admin.token)))).trim().split('\r\n');
    expect(lines).toHaveLength(1 + 2 * 30);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set([eur.id, usd.id]));
  });

  it("accepts the browser's session cookie, and repeated workspaceIds", async () => {
    const cookie = await browserCookie(app, admin.id);
    const response = await get(`?startDate=2026-05-02&endDate=2026-05-02&workspaceIds=${usd.id}&workspaceIds=${eur.id}`, {
      cookie,
      'x-workspace-id': usd.id,
    });
    expect(response.status).toBe(200);
    const rows = (await bodyText(response)).trim().split('\r\n').slice(1);
    expect(rows.map((r) => r.split(',')[0])).toEqual([usd.id, eur.id]);
  });

  it('reads the session cookie beside a cookie that does not decode (theme=100%), which it ignores', async () => {
    const cookie = await browserCookie(app, admin.id);
    for (const header of [`theme=100%; ${cookie}`, `${cookie}; theme=100%`]) {
      const response = await get(`?startDate=2026-05-02&endDate=2026-05-02&workspaceIds=${eur.id}`, { cookie: header });
      expect(response.status).toBe(200);
      expect((await bodyText(response)).trim().split('\r\n')).toHaveLength(2);
    }
    const anonymous = await get('', { cookie: 'theme=100%' });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a Workspace the viewer cannot enter with 404 NOT_FOUND, and an application token beyond its own', async () => {
    const response = await get(`?workspaceIds=${eur.id},${outsider.workspace.id}`, bearer(admin.token));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'NOT_FOUND', field: 'workspaceIds' } }],
    });
    const token = await applicationToken(app, await switchTo(app, admin.token, usd.id));
    const own = (await bodyText(await get('?startDate=2026-05-03&endDate=2026-05-03', bearer(token)))).trim().split('\r\n');
    expect(own.slice(1).map((r) => r.split(',')[0])).toEqual([usd.id]);
    expect((await get(`?workspaceIds=${eur.id}`, bearer(token))).status).toBe(404);
  });

  it('answers 401 without credentials and 400 naming the field for bad dates or ranges', async () => {
    const anonymous = await get('');
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    for (const [query, field] of [
      ['?startDate=2026-13-01', 'startDate'],
      ['?endDate=yesterday', 'endDate'],
      ['?startDate=2026-05-03&endDate=2026-05-01', 'startDate'],
      ['?startDate=2024-01-01&endDate=2025-01-01', 'startDate'],
    ] as const) {
      const response = await get(query, bearer(admin.token));
      expect(response.status).toBe(400);
      expect((await response.json()).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    }
    // A cookie for a Workspace the user cannot enter: the same answer as for one that does not exist.
    const cookie = await browserCookie(app, admin.id);
    expect((await get('', { cookie, 'x-workspace-id': outsider.workspace.id })).status).toBe(404);
  });

  it("spends the caller's request budget like the GraphQL API (429 with Retry-After when it is empty)", async () => {
    const limits = createLimits({ rate: { perMinute: 2 } });
    const call = () =>
      handleDailyCsv(new Request('http://portal.test/api/reports/daily.csv', { headers: bearer(admin.token) }), app.runtime, { limits });
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await refused.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    await limits.close();
  });

  it('quotes text fields and defuses spreadsheet formulas', () => {
    expect(csvField('Munich')).toBe('Munich');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('+49 team')).toBe("'+49 team");
    expect(csvField('@sum')).toBe("'@sum");
  });
});
