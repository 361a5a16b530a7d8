import { count } from 'drizzle-orm';
import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import { auditTrail } from '../../../test/audit';
import { createOrg, createWorkspace, linkWorkspace, memberWithRole, PASSWORD, switchTo } from '../../../test/factories';
import { organizations } from '../../db/schema';

const REQUEST = `mutation($k: WorkspaceRequestKind!, $n: String, $c: String) {
  requestWorkspace(kind: $k, contactEmail: "contact@example.test", details: "For the APAC unit", name: $n, currency: $c) { id status name currency } }`;
const APPROVE = `mutation($id: ID!, $n: String, $o: CreateOrganizationInput) {
  approveWorkspaceRequest(id: $id, name: $n, organization: $o) {
    id status resultWorkspace { id name organization { id name currency package vatRate vatNumber billingEmail } mainOrganization { id } } } }`;
const REJECT = 'mutation($id: ID!) { rejectWorkspaceRequest(id: $id, reason: "No contract yet") { id status } }';
const WITHDRAW = 'mutation($id: ID!) { withdrawWorkspaceRequest(id: $id) { id status decidedAt } }';
const BILLING =
  '{ billingProfile { currency vatRate paymentType organization { id name } } invoices(first: 1) { edges { node { currency billTo { name } } } } }';
const REPORT =
  'query($w: [ID!]) { workspaceDailyStats(workspaceIds: $w) { workspaces { workspace { id } currency } totals { currency } } }';

type Sent = { requestWorkspace: { id: string; status: string; name: string | null; currency: string | null } };
interface NewOrganization {
  id: string;
  name: string;
  currency: string;
  package: string;
  vatRate: string;
  vatNumber: string | null;
  billingEmail: string | null;
}
type Approved = {
  approveWorkspaceRequest: {
    status: string;
    resultWorkspace: { id: string; name: string; organization: NewOrganization; mainOrganization: { id: string } };
  };
};
type Billing = {
  billingProfile: { currency: string; vatRate: string; paymentType: string; organization: { id: string; name: string } };
  invoices: { edges: { node: { currency: string; billTo: { name: string } } }[] };
};

describe('the Workspace lifecycle: requests with proposals, CREATE as a new organization, withdrawal', () => {
  let app: TestApp;
  let ops: string;
  beforeAll(async () => {
    app = await createTestApp();
    ops = await app.opsToken();
  });
  afterAll(() => app.close());

  /** A Pro main organization in EUR with VAT 19 %, a VAT number and a billing email, its Workspace and an Administrator. */
  async function mainOrg(workspaceLimit = 3) {
    const org = await createOrg(app, { package: 'PRO', workspaceLimit, currency: 'EUR' });
    expectData(
      await app.gql(
        'mutation($o: ID!, $i: OrganizationBillingInput!) { updateOrganizationBilling(organizationId: $o, input: $i) { id } }',
        { o: org.id, i: { vatRate: '19', vatNumber: 'DE123456789', billingEmail: 'billing@group.test', paymentType: 'DIRECT_DEBIT' } },
        { token: ops },
      ),
    );
    const hq = await createWorkspace(app, org.id);
    const admin = await memberWithRole(app, hq.id, 'ADMINISTRATOR');
    return { org, hq, admin };
  }
  const send = (token: string, vars: { n?: string; c?: string; k?: string } = {}) =>
    app.gql<Sent>(REQUEST, { k: vars.k ?? 'CREATE', n: vars.n, c: vars.c }, { token });
  const organizationCount = async () => (await app.database.db.select({ n: count() }).from(organizations))[0]?.n;

  it('approves a CREATE as a new organization in the proposed currency, with the main organization’s terms, billed on its own', async () => {
    const { org, hq, admin } = await mainOrg();
    const sent = expectData(await send(admin.token, { n: ' Acme APAC ', c: 'aud' })).requestWorkspace;
    expect(sent).toMatchObject({ status: 'PENDING', name: 'Acme APAC', currency: 'AUD' });

    const approved = expectData(await app.gql<Approved>(APPROVE, { id: sent.id }, { token: ops })).approveWorkspaceRequest;
    const created = approved.resultWorkspace;
    expect(approved.status).toBe('APPROVED');
    expect(created).toMatchObject({ name: 'Acme APAC', mainOrganization: { id: org.id } });
    expect(created.organization).toEqual({
      id: expect.any(String),
      name: 'Acme APAC',
      currency: 'AUD',
      package: 'STANDARD',
      vatRate: '19.00',
      vatNumber: 'DE123456789',
      billingEmail: 'billing@group.test',
    });
    expect(created.organization.id).not.toBe(org.id);

    // The SuperAdmin (the first Administrator) enters it; its billing, invoices and reports are its own, in AUD.
    const inNew = await switchTo(app, await app.signIn(admin.email, PASSWORD), created.id);
    const billing = expectData(await app.gql<Billing>(BILLING, {}, { token: inNew }));
    expect(billing.billingProfile).toEqual({
      currency: 'AUD',
      vatRate: '19.00',
      paymentType: 'DIRECT_DEBIT',
      organization: { id: created.organization.id, name: 'Acme APAC' },
    });
    expect(billing.invoices.edges.map((e) => e.node)).toEqual([{ currency: 'AUD', billTo: { name: 'Acme APAC' } }]);
    const report = expectData(
      await app.gql<{ workspaceDailyStats: { workspaces: { workspace: { id: string }; currency: string }[] } }>(
        REPORT,
        { w: [created.id, hq.id] },
        { token: inNew },
      ),
    );
    expect(report.workspaceDailyStats.workspaces.map((w) => [w.workspace.id, w.currency]).sort()).toEqual(
      [
        [created.id, 'AUD'],
        [hq.id, 'EUR'],
      ].sort(),
    );

    // The main organization's billing is unaffected: still EUR, and the new Workspace is not one of its own.
    const hqBilling = expectData(await app.gql<Billing>(BILLING, {}, { token: admin.token }));
    expect(hqBilling.billingProfile).toMatchObject({ currency: 'EUR', organization: { id: org.id } });
    expect(hqBilling.invoices.edges.map((e) => e.node.currency)).toEqual(['EUR']);
    const main = expectData(
      await app.gql<{ organization: { currency: string; workspaces: { id: string }[]; linkedWorkspaceCount: number } }>(
        'query($id: ID!) { organization(id: $id) { currency workspaces { id } linkedWorkspaceCount } }',
        { id: org.id },
        { token: ops },
      ),
    ).organization;
    expect(main).toEqual({ currency: 'EUR', workspaces: [{ id: hq.id }], linkedWorkspaceCount: 1 });
  });

  it('takes the operator’s name and organization terms over the proposals, validating them like createOrganization', async () => {
    const { org, admin } = await mainOrg();
    const sent = expectData(await send(admin.token, { n: 'Proposed', c: 'AUD' })).requestWorkspace;
    const terms = {
      name: 'Acme APAC Pty Ltd',
      currency: 'NZD',
      package: 'STANDARD',
      vatRate: 15,
      vatNumber: 'NZ-42',
      billingEmail: 'ap@apac.test',
    };
    const before = await organizationCount();
    expectError(await app.gql(APPROVE, { id: sent.id, o: { ...terms, currency: 'XYZ' } }, { token: ops }), 'BAD_USER_INPUT', 'currency');
    expectError(await app.gql(APPROVE, { id: sent.id, n: '  ' }, { token: ops }), 'BAD_USER_INPUT', 'name');
    expect(await organizationCount()).toBe(before); // refused approvals keep nothing

    const created = expectData(await app.gql<Approved>(APPROVE, { id: sent.id, n: 'APAC', o: terms }, { token: ops }))
      .approveWorkspaceRequest.resultWorkspace;
    expect(created).toMatchObject({
      name: 'APAC',
      mainOrganization: { id: org.id },
      organization: { name: 'Acme APAC Pty Ltd', currency: 'NZD', vatRate: '15.00', vatNumber: 'NZ-42', billingEmail: 'ap@apac.test' },
    });
  });

  it('needs a name (given or proposed) and a free slot before creating anything', async () => {
    const { admin } = await mainOrg(0);
    const sent = expectData(await send(admin.token)).requestWorkspace;
    expect(sent).toMatchObject({ name: null, currency: null });
    const before = await organizationCount();
    expectError(await app.gql(APPROVE, { id: sent.id }, { token: ops }), 'BAD_USER_INPUT', 'name');
    expectError(await app.gql(APPROVE, { id: sent.id, n: 'Over the limit' }, { token: ops }), 'LIMIT_EXCEEDED');
    expect(await organizationCount()).toBe(before);
  });

  it('validates the proposals: name 1 to 200 characters, currency ISO 4217', async () => {
    const { admin } = await mainOrg();
    expectError(await send(admin.token, { n: '   ' }), 'BAD_USER_INPUT', 'name');
    expectError(await send(admin.token, { n: 'x'.repeat(201) }), 'BAD_USER_INPUT', 'name');
    expectError(await send(admin.token, { c: 'XYZ' }), 'BAD_USER_INPUT', 'currency');
    expectError(await send(admin.token, { c: 'EURO' }), 'BAD_USER_INPUT', 'currency');
    expect(expectData(await send(admin.token, { n: 'x'.repeat(200), c: 'gbp' })).requestWorkspace).toMatchObject({ currency: 'GBP' });
  });

  it('lets the sender withdraw a pending request, which frees the organization to send another; a decided one is a CONFLICT', async () => {
    const { admin } = await mainOrg();
    const first = expectData(await send(admin.token)).requestWorkspace;
    expectError(await send(admin.token), 'CONFLICT');
    const withdrawn = expectData(
      await app.gql<{ withdrawWorkspaceRequest: { status: string; decidedAt: string | null } }>(
        WITHDRAW,
        { id: first.id },
        { token: admin.token },
      ),
    ).withdrawWorkspaceRequest;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', decidedAt: expect.any(String) });
    // Decided: withdrawing, approving or rejecting it again is a CONFLICT, as for approved and rejected requests.
    expectError(await app.gql(WITHDRAW, { id: first.id }, { token: admin.token }), 'CONFLICT', 'id');
    expectError(await app.gql(APPROVE, { id: first.id, n: 'x' }, { token: ops }), 'CONFLICT', 'id');
    expectError(await app.gql(REJECT, { id: first.id }, { token: ops }), 'CONFLICT', 'id');

    const second = expectData(await send(admin.token)).requestWorkspace;
    expectData(await app.gql(REJECT, { id: second.id }, { token: ops }));
    expectError(await app.gql(WITHDRAW, { id: second.id }, { token: admin.token }), 'CONFLICT', 'id');
  });

  it('lets another Administrator of the main organization’s Workspace and the SuperAdmin withdraw; Users and Observers get FORBIDDEN', async () => {
    const { org, hq, admin } = await mainOrg();
    const unit = await createWorkspace(app, (await createOrg(app)).id);
    await linkWorkspace(app, org.id, unit.id); // `admin` becomes SuperAdmin
    const other = await memberWithRole(app, hq.id, 'ADMINISTRATOR');

    const byOther = expectData(await send(other.token)).requestWorkspace;
    for (const role of ['USER', 'OBSERVER'] as const) {
      const member = await memberWithRole(app, hq.id, role);
      expectError(await app.gql(WITHDRAW, { id: byOther.id }, { token: member.token }), 'FORBIDDEN');
    }
    const superAdminInUnit = await switchTo(app, await app.signIn(admin.email, PASSWORD), unit.id);
    expect(
      expectData(
        await app.gql<{ withdrawWorkspaceRequest: { status: string } }>(WITHDRAW, { id: byOther.id }, { token: superAdminInUnit }),
      ),
    ).toEqual({ withdrawWorkspaceRequest: { id: byOther.id, status: 'WITHDRAWN', decidedAt: expect.any(String) } });

    const byAdmin = expectData(await send(admin.token)).requestWorkspace;
    expect(
      expectData(await app.gql<{ withdrawWorkspaceRequest: { status: string } }>(WITHDRAW, { id: byAdmin.id }, { token: other.token })),
    ).toMatchObject({ withdrawWorkspaceRequest: { status: 'WITHDRAWN' } });
    // Operators decide requests; they do not withdraw them.
    const third = expectData(await send(admin.token)).requestWorkspace;
    expectError(await app.gql(WITHDRAW, { id: third.id }, { token: ops }), 'FORBIDDEN');
  });

  it('keeps organizations apart: another organization’s request is NOT_FOUND, and stays pending', async () => {
    const a = await mainOrg();
    const b = await mainOrg();
    const sentB = expectData(await send(b.admin.token)).requestWorkspace;
    expectError(await app.gql(WITHDRAW, { id: sentB.id }, { token: a.admin.token }), 'NOT_FOUND', 'id');
    expectError(await app.gql(WITHDRAW, { id: '00000000-0000-0000-0000-000000000000' }, { token: a.admin.token }), 'NOT_FOUND', 'id');
    expectError(await app.gql(WITHDRAW, { id: 'not-an-id' }, { token: a.admin.token }), 'NOT_FOUND', 'id');
    const listB = expectData(
      await app.gql<{ workspaceRequests: { id: string; status: string }[] }>(
        '{ workspaceRequests { id status } }',
        {},
        { token: b.admin.token },
      ),
    );
    expect(listB.workspaceRequests).toEqual([{ id: sentB.id, status: 'PENDING' }]);
  });

  it('audits every change of a request with its state before and after, and the structure changes of a CREATE approval', async () => {
    const { org, hq, admin } = await mainOrg();
    const withdrawn = expectData(await send(admin.token, { n: 'One' })).requestWorkspace;
    expectData(await app.gql(WITHDRAW, { id: withdrawn.id }, { token: admin.token }));
    const rejected = expectData(await send(admin.token)).requestWorkspace;
    expectData(await app.gql(REJECT, { id: rejected.id }, { token: ops }));
    const approved = expectData(await send(admin.token, { n: 'APAC', c: 'AUD' })).requestWorkspace;
    const created = expectData(await app.gql<Approved>(APPROVE, { id: approved.id }, { token: ops })).approveWorkspaceRequest
      .resultWorkspace;

    const pending = { status: 'PENDING', decidedAt: null, decidedBy: null, rejectionReason: null, resultWorkspaceId: null };
    expect(await auditTrail(app, withdrawn.id)).toEqual([
      { action: 'workspace_request.sent', workspaceId: hq.id, before: null, after: expect.objectContaining({ ...pending, name: 'One' }) },
      {
        action: 'workspace_request.withdrawn',
        workspaceId: hq.id,
        before: expect.objectContaining(pending),
        after: expect.objectContaining({ status: 'WITHDRAWN', decidedBy: admin.id, decidedAt: expect.any(String) }),
      },
    ]);
    expect(await auditTrail(app, rejected.id)).toEqual([
      { action: 'workspace_request.sent', workspaceId: hq.id, before: null, after: expect.objectContaining(pending) },
      {
        action: 'workspace_request.rejected',
        workspaceId: hq.id,
        before: expect.objectContaining(pending),
        after: expect.objectContaining({ status: 'REJECTED', rejectionReason: 'No contract yet' }),
      },
    ]);
    expect(await auditTrail(app, approved.id)).toEqual([
      {
        action: 'workspace_request.sent',
        workspaceId: hq.id,
        before: null,
        after: expect.objectContaining({ ...pending, currency: 'AUD' }),
      },
      {
        action: 'workspace_request.approved',
        workspaceId: hq.id,
        before: expect.objectContaining(pending),
        after: expect.objectContaining({ status: 'APPROVED', resultWorkspaceId: created.id }),
      },
    ]);
    expect(await auditTrail(app, created.organization.id)).toEqual([
      {
        action: 'organization.created',
        workspaceId: null,
        before: null,
        after: expect.objectContaining({ name: 'APAC', currency: 'AUD' }),
      },
    ]);
    expect(await auditTrail(app, created.id)).toEqual([
      {
        action: 'workspace.created',
        workspaceId: created.id,
        before: null,
        after: expect.objectContaining({ organizationId: created.organization.id }),
      },
      { action: 'workspace.linked', workspaceId: created.id, before: null, after: { mainOrganizationId: org.id } },
    ]);
    expect(await auditTrail(app, org.id)).toContainEqual({
      action: 'organization.super_admin_assigned',
      workspaceId: null,
      before: { superAdminUserId: null },
      after: { superAdminUserId: admin.id },
    });
  });
});
