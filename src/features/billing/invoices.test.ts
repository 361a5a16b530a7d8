import { sql } from 'drizzle-orm';
import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import { createTenant, type TestSim } from '../../../test/factories';
import { enterRuntimeRole } from '../../db/rls';
import { queryRows } from '../../db/rows';
import { recordUsage, usage } from '../reports/test-helpers';
import { currentMonth, monthsDescending } from './months';
import {
  billedWorkspace,
  currentMonthLabel,
  INVOICE_FIELDS,
  type InvoiceView,
  invoiceOf,
  lineFigures,
  pastActivation,
  pastPriceList,
  totalsOf,
} from './test-helpers';

const CREATED = '2026-01-15T10:00:00Z';

describe('invoice arithmetic', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('rounds each line to the minor unit (half away from zero), then VAT on the subtotal (19%)', async () => {
    const t = await billedWorkspace(app, { currency: 'EUR', vatRate: '19', createdAt: CREATED, sims: 3 });
    const [a, b, c] = t.sims as [TestSim, TestSim, TestSim, ...TestSim[]];
    await pastPriceList(app, t.workspace.id, '2026-01-01', 'EUR', { fee: '0.005', perMb: '0.01', perSms: '0.005' });
    // a: activated mid-March only; b: activated in February until exactly midnight March 1st; c: from the last second of April on.
    await pastActivation(app, t.workspace.id, a.id, '2026-03-15T12:00:00Z', '2026-03-20T08:00:00Z');
    await pastActivation(app, t.workspace.id, b.id, '2026-02-10T09:00:00Z', '2026-03-01T00:00:00Z');
    await pastActivation(app, t.workspace.id, c.id, '2026-04-30T23:59:59Z', null);
    await recordUsage(app, [
      usage(a.iccid, '2026-03-15', { bytesUp: 200_000, bytesDown: 100_000, smsSent: 1 }),
      usage(c.iccid, '2026-03-31', { bytesDown: 200_000 }),
    ]);
    const march = await invoiceOf(app, t.admin.token, '2026-03');
    expect(march).toMatchObject({
      month: '2026-03',
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      status: 'ISSUED',
      currency: 'EUR',
      vatRate: '19.00',
    });
    // 1 SIM x 0.005 = 0.005 -> 0.01; 0.5 MB x 0.01 = 0.005 -> 0.01; 1 SMS x 0.005 -> 0.01. Rounding the sum instead would give 0.02.
    expect(lineFigures(march)).toEqual([
      ['SIM_FEE', '1', '0.005', '0.01'],
      ['DATA', '0.5', '0.01', '0.01'],
      ['SMS', '1', '0.005', '0.01'],
    ]);
    // VAT: 0.03 x 19% = 0.0057 -> 0.01.
    expect(totalsOf(march)).toEqual(['0.03', '0.01', '0.04']);
    expect(march.lines.every((l) => l.amount.currency === 'EUR' && l.unitPrice.currency === 'EUR')).toBe(true);
    // A SIM activated at any time in a month pays the whole month: b in February, c in April and May.
    expect(lineFigures(await invoiceOf(app, t.admin.token, '2026-02'))[0]).toEqual(['SIM_FEE', '1', '0.005', '0.01']);
    expect(lineFigures(await invoiceOf(app, t.admin.token, '2026-04'))[0]).toEqual(['SIM_FEE', '1', '0.005', '0.01']);
    expect(lineFigures(await invoiceOf(app, t.admin.token, '2026-05'))[0]).toEqual(['SIM_FEE', '1', '0.005', '0.01']);
  });

  it('charges VAT at 0%: total equals subtotal', async () => {
    const t = await billedWorkspace(app, { currency: 'USD', vatRate: '0', createdAt: CREATED, sims: 3 });
    await pastPriceList(app, t.workspace.id, '2026-02-01', 'USD', { fee: '9.99', perMb: '0.333333', perSms: '0.0125' });
    for (const sim of t.sims) await pastActivation(app, t.workspace.id, sim.id, '2026-01-20T00:00:00Z', null);
    await recordUsage(app, [
      usage(t.sims[0]?.iccid ?? '', '2026-02-03', { bytesUp: 1_000_000, bytesDown: 1_500_000, smsSent: 4 }),
      usage(t.sims[1]?.iccid ?? '', '2026-02-28', { smsReceived: 3 }),
    ]);
    const february = await invoiceOf(app, t.admin.token, '2026-02');
    // 3 x 9.99 = 29.97; 2.5 MB x 0.333333 = 0.8333325 -> 0.83; 7 x 0.0125 = 0.0875 -> 0.09.
    expect(lineFigures(february)).toEqual([
      ['SIM_FEE', '3', '9.99', '29.97'],
      ['DATA', '2.5', '0.333333', '0.83'],
      ['SMS', '7', '0.0125', '0.09'],
    ]);
    expect(totalsOf(february)).toEqual(['30.89', '0.00', '30.89']);
    // January came before the price list: billed at zero prices, never at February's.
    expect(totalsOf(await invoiceOf(app, t.admin.token, '2026-01'))).toEqual(['0.00', '0.00', '0.00']);
  });

  it("rounds to the currency's minor unit: none for JPY, three digits for BHD", async () => {
    const jpy = await billedWorkspace(app, { currency: 'JPY', vatRate: '10', createdAt: CREATED, sims: 1 });
    await pastPriceList(app, jpy.workspace.id, '2026-01-01', 'JPY', { fee: '100.5', perMb: '1.5', perSms: '0.4' });
    await pastActivation(app, jpy.workspace.id, jpy.sims[0]?.id ?? '', '2026-03-31T23:00:00Z', '2026-04-01T01:00:00Z');
    await recordUsage(app, [usage(jpy.sims[0]?.iccid ?? '', '2026-03-10', { bytesUp: 1_000_000, smsSent: 3 })]);
    const yen = await invoiceOf(app, jpy.admin.token, '2026-03');
    expect(lineFigures(yen)).toEqual([
      ['SIM_FEE', '1', '100.5', '101'],
      ['DATA', '1', '1.5', '2'],
      ['SMS', '3', '0.4', '1'],
    ]);
    expect(totalsOf(yen)).toEqual(['104', '10', '114']);

    const bhd = await billedWorkspace(app, { currency: 'BHD', vatRate: '10', createdAt: CREATED, sims: 1 });
    await pastPriceList(app, bhd.workspace.id, '2026-01-01', 'BHD', { fee: '1.0005', perMb: '0', perSms: '0' });
    await pastActivation(app, bhd.workspace.id, bhd.sims[0]?.id ?? '', '2026-03-02T00:00:00Z', null);
    const dinar = await invoiceOf(app, bhd.admin.token, '2026-03');
    expect(lineFigures(dinar)[0]).toEqual(['SIM_FEE', '1', '1.0005', '1.001']);
    expect(totalsOf(dinar)).toEqual(['1.001', '0.100', '1.101']);
  });

  it('bills a month with no usage and no active SIM at zero, with every line present', async () => {
    const t = await billedWorkspace(app, { currency: 'GBP', vatRate: '20', createdAt: CREATED, sims: 1 });
    await pastPriceList(app, t.workspace.id, '2026-01-01', 'GBP', { fee: '2.50', perMb: '0.02', perSms: '0.05' });
    const june = await invoiceOf(app, t.admin.token, '2026-06');
    expect(lineFigures(june)).toEqual([
      ['SIM_FEE', '0', '2.50', '0.00'],
      ['DATA', '0', '0.02', '0.00'],
      ['SMS', '0', '0.05', '0.00'],
    ]);
    expect(totalsOf(june)).toEqual(['0.00', '0.00', '0.00']);
  });

  it('charges the current month for a SIM activated now, even once suspended again (preview)', async () => {
    const t = await billedWorkspace(app, { currency: 'EUR', vatRate: '19', sims: 2 });
    const ops = await app.opsToken();
    expectData(
      await app.gql(
        'mutation($w: ID!) { setPriceList(workspaceId: $w, input: { feePerActivatedSim: "1.50", pricePerMb: "0", pricePerSms: "0" }) { currency } }',
        { w: t.workspace.id },
        { token: ops },
      ),
    );
    const before = await invoiceOf(app, t.admin.token, currentMonthLabel());
    expect(before).toMatchObject({ status: 'PREVIEW', number: null, issuedAt: null });
    expect(lineFigures(before)[0]).toEqual(['SIM_FEE', '0', '1.50', '0.00']);
    const UPDATE = 'mutation($id: ID!, $s: SimStatus!) { updateSim(id: $id, input: { status: $s }) { status } }';
    expectData(await app.gql(UPDATE, { id: t.sims[0]?.id, s: 'ACTIVATED' }, { token: t.admin.token }));
    expectData(await app.gql(UPDATE, { id: t.sims[0]?.id, s: 'SUSPENDED' }, { token: t.admin.token }));
    expectData(await app.gql(UPDATE, { id: t.sims[1]?.id, s: 'ACTIVATED' }, { token: t.admin.token }));
    const after = await invoiceOf(app, t.admin.token, currentMonthLabel());
    expect(lineFigures(after)[0]).toEqual(['SIM_FEE', '2', '1.50', '3.00']);
    expect(totalsOf(after)).toEqual(['3.00', '0.57', '3.57']);
    // The trigger keeps the history: one closed period, one open.
    const periods = await queryRows<{ sim_id: string; open: boolean }>(
      app.database.db,
      sql`SELECT sim_id::text, ended_at IS NULL AS open FROM sim_activation_periods WHERE workspace_id = ${t.workspace.id}::uuid ORDER BY started_at`,
    );
    expect(periods.map((p) => [p.sim_id, p.open]).sort()).toEqual(
      [
        [t.sims[0]?.id, false],
        [t.sims[1]?.id, true],
      ].sort(),
    );
  });
});

describe('issued invoices are immutable; the current month is a preview', () => {
  let app: TestApp;
  let t: Awaited<ReturnType<typeof billedWorkspace>>;
  beforeAll(async () => {
    app = await createTestApp();
    t = await billedWorkspace(app, { currency: 'EUR', vatRate: '19', createdAt: CREATED, sims: 1 });
    await pastPriceList(app, t.workspace.id, '2026-01-01', 'EUR', { fee: '1', perMb: '0.10', perSms: '0.10' });
    await pastActivation(app, t.workspace.id, t.sims[0]?.id ?? '', '2026-01-20T00:00:00Z', null);
    await recordUsage(app, [usage(t.sims[0]?.iccid ?? '', '2026-03-05', { bytesUp: 10_000_000, smsSent: 10 })]);
  });
  afterAll(() => app.close());

  it('keeps an issued invoice unchanged when usage is replayed, prices or VAT change afterwards', async () => {
    const first = await invoiceOf(app, t.admin.token, '2026-03');
    expect(first).toMatchObject({ status: 'ISSUED', number: expect.stringMatching(/^INV-202603-\d{6}$/), issuedAt: expect.any(String) });
    expect(totalsOf(first)).toEqual(['3.00', '0.57', '3.57']);
    // Corrections arrive after issue: more usage, new VAT rate, a new price list and a new VAT number.
    await recordUsage(app, [usage(t.sims[0]?.iccid ?? '', '2026-03-05', { bytesUp: 90_000_000, smsSent: 100 })]);
    await app.database.db.execute(sql`UPDATE price_lists SET fee_per_sim = 50 WHERE workspace_id = ${t.workspace.id}::uuid`);
    const ops = await app.opsToken();
    expectData(
      await app.gql(
        'mutation($o: ID!) { updateOrganizationBilling(organizationId: $o, input: { vatRate: "7", vatNumber: "DE999" }) { id } }',
        { o: t.org.id },
        { token: ops },
      ),
    );
    expect(await invoiceOf(app, t.admin.token, '2026-03')).toEqual(first);
    // The database refuses edits even by the table owner.
    await expect(
      app.database.db.execute(sql`UPDATE invoices SET total = 0 WHERE workspace_id = ${t.workspace.id}::uuid`),
    ).rejects.toThrow();
    await expect(app.database.db.execute(sql`DELETE FROM invoice_lines WHERE workspace_id = ${t.workspace.id}::uuid`)).rejects.toThrow();
    // A month not issued yet is issued now, with today's terms.
    const april = await invoiceOf(app, t.admin.token, '2026-04');
    expect(april).toMatchObject({ status: 'ISSUED', vatRate: '7.00', billTo: { vatNumber: 'DE999' } });
  });

  it('computes the current month live until it ends', async () => {
    const now = currentMonthLabel();
    const before = await invoiceOf(app, t.admin.token, now);
    expect(before.status).toBe('PREVIEW');
    await recordUsage(app, [usage(t.sims[0]?.iccid ?? '', new Date().toISOString().slice(0, 10), { smsSent: 5 })]);
    const after = await invoiceOf(app, t.admin.token, now);
    expect(after.status).toBe('PREVIEW');
    expect(after.lines[2]?.quantity).toBe(String(Number(before.lines[2]?.quantity) + 5));
  });

  it('lists invoices newest first, the preview first, with cursors, and issues each month once', async () => {
    const LIST = `query($f: Int, $a: String) { invoices(first: $f, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${INVOICE_FIELDS} } } } }`;
    type Page = {
      invoices: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: InvoiceView }[] };
    };
    const expected = monthsDescending(currentMonth(), '2026-01-01').map((m) => m.slice(0, 7));
    const seen: InvoiceView[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: Page = expectData(await app.gql<Page>(LIST, { f: 2, a: after }, { token: t.admin.token }));
      expect(page.invoices.totalCount).toBe(expected.length);
      seen.push(...page.invoices.edges.map((e) => e.node));
      after = page.invoices.pageInfo.endCursor;
      if (!page.invoices.pageInfo.hasNextPage) break;
    }
    expect(seen.map((i) => i.month)).toEqual(expected);
    expect(seen[0]).toMatchObject({ status: 'PREVIEW', number: null });
    expect(seen.slice(1).every((i) => i.status === 'ISSUED' && i.workspace.id === t.workspace.id)).toBe(true);
    // Issued once each, numbers unique.
    expect(new Set(seen.slice(1).map((i) => i.number)).size).toBe(expected.length - 1);
    const [{ n }] = (await queryRows<{ n: number }>(
      app.database.db,
      sql`SELECT count(*)::int AS n FROM invoices WHERE workspace_id = ${t.workspace.id}::uuid`,
    )) as [{ n: number }];
    expect(n).toBe(expected.length - 1);
    expectError(
      await app.gql('query($f: Int) { invoices(first: $f) { totalCount } }', { f: 501 }, { token: t.admin.token }),
      'BAD_USER_INPUT',
      'first',
    );
    expectError(await app.gql(LIST, { a: 'bogus' }, { token: t.admin.token }), 'BAD_USER_INPUT', 'after');
  });

  it('answers NOT_FOUND for a month before the Workspace existed or in the future, BAD_USER_INPUT for a malformed one', async () => {
    const INVOICE = 'query($m: String!) { invoice(month: $m) { month } }';
    expectError(await app.gql(INVOICE, { m: '2025-12' }, { token: t.admin.token }), 'NOT_FOUND', 'month');
    expectError(await app.gql(INVOICE, { m: `${new Date().getUTCFullYear() + 1}-01` }, { token: t.admin.token }), 'NOT_FOUND', 'month');
    for (const m of ['2026-3', '2026-13', 'March', '2026-03-01'])
      expectError(await app.gql(INVOICE, { m }, { token: t.admin.token }), 'BAD_USER_INPUT', 'month');
  });

  it("keeps every Workspace's invoices apart", async () => {
    const other = await createTenant(app, { currency: 'USD' });
    const LIST = 'query { invoices { totalCount edges { node { month workspace { id } currency } } } }';
    const theirs = expectData(
      await app.gql<{
        invoices: { totalCount: number; edges: { node: { month: string; workspace: { id: string }; currency: string } }[] };
      }>(LIST, {}, { token: other.admin.token }),
    );
    // Created this month: only the preview, in its own currency.
    expect(theirs.invoices.totalCount).toBe(1);
    expect(theirs.invoices.edges.map((e) => e.node)).toEqual([
      { month: currentMonthLabel(), workspace: { id: other.workspace.id }, currency: 'USD' },
    ]);
    // The months of the other Workspace's history do not exist for them.
    expectError(await app.gql('query { invoice(month: "2026-03") { month } }', {}, { token: other.admin.token }), 'NOT_FOUND', 'month');
  });

  it('hides billing rows of other Workspaces at the database level (row-level security alone)', async () => {
    await invoiceOf(app, t.admin.token, '2026-02');
    const other = await createTenant(app);
    const visible = (workspaceIds: string[]) =>
      app.database.db.transaction(async (tx) => {
        await enterRuntimeRole(tx, { workspaceIds, userId: null, operator: false });
        // No Workspace filter on purpose: only the policies stand between the tenants.
        return queryRows<{ t: string; n: number }>(
          tx,
          sql`SELECT 'invoices' AS t, count(*)::int AS n FROM invoices UNION ALL SELECT 'invoice_lines', count(*)::int FROM invoice_lines
              UNION ALL SELECT 'price_lists', count(*)::int FROM price_lists UNION ALL SELECT 'sim_activation_periods', count(*)::int FROM sim_activation_periods`,
        );
      });
    expect((await visible([other.workspace.id])).map((r) => r.n)).toEqual([0, 0, 0, 0]);
    expect((await visible([t.workspace.id])).every((r) => r.n > 0)).toBe(true);
    await expect(
      app.database.db.transaction(async (tx) => {
        await enterRuntimeRole(tx, { workspaceIds: [other.workspace.id], userId: null, operator: false });
        await tx.execute(
          sql`INSERT INTO price_lists (workspace_id, effective_month, currency, fee_per_sim, price_per_mb, price_per_sms) VALUES (${t.workspace.id}::uuid, '2030-01-01', 'EUR', 0, 0, 0)`,
        );
      }),
    ).rejects.toThrow();
  });

  it('lets ops issue a past month for every Workspace at once, once', async () => {
    const ISSUE = 'mutation($m: String!) { issueInvoices(month: $m) }';
    const ops = await app.opsToken();
    const late = await billedWorkspace(app, { currency: 'EUR', vatRate: '19', createdAt: '2026-05-20T00:00:00Z' });
    const juneCount = async () =>
      (
        (await queryRows<{ n: number }>(app.database.db, sql`SELECT count(*)::int AS n FROM invoices WHERE month = '2026-06-01'`))[0] as {
          n: number;
        }
      ).n;
    const before = await juneCount();
    const issued = expectData(await app.gql<{ issueInvoices: number }>(ISSUE, { m: '2026-06' }, { token: ops })).issueInvoices;
    expect(issued).toBeGreaterThanOrEqual(1);
    expect(await juneCount()).toBe(before + issued);
    expect(expectData(await app.gql<{ issueInvoices: number }>(ISSUE, { m: '2026-06' }, { token: ops })).issueInvoices).toBe(0);
    const june = await invoiceOf(app, late.admin.token, '2026-06');
    expect(june.status).toBe('ISSUED');
    // Created in May: nothing for April.
    expect(expectData(await app.gql<{ issueInvoices: number }>(ISSUE, { m: '2026-04' }, { token: ops })).issueInvoices).toBe(0);
    expectError(await app.gql('query { invoice(month: "2026-04") { month } }', {}, { token: late.admin.token }), 'NOT_FOUND', 'month');
    expectError(await app.gql(ISSUE, { m: currentMonthLabel() }, { token: ops }), 'BAD_USER_INPUT', 'month');
    expectError(await app.gql(ISSUE, { m: '2026-6' }, { token: ops }), 'BAD_USER_INPUT', 'month');
    expectError(await app.gql(ISSUE, { m: '2026-06' }, { token: t.admin.token }), 'FORBIDDEN');
  });
});

describe('invoice pages', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('computes and issues only the months of the page asked for, never the one after it', async () => {
    const fresh = await billedWorkspace(app, { currency: 'EUR', vatRate: '19', createdAt: CREATED });
    const LIST =
      'query($f: Int, $a: String) { invoices(first: $f, after: $a) { pageInfo { hasNextPage endCursor } edges { node { month status } } } }';
    type Page = {
      invoices: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { month: string; status: string } }[] };
    };
    const issued = async () =>
      (
        await queryRows<{ month: string }>(
          app.database.db,
          sql`SELECT to_char(month, 'YYYY-MM') AS month FROM invoices WHERE workspace_id = ${fresh.workspace.id}::uuid ORDER BY month DESC`,
        )
      ).map((r) => r.month);
    const expected = monthsDescending(currentMonth(), '2026-01-01').map((m) => m.slice(0, 7));
    const first = expectData(await app.gql<Page>(LIST, { f: 2 }, { token: fresh.admin.token })).invoices;
    expect(first.edges.map((e) => e.node.month)).toEqual(expected.slice(0, 2));
    expect(first.pageInfo.hasNextPage).toBe(expected.length > 2);
    // The preview is computed, not stored; only the one past month on the page was issued.
    expect(await issued()).toEqual(expected.slice(1, 2));
    if (!first.pageInfo.hasNextPage) return;
    const second = expectData(await app.gql<Page>(LIST, { f: 1, a: first.pageInfo.endCursor }, { token: fresh.admin.token })).invoices;
    expect(second.edges.map((e) => e.node.month)).toEqual(expected.slice(2, 3));
    expect(await issued()).toEqual(expected.slice(1, 3));
  });
});
