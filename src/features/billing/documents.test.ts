import { sql } from 'drizzle-orm';
import { createTestApp, expectData, type TestApp } from '../../../test/app';
import { createTenant, createWorkspace, memberWithRole, PASSWORD, switchTo } from '../../../test/factories';
import { bodyText, browserCookie, recordUsage, usage } from '../reports/test-helpers';
import { handleInvoiceDocument } from './documents';
import { billedWorkspace, currentMonthLabel, invoiceOf, pastActivation, pastPriceList } from './test-helpers';

describe('GET /api/invoices/<workspaceId>/<month> (CSV and printable HTML)', () => {
  let app: TestApp;
  let t: Awaited<ReturnType<typeof billedWorkspace>>;
  let other: Awaited<ReturnType<typeof createTenant>>;
  beforeAll(async () => {
    app = await createTestApp();
    t = await billedWorkspace(app, { currency: 'EUR', vatRate: '19', createdAt: '2026-01-15T10:00:00Z', sims: 1 });
    await app.database.db.execute(sql`UPDATE workspaces SET name = '<b>Fleet & "Co"</b>' WHERE id = ${t.workspace.id}::uuid`);
    expectData(
      await app.gql(
        'mutation { updateBillingProfile(input: { vatNumber: "DE123", billingEmail: "ap@example.test" }) { vatNumber } }',
        {},
        { token: t.admin.token },
      ),
    );
    await pastPriceList(app, t.workspace.id, '2026-01-01', 'EUR', { fee: '2.5', perMb: '0.01', perSms: '0.05' });
    await pastActivation(app, t.workspace.id, t.sims[0]?.id ?? '', '2026-02-01T00:00:00Z', null);
    await recordUsage(app, [usage(t.sims[0]?.iccid ?? '', '2026-03-09', { bytesUp: 123_456_789, smsSent: 3, smsReceived: 1 })]);
    other = await createTenant(app);
  });
  afterAll(() => app.close());

  const get = (workspaceId: string, month: string, query = '', headers: Record<string, string> = {}) =>
    handleInvoiceDocument(new Request(`http://portal.test/api/invoices/${workspaceId}/${month}${query}`, { headers }), app.runtime, {
      workspaceId,
      month,
    });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('exports an issued invoice as CSV with exact amounts', async () => {
    const invoice = await invoiceOf(app, t.admin.token, '2026-03');
    const response = await get(t.workspace.id, '2026-03', '?format=csv', bearer(t.admin.token));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="invoice-${invoice.number}.csv"`);
    const lines = (await bodyText(response)).split('\r\n');
    expect(lines.slice(0, 2)).toEqual([`invoice_number,${invoice.number}`, 'status,ISSUED']);
    expect(lines).toContain('workspace_name,"<b>Fleet & ""Co""</b>"');
    expect(lines).toContain('vat_number,DE123');
    expect(lines).toContain('vat_rate_percent,19.00');
    // 2.5 + 123.456789 MB x 0.01 = 1.23456789 -> 1.23; 4 SMS x 0.05 = 0.20.
    const table = lines.slice(lines.indexOf('kind,description,quantity,unit,unit_price,amount,currency'));
    expect(table).toEqual([
      'kind,description,quantity,unit,unit_price,amount,currency',
      'SIM_FEE,Monthly fee per SIM activated during the month,1,SIM,2.50,2.50,EUR',
      'DATA,"Data, up and down (1 MB = 1,000,000 bytes)",123.456789,MB,0.01,1.23,EUR',
      'SMS,"SMS, sent and received",4,SMS,0.05,0.20,EUR',
      'SUBTOTAL,Subtotal,,,,3.93,EUR',
      'VAT,VAT 19.00%,,,,0.75,EUR',
      'TOTAL,Total,,,,4.68,EUR',
      '',
    ]);
    expect([invoice.subtotal.amount, invoice.vat.amount, invoice.total.amount]).toEqual(['3.93', '0.75', '4.68']);
  });

  it('renders a printable HTML page, escaping every text', async () => {
    const response = await get(t.workspace.id, '2026-03', '', bearer(t.admin.token));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await bodyText(response);
    expect(html).toContain('&lt;b&gt;Fleet &amp; &quot;Co&quot;&lt;/b&gt;');
    expect(html).not.toContain('<b>Fleet');
    expect(html).toContain('4.68 EUR');
    expect(html).toMatch(/<h1>Invoice INV-202603-\d{6}<\/h1>/);
    const preview = await bodyText(await get(t.workspace.id, currentMonthLabel(), '?format=html', bearer(t.admin.token)));
    expect(preview).toContain('Preview');
  });

  it("works from a browser link: the session cookie acts in the URL's Workspace", async () => {
    const second = await createWorkspace(app, t.org.id);
    await app.gql(
      'mutation($w: ID!, $u: ID!) { addMember(workspaceId: $w, userId: $u, role: ADMINISTRATOR) { role } }',
      { w: second.id, u: t.admin.id },
      { token: await app.opsToken() },
    );
    const cookie = await browserCookie(app, t.admin.id);
    // The page's x-workspace-id names another Workspace: the URL wins.
    const response = await get(t.workspace.id, '2026-03', '?format=csv', { cookie, 'x-workspace-id': second.id });
    expect(response.status).toBe(200);
    expect(await bodyText(response)).toContain(`workspace_id,${t.workspace.id}`);
    // A Workspace the user cannot enter: 404, as if it did not exist.
    expect((await get(other.workspace.id, currentMonthLabel(), '', { cookie })).status).toBe(404);
  });

  it("refuses another Workspace's invoice with 404 NOT_FOUND, whatever the credential", async () => {
    for (const workspaceId of [other.workspace.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const response = await get(workspaceId, currentMonthLabel(), '?format=csv', bearer(t.admin.token));
      expect(response.status).toBe(404);
      expect((await response.json()).errors[0].extensions.code).toBe('NOT_FOUND');
    }
    // The other tenant cannot fetch this Workspace's invoice either.
    expect((await get(t.workspace.id, '2026-03', '?format=csv', bearer(other.admin.token))).status).toBe(404);
    // A month before the Workspace existed.
    const early = await get(t.workspace.id, '2025-12', '', bearer(t.admin.token));
    expect(early.status).toBe(404);
    expect((await early.json()).errors[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'month' });
  });

  it('answers 403 for User and Observer, 401 without credentials, 400 for a bad month or format', async () => {
    for (const role of ['USER', 'OBSERVER'] as const) {
      const member = await memberWithRole(app, t.workspace.id, role);
      const response = await get(t.workspace.id, '2026-03', '?format=csv', bearer(member.token));
      expect(response.status).toBe(403);
      expect((await response.json()).errors[0].extensions.code).toBe('FORBIDDEN');
    }
    expect((await get(t.workspace.id, '2026-03')).status).toBe(401);
    const badMonth = await get(t.workspace.id, '2026-3', '', bearer(t.admin.token));
    expect(badMonth.status).toBe(400);
    expect((await badMonth.json()).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'month' });
    const badFormat = await get(t.workspace.id, '2026-03', '?format=pdf', bearer(t.admin.token));
    expect(badFormat.status).toBe(400);
    expect((await badFormat.json()).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'format' });
    // A session token bound to another Workspace of the same user must switch first.
    const elsewhere = await createTenant(app);
    const token = await switchTo(app, await app.signIn(t.admin.email, PASSWORD), t.workspace.id);
    expect((await get(elsewhere.workspace.id, '2026-03', '', bearer(token))).status).toBe(404);
  });
});
