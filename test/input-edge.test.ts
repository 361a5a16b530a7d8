import { handleDailyCsv } from '../src/features/reports/csv';
import { createTestApp, expectData, expectError, type GraphQLResult, type TestApp } from './app';
import { createTenant, linkWorkspace, createWorkspace as newWorkspace, unique } from './factories';

/**
 * Regression tests for issue 9, "No internal error from any input": each of these inputs answered
 * INTERNAL_SERVER_ERROR. Text and ids are refused at the edge (src/graphql/input-edge.ts) before any
 * resolver runs; dates by the scalars (src/graphql/scalars.ts), named by the edge.
 */
describe('inputs refused at the edge', () => {
  let app: TestApp;
  let ops: string;
  let tenant: Awaited<ReturnType<typeof createTenant>>;
  beforeAll(async () => {
    app = await createTestApp();
    ops = await app.opsToken();
    tenant = await createTenant(app);
  });
  afterAll(() => app.close());

  const NUL = 'a\u0000b';
  const HIGH = 'tag\ud800';
  const LOW = '\udc00DE123';

  /** A document-level refusal: the code, the field, HTTP 400 for BAD_USER_INPUT, and nothing ran. */
  function expectRefused(result: GraphQLResult, code: 'BAD_USER_INPUT' | 'NOT_FOUND', field: string) {
    expectError(result, code, field);
    expect(result.errors).toHaveLength(1);
    expect(result.status).toBe(code === 'BAD_USER_INPUT' ? 400 : 200);
    expect(result.data).toBeNull();
  }

  describe('a NUL character in any text', () => {
    it('in the sign-in email (anonymous)', async () => {
      const signIn = 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }';
      expectRefused(await app.gql(signIn, { e: `ops${NUL}@portal.test`, p: 'whatever-password' }), 'BAD_USER_INPUT', 'email');
    });

    it('in names: a Workspace (variable and literal) and a device (input field)', async () => {
      const create = 'mutation($o: ID!, $n: String!) { createWorkspace(organizationId: $o, name: $n) { id } }';
      expectRefused(await app.gql(create, { o: tenant.org.id, n: NUL }, { token: ops }), 'BAD_USER_INPUT', 'name');
      const literal = `mutation { createWorkspace(organizationId: "${tenant.org.id}", name: "x\\u0000y") { id } }`;
      expectRefused(await app.gql(literal, {}, { token: ops }), 'BAD_USER_INPUT', 'name');
      const device = 'mutation($i: CreateEndpointInput!) { createEndpoint(input: $i) { id } }';
      expectRefused(await app.gql(device, { i: { name: NUL } }, { token: tenant.admin.token }), 'BAD_USER_INPUT', 'name');
    });

    it('in descriptions, emails and details', async () => {
      const token = 'mutation($d: String!) { createApplicationToken(description: $d) { token } }';
      expectRefused(await app.gql(token, { d: NUL }, { token: tenant.admin.token }), 'BAD_USER_INPUT', 'description');
      const add = 'mutation($e: String!) { addUserToWorkspace(email: $e, role: USER) { status } }';
      expectRefused(await app.gql(add, { e: `x${NUL}@example.test` }, { token: tenant.admin.token }), 'BAD_USER_INPUT', 'email');
      const request = 'mutation($e: String!, $d: String!) { requestWorkspace(kind: CREATE, contactEmail: $e, details: $d) { id } }';
      expectRefused(
        await app.gql(request, { e: 'c@example.test', d: `more${NUL}` }, { token: tenant.admin.token }),
        'BAD_USER_INPUT',
        'details',
      );
    });

    it('in the VAT number (the organization, the billing profile)', async () => {
      const org = 'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }';
      expectRefused(
        await app.gql(org, { i: { name: unique('Org'), currency: 'EUR', package: 'PRO', vatNumber: `DE${NUL}` } }, { token: ops }),
        'BAD_USER_INPUT',
        'vatNumber',
      );
      const profile = 'mutation($i: UpdateBillingProfileInput!) { updateBillingProfile(input: $i) { vatNumber } }';
      expectRefused(await app.gql(profile, { i: { vatNumber: `DE${NUL}` } }, { token: tenant.admin.token }), 'BAD_USER_INPUT', 'vatNumber');
    });
  });

  describe('a lone UTF-16 surrogate (it reaches the audit log as JSON)', () => {
    it('in tags (a list item of an input field)', async () => {
      const device = 'mutation($i: CreateEndpointInput!) { createEndpoint(input: $i) { id } }';
      expectRefused(
        await app.gql(device, { i: { name: 'Sensor', tags: ['ok', HIGH] } }, { token: tenant.admin.token }),
        'BAD_USER_INPUT',
        'tags',
      );
      // In the document itself, escaped or not, graphql-js's parser refuses it (a syntax error, no field).
      for (const tag of ['\\ud800', '\ud800']) {
        const literal = `mutation { createEndpoint(input: { name: "Sensor", tags: ["${tag}"] }) { id } }`;
        const result = await app.gql(literal, {}, { token: tenant.admin.token });
        expectError(result, 'BAD_USER_INPUT');
        expect(result.status).toBe(400);
      }
    });

    it('in the VAT number', async () => {
      const profile = 'mutation($i: UpdateBillingProfileInput!) { updateBillingProfile(input: $i) { vatNumber } }';
      expectRefused(await app.gql(profile, { i: { vatNumber: LOW } }, { token: tenant.admin.token }), 'BAD_USER_INPUT', 'vatNumber');
    });

    it('keeps well-formed text beyond the BMP (emoji) as it is', async () => {
      const device = 'mutation($i: CreateEndpointInput!) { createEndpoint(input: $i) { name tags } }';
      const data = expectData(
        await app.gql<{ createEndpoint: { name: string; tags: string[] } }>(
          device,
          { i: { name: 'Sensor 🛰️', tags: ['🚚'] } },
          { token: tenant.admin.token },
        ),
      );
      expect(data.createEndpoint).toEqual({ name: 'Sensor 🛰️', tags: ['🚚'] });
    });
  });

  describe('a DateTime PostgreSQL cannot store', () => {
    const create = 'mutation($e: DateTime) { createApplicationToken(description: "far", expiresAt: $e) { token } }';

    it('expiresAt at the end of JavaScript time, +275760-09-13', async () => {
      expectRefused(
        await app.gql(create, { e: '+275760-09-13T00:00:00.000Z' }, { token: tenant.admin.token }),
        'BAD_USER_INPUT',
        'expiresAt',
      );
    });

    it('expiresAt after year 9999, or in year 0', async () => {
      for (const e of ['+010000-01-01T00:00:00Z', '0000-06-01T00:00:00Z', '0001-01-01T00:30:00+01:00']) {
        expectRefused(await app.gql(create, { e }, { token: tenant.admin.token }), 'BAD_USER_INPUT', 'expiresAt');
      }
      expectData(await app.gql(create, { e: '9999-12-31T23:59:59.999Z' }, { token: tenant.admin.token }));
    });

    it('a Date in year 0', async () => {
      const report = 'query($s: Date, $e: Date) { workspaceDailyStats(startDate: $s, endDate: $e) { totals { currency } } }';
      expectRefused(
        await app.gql(report, { s: '0000-01-01', e: '0000-01-31' }, { token: tenant.admin.token }),
        'BAD_USER_INPUT',
        'startDate',
      );
    });
  });

  describe('dates derived from a valid one (found by test/fuzz-operations.test.ts)', () => {
    it('a report ending 0001-01-01 starts then, not 29 days before in year 0000', async () => {
      const report = 'query($e: Date) { workspaceDailyStats(endDate: $e) { startDate endDate } }';
      const data = expectData(
        await app.gql<{ workspaceDailyStats: { startDate: string; endDate: string } }>(
          report,
          { e: '0001-01-01' },
          { token: tenant.admin.token },
        ),
      );
      expect(data.workspaceDailyStats).toEqual({ startDate: '0001-01-01', endDate: '0001-01-01' });
    });

    it('the CSV route refuses a day of year 0000 as BAD_USER_INPUT (HTTP 400)', async () => {
      const response = await handleDailyCsv(
        new Request('http://portal.test/api/reports/daily.csv?startDate=0000-12-01&endDate=0000-12-02', {
          headers: { authorization: `Bearer ${tenant.admin.token}` },
        }),
        app.runtime,
      );
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { extensions: { code: string; field: string } }[] };
      expect(body.errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'startDate' });
    });
  });

  describe('every argument of the operation', () => {
    it("in a nested field, a fragment, and a variable's default value", async () => {
      const nested =
        'query($s: Date) { workspaces { workspace { id } } sims(first: 1) { edges { node { usage(startDate: $s) { smsSent } } } } }';
      expectRefused(await app.gql(nested, { s: '0000-12-31' }, { token: tenant.admin.token }), 'BAD_USER_INPUT', 'startDate');
      const fragment = 'query { ...Lookup } fragment Lookup on Query { endpoints(filter: { search: "x\\u0000" }) { totalCount } }';
      expectRefused(await app.gql(fragment, {}, { token: tenant.admin.token }), 'BAD_USER_INPUT', 'search');
      const fallback = `mutation($n: String! = "x\\u0000") { createWorkspace(organizationId: "${tenant.org.id}", name: $n) { id } }`;
      expectRefused(await app.gql(fallback, {}, { token: ops }), 'BAD_USER_INPUT', 'name');
    });
  });

  describe('an id that is not a UUID', () => {
    it('workspace(id) and organization(id) still answer null, as for any id they cannot find', async () => {
      const workspace = expectData(await app.gql<{ workspace: null }>('{ workspace(id: "") { id } }', {}, { token: tenant.admin.token }));
      expect(workspace.workspace).toBeNull();
      const organization = expectData(await app.gql<{ organization: null }>('{ organization(id: "1") { id } }', {}, { token: ops }));
      expect(organization.organization).toBeNull();
      // The text rules hold there too.
      expectRefused(await app.gql('{ workspace(id: "\\u0000") { id } }', {}, { token: tenant.admin.token }), 'BAD_USER_INPUT', 'id');
    });

    it('assignSuperAdmin(userId: "") is NOT_FOUND naming userId', async () => {
      const main = await createTenant(app);
      const unit = await newWorkspace(app, (await createTenant(app)).org.id);
      await linkWorkspace(app, main.org.id, unit.id);
      const assign = 'mutation($m: ID!, $u: ID!) { assignSuperAdmin(mainOrganizationId: $m, userId: $u) { id } }';
      expectRefused(await app.gql(assign, { m: main.org.id, u: '' }, { token: ops }), 'NOT_FOUND', 'userId');
      expectRefused(
        await app.gql(`mutation { assignSuperAdmin(mainOrganizationId: "${main.org.id}", userId: "") { id } }`, {}, { token: ops }),
        'NOT_FOUND',
        'userId',
      );
    });

    it('in an input object and in a list', async () => {
      const device = 'mutation($i: CreateEndpointInput!) { createEndpoint(input: $i) { id } }';
      expectRefused(await app.gql(device, { i: { name: 'Sensor', simId: '' } }, { token: tenant.admin.token }), 'NOT_FOUND', 'simId');
      const report = 'query($w: [ID!]) { workspaceDailyStats(workspaceIds: $w) { totals { currency } } }';
      expectRefused(await app.gql(report, { w: [tenant.workspace.id, '1'] }, { token: tenant.admin.token }), 'NOT_FOUND', 'workspaceIds');
    });
  });
});
