import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import { createTenant } from '../../../test/factories';
import { roleMatrix } from '../memberships/test-helpers';
import { applicationToken } from '../reports/test-helpers';
import { currentMonthLabel } from './test-helpers';

const PROFILE = `query { billingProfile {
  organization { id } currency vatRate vatNumber billingEmail paymentType package
  priceList { workspace { id } effectiveMonth currency feePerActivatedSim { amount currency } pricePerMb { amount currency } pricePerSms { amount currency } }
  priceLists { effectiveMonth }
} }`;
const UPDATE_PROFILE = 'mutation($i: UpdateBillingProfileInput!) { updateBillingProfile(input: $i) { vatNumber billingEmail currency } }';
const ORG_BILLING =
  'mutation($o: ID!, $i: OrganizationBillingInput!) { updateOrganizationBilling(organizationId: $o, input: $i) { id currency vatRate vatNumber billingEmail package paymentType } }';
const SET_PRICES = `mutation($w: ID!, $i: PriceListInput!) { setPriceList(workspaceId: $w, input: $i) {
  workspace { id } effectiveMonth currency feePerActivatedSim { amount currency } pricePerMb { amount } pricePerSms { amount } setAt } }`;
const INVOICES = 'query { invoices(first: 1) { totalCount } }';
const INVOICE = 'query($m: String!) { invoice(month: $m) { month } }';

type Profile = {
  organization: { id: string };
  currency: string;
  vatRate: string;
  vatNumber: string | null;
  billingEmail: string | null;
  paymentType: string;
  package: string;
  priceList: null | {
    workspace: { id: string };
    effectiveMonth: string;
    currency: string;
    feePerActivatedSim: { amount: string; currency: string };
    pricePerMb: { amount: string; currency: string };
    pricePerSms: { amount: string; currency: string };
  };
  priceLists: { effectiveMonth: string }[];
};

const nextMonthLabel = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
};

describe('billing profile and price lists', () => {
  let app: TestApp;
  let ops: string;
  let tenant: Awaited<ReturnType<typeof createTenant>>;
  beforeAll(async () => {
    app = await createTestApp();
    ops = await app.opsToken();
    tenant = await createTenant(app, { currency: 'GBP' });
  });
  afterAll(() => app.close());

  const profile = async (token = tenant.admin.token) =>
    expectData(await app.gql<{ billingProfile: Profile }>(PROFILE, {}, { token })).billingProfile;

  it("shows Administrators their Workspace's organization profile", async () => {
    expect(await profile()).toEqual({
      organization: { id: tenant.org.id },
      currency: 'GBP',
      vatRate: '0.00',
      vatNumber: null,
      billingEmail: null,
      paymentType: 'BANK_TRANSFER',
      package: 'PRO',
      priceList: null,
      priceLists: [],
    });
  });

  it('lets Administrators change the VAT number and billing email, and nothing else', async () => {
    const data = expectData(
      await app.gql<{ updateBillingProfile: { vatNumber: string; billingEmail: string } }>(
        UPDATE_PROFILE,
        { i: { vatNumber: ' GB123456789 ', billingEmail: 'ap@example.test' } },
        { token: tenant.admin.token },
      ),
    );
    expect(data.updateBillingProfile).toEqual({ vatNumber: 'GB123456789', billingEmail: 'ap@example.test', currency: 'GBP' });
    // Omitted stays, null clears.
    expectData(await app.gql(UPDATE_PROFILE, { i: { vatNumber: null } }, { token: tenant.admin.token }));
    expect(await profile()).toMatchObject({ vatNumber: null, billingEmail: 'ap@example.test' });
    expectError(
      await app.gql(UPDATE_PROFILE, { i: { billingEmail: 'not-an-email' } }, { token: tenant.admin.token }),
      'BAD_USER_INPUT',
      'billingEmail',
    );
    expectError(
      await app.gql(UPDATE_PROFILE, { i: { vatNumber: 'x'.repeat(51) } }, { token: tenant.admin.token }),
      'BAD_USER_INPUT',
      'vatNumber',
    );
    // Currency is not part of the customer's input at all.
    expectError(
      await app.gql('mutation { updateBillingProfile(input: { currency: "EUR" }) { currency } }', {}, { token: tenant.admin.token }),
      'BAD_USER_INPUT',
    );
    const events = expectData(
      await app.gql<{ auditEvents: { edges: { node: { action: string; targetId: string } }[] } }>(
        'query { auditEvents(first: 10) { edges { node { action targetId } } } }',
        {},
        { token: tenant.admin.token },
      ),
    );
    expect(events.auditEvents.edges.map((e) => e.node)).toContainEqual({
      action: 'organization.billing_profile_updated',
      targetId: tenant.org.id,
    });
  });

  it('lets ops set prices from the current or a later month, in the organization currency', async () => {
    const now = currentMonthLabel();
    const set = expectData(
      await app.gql<{ setPriceList: Record<string, unknown> }>(
        SET_PRICES,
        { w: tenant.workspace.id, i: { feePerActivatedSim: '1.5', pricePerMb: '0.012345', pricePerSms: '007.0500' } },
        { token: ops },
      ),
    ).setPriceList;
    expect(set).toMatchObject({
      workspace: { id: tenant.workspace.id },
      effectiveMonth: now,
      currency: 'GBP',
      feePerActivatedSim: { amount: '1.50', currency: 'GBP' },
      pricePerMb: { amount: '0.012345' },
      pricePerSms: { amount: '7.05' },
    });
    // The same month again replaces it; a later month adds one.
    expectData(
      await app.gql(
        SET_PRICES,
        { w: tenant.workspace.id, i: { feePerActivatedSim: '2', pricePerMb: '0.01', pricePerSms: '0.05' } },
        { token: ops },
      ),
    );
    expectData(
      await app.gql(
        SET_PRICES,
        {
          w: tenant.workspace.id,
          i: { feePerActivatedSim: '3', pricePerMb: '0.01', pricePerSms: '0.05', effectiveMonth: nextMonthLabel() },
        },
        { token: ops },
      ),
    );
    const seen = await profile();
    expect(seen.priceList).toMatchObject({ effectiveMonth: now, feePerActivatedSim: { amount: '2.00', currency: 'GBP' } });
    expect(seen.priceLists.map((p) => p.effectiveMonth)).toEqual([nextMonthLabel(), now]);
  });

  it('validates price lists and names the field', async () => {
    const good = { feePerActivatedSim: '1', pricePerMb: '0.01', pricePerSms: '0.05' };
    const cases: [Record<string, string>, string][] = [
      [{ ...good, feePerActivatedSim: '-1' }, 'feePerActivatedSim'],
      [{ ...good, feePerActivatedSim: '1.00001' }, 'feePerActivatedSim'],
      [{ ...good, pricePerMb: '0.0000001' }, 'pricePerMb'],
      [{ ...good, pricePerSms: '1e3' }, 'pricePerSms'],
      [{ ...good, pricePerSms: '12345678901' }, 'pricePerSms'],
      [{ ...good, effectiveMonth: '2020-01' }, 'effectiveMonth'],
      [{ ...good, effectiveMonth: '2030-1' }, 'effectiveMonth'],
    ];
    for (const [input, field] of cases)
      expectError(await app.gql(SET_PRICES, { w: tenant.workspace.id, i: input }, { token: ops }), 'BAD_USER_INPUT', field);
    for (const w of ['00000000-0000-4000-8000-000000000000', 'nope'])
      expectError(await app.gql(SET_PRICES, { w, i: good }, { token: ops }), 'NOT_FOUND', 'workspaceId');
  });

  it('lets ops change currency, VAT, package and payment type; old-currency prices stop applying', async () => {
    const t = await createTenant(app, { currency: 'EUR' });
    expectData(
      await app.gql(
        SET_PRICES,
        { w: t.workspace.id, i: { feePerActivatedSim: '1', pricePerMb: '0.01', pricePerSms: '0.05' } },
        { token: ops },
      ),
    );
    const changed = expectData(
      await app.gql<{ updateOrganizationBilling: Record<string, unknown> }>(
        ORG_BILLING,
        {
          o: t.org.id,
          i: { currency: 'chf', vatRate: '8.1', paymentType: 'DIRECT_DEBIT', package: 'STANDARD', billingEmail: 'billing@example.test' },
        },
        { token: ops },
      ),
    ).updateOrganizationBilling;
    expect(changed).toEqual({
      id: t.org.id,
      currency: 'CHF',
      vatRate: '8.10',
      vatNumber: null,
      billingEmail: 'billing@example.test',
      package: 'STANDARD',
      paymentType: 'DIRECT_DEBIT',
    });
    expect(await profile(t.admin.token)).toMatchObject({
      currency: 'CHF',
      vatRate: '8.10',
      paymentType: 'DIRECT_DEBIT',
      package: 'STANDARD',
    });
    const preview = expectData(
      await app.gql<{ invoice: { currency: string; lines: { unitPrice: { amount: string } }[] } }>(
        'query($m: String!) { invoice(month: $m) { currency lines { unitPrice { amount } } } }',
        { m: currentMonthLabel() },
        { token: t.admin.token },
      ),
    ).invoice;
    expect(preview.currency).toBe('CHF');
    expect(preview.lines.map((l) => l.unitPrice.amount)).toEqual(['0.00', '0.00', '0.00']);
    for (const [input, field] of [
      [{ vatRate: '100.01' }, 'vatRate'],
      [{ vatRate: '-1' }, 'vatRate'],
      [{ vatRate: '19.555' }, 'vatRate'],
      [{ currency: 'EURO' }, 'currency'],
      [{ billingEmail: 'x' }, 'billingEmail'],
    ] as const) {
      expectError(await app.gql(ORG_BILLING, { o: t.org.id, i: input }, { token: ops }), 'BAD_USER_INPUT', field);
    }
    expect(
      expectData(
        await app.gql<{ updateOrganizationBilling: { vatRate: string } }>(
          ORG_BILLING,
          { o: t.org.id, i: { vatRate: '100' } },
          { token: ops },
        ),
      ).updateOrganizationBilling.vatRate,
    ).toBe('100.00');
    expectError(
      await app.gql(ORG_BILLING, { o: '00000000-0000-4000-8000-000000000000', i: { vatRate: '1' } }, { token: ops }),
      'NOT_FOUND',
      'organizationId',
    );
  });

  it('refuses the Standard package while the organization links Workspaces', async () => {
    const { main } = await roleMatrix(app);
    expectError(await app.gql(ORG_BILLING, { o: main.id, i: { package: 'STANDARD' } }, { token: ops }), 'CONFLICT', 'package');
  });

  it('shows each Administrator only their own organization', async () => {
    const other = await createTenant(app, { currency: 'USD' });
    expect((await profile(other.admin.token)).organization.id).toBe(other.org.id);
    expect((await profile(other.admin.token)).priceList).toBeNull();
  });
});

describe('billing roles', () => {
  let app: TestApp;
  let matrix: Awaited<ReturnType<typeof roleMatrix>>;
  beforeAll(async () => {
    app = await createTestApp();
    matrix = await roleMatrix(app);
  });
  afterAll(() => app.close());

  const month = () => currentMonthLabel();

  it('lets the SuperAdmin and Administrators read and update billing; User and Observer get FORBIDDEN', async () => {
    for (const role of ['SUPER_ADMIN', 'ADMINISTRATOR'] as const) {
      const token = matrix.actors[role].token;
      expectData(await app.gql(PROFILE, {}, { token }));
      expectData(await app.gql(INVOICES, {}, { token }));
      expectData(await app.gql(INVOICE, { m: month() }, { token }));
      expectData(await app.gql(UPDATE_PROFILE, { i: { billingEmail: `${role.toLowerCase()}@example.test` } }, { token }));
    }
    for (const role of ['USER', 'OBSERVER'] as const) {
      const token = matrix.actors[role].token;
      expectError(await app.gql(PROFILE, {}, { token }), 'FORBIDDEN');
      expectError(await app.gql(INVOICES, {}, { token }), 'FORBIDDEN');
      expectError(await app.gql(INVOICE, { m: month() }, { token }), 'FORBIDDEN');
      expectError(await app.gql(UPDATE_PROFILE, { i: { billingEmail: 'x@example.test' } }, { token }), 'FORBIDDEN');
    }
  });

  it("acts with an application token's creator role", async () => {
    expectData(await app.gql(INVOICES, {}, { token: await applicationToken(app, matrix.actors.ADMINISTRATOR.token) }));
    expectError(await app.gql(INVOICES, {}, { token: await applicationToken(app, matrix.actors.USER.token) }), 'FORBIDDEN');
  });

  it('keeps ops mutations to ops, whatever the customer role', async () => {
    for (const role of ['SUPER_ADMIN', 'ADMINISTRATOR', 'USER', 'OBSERVER'] as const) {
      const token = matrix.actors[role].token;
      expectError(
        await app.gql(SET_PRICES, { w: matrix.unit.id, i: { feePerActivatedSim: '0', pricePerMb: '0', pricePerSms: '0' } }, { token }),
        'FORBIDDEN',
      );
      expectError(await app.gql(ORG_BILLING, { o: matrix.main.id, i: { vatRate: '0' } }, { token }), 'FORBIDDEN');
      expectError(await app.gql('mutation { issueInvoices(month: "2026-01") }', {}, { token }), 'FORBIDDEN');
    }
  });

  it('needs credentials', async () => {
    expectError(await app.gql(PROFILE), 'UNAUTHENTICATED');
    expectError(await app.gql(INVOICES), 'UNAUTHENTICATED');
    expectError(await app.gql(UPDATE_PROFILE, { i: { vatNumber: 'X' } }), 'UNAUTHENTICATED');
  });

  it('needs an active Workspace: an operator without membership gets FORBIDDEN for Workspace billing', async () => {
    expectError(await app.gql(INVOICES, {}, { token: await app.opsToken() }), 'FORBIDDEN');
  });
});
