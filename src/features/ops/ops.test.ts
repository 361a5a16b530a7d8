import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import { statementCount } from '../../../test/db';
import {
  addMember,
  createOrg,
  createTenant,
  createUser,
  createWorkspace,
  linkWorkspace,
  memberWithRole,
  PASSWORD,
} from '../../../test/factories';
import { outboxIdle } from '../mail/sender';

const CREATE_ORG =
  'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name currency package workspaceLimit vatRate } }';
const CREATE_WS =
  'mutation($o: ID!, $n: String!) { createWorkspace(organizationId: $o, name: $n) { id name organization { id } mainOrganization { id } } }';
const CREATE_USER = 'mutation($e: String!, $n: String!, $p: String!) { createUser(email: $e, name: $n, password: $p) { id email } }';
const ADD_MEMBER =
  'mutation($w: ID!, $u: ID!, $r: Role!) { addMember(workspaceId: $w, userId: $u, role: $r) { role status workspace { id } user { id } } }';

describe('ops operations', () => {
  let app: TestApp;
  let ops: string;
  beforeAll(async () => {
    app = await createTestApp();
    ops = await app.opsToken();
  });
  afterAll(() => app.close());

  const org = (input: Record<string, unknown>) =>
    app.gql(CREATE_ORG, { input: { name: 'Acme', currency: 'EUR', package: 'PRO', ...input } }, { token: ops });

  it('creates an organization with its billing details and the default limit of three', async () => {
    const data = expectData(
      await app.gql<{ createOrganization: Record<string, unknown> }>(
        CREATE_ORG,
        { input: { name: '  Acme GmbH ', currency: 'eur', package: 'PRO', vatRate: 19 } },
        { token: ops },
      ),
    );
    expect(data.createOrganization).toMatchObject({
      name: 'Acme GmbH',
      currency: 'EUR',
      package: 'PRO',
      workspaceLimit: 3,
      vatRate: '19.00',
    });
  });

  it('names the field of bad input', async () => {
    expectError(await org({ currency: 'EURO' }), 'BAD_USER_INPUT', 'currency');
    expectError(await org({ currency: 'XYZ' }), 'BAD_USER_INPUT', 'currency');
    expectError(await org({ name: '' }), 'BAD_USER_INPUT', 'name');
    expectError(await org({ name: 'x'.repeat(201) }), 'BAD_USER_INPUT', 'name');
    expectError(await org({ vatRate: 101 }), 'BAD_USER_INPUT', 'vatRate');
    expectError(await org({ billingEmail: 'nope' }), 'BAD_USER_INPUT', 'billingEmail');
    expectError(await org({ workspaceLimit: -1 }), 'BAD_USER_INPUT', 'workspaceLimit');
    const { id } = await createOrg(app);
    expectError(await app.gql(CREATE_WS, { o: id, n: ' ' }, { token: ops }), 'BAD_USER_INPUT', 'name');
    expectError(await app.gql(CREATE_WS, { o: id, n: 'w'.repeat(201) }, { token: ops }), 'BAD_USER_INPUT', 'name');
    expectError(await app.gql(CREATE_USER, { e: 'not-an-email', n: 'A', p: PASSWORD }, { token: ops }), 'BAD_USER_INPUT', 'email');
    expectError(await app.gql(CREATE_USER, { e: 'short@example.test', n: 'A', p: 'short' }, { token: ops }), 'BAD_USER_INPUT', 'password');
  });

  it('answers NOT_FOUND naming the field for unknown ids', async () => {
    expectError(
      await app.gql(CREATE_WS, { o: '00000000-0000-0000-0000-000000000000', n: 'W' }, { token: ops }),
      'NOT_FOUND',
      'organizationId',
    );
    const user = await createUser(app);
    expectError(await app.gql(ADD_MEMBER, { w: 'bogus', u: user.id, r: 'USER' }, { token: ops }), 'NOT_FOUND', 'workspaceId');
    const { workspace } = await createTenant(app);
    expectError(
      await app.gql(ADD_MEMBER, { w: workspace.id, u: '00000000-0000-0000-0000-000000000000', r: 'USER' }, { token: ops }),
      'NOT_FOUND',
      'userId',
    );
  });

  it('keeps emails unique regardless of letter case', async () => {
    const user = await createUser(app);
    expectError(await app.gql(CREATE_USER, { e: user.email.toUpperCase(), n: 'Twin', p: PASSWORD }, { token: ops }), 'CONFLICT', 'email');
  });

  it('never assigns SUPER_ADMIN through addMember', async () => {
    const { workspace } = await createTenant(app);
    const user = await createUser(app);
    expectError(await app.gql(ADD_MEMBER, { w: workspace.id, u: user.id, r: 'SUPER_ADMIN' }, { token: ops }), 'BAD_USER_INPUT', 'role');
    const added = expectData(
      await app.gql<{ addMember: { role: string; status: string } }>(
        ADD_MEMBER,
        { w: workspace.id, u: user.id, r: 'OBSERVER' },
        { token: ops },
      ),
    );
    expect(added.addMember).toMatchObject({ role: 'OBSERVER', status: 'ACTIVE' });
  });

  it('is FORBIDDEN for every customer role, and UNAUTHENTICATED without credentials', async () => {
    const { org: tenantOrg, workspace, admin } = await createTenant(app);
    const user = await memberWithRole(app, workspace.id, 'USER');
    const observer = await memberWithRole(app, workspace.id, 'OBSERVER');
    const calls: [string, Record<string, unknown>][] = [
      [CREATE_ORG, { input: { name: 'X', currency: 'EUR', package: 'PRO' } }],
      [CREATE_WS, { o: tenantOrg.id, n: 'W' }],
      [CREATE_USER, { e: 'x@example.test', n: 'X', p: PASSWORD }],
      [ADD_MEMBER, { w: workspace.id, u: user.id, r: 'ADMINISTRATOR' }],
      ['{ organizations { id } }', {}],
    ];
    for (const [query, variables] of calls) {
      for (const token of [admin.token, user.token, observer.token]) expectError(await app.gql(query, variables, { token }), 'FORBIDDEN');
      expectError(await app.gql(query, variables), 'UNAUTHENTICATED');
    }
  });

  it('lists organizations with their Workspaces for operators', async () => {
    const created = await createOrg(app);
    const ws = await createWorkspace(app, created.id, 'Listed');
    const data = expectData(
      await app.gql<{ organizations: { id: string; workspaces: { id: string }[] }[] }>(
        '{ organizations { id workspaces { id } } }',
        {},
        { token: ops },
      ),
    );
    expect(data.organizations.find((o) => o.id === created.id)?.workspaces).toEqual([{ id: ws.id }]);
  });
});

describe('the ops console list of organizations', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(); // its own database: the list holds exactly the organizations made here
  });
  afterAll(() => app.close());

  const ORGANIZATIONS = '{ organizations { id linkedWorkspaceCount workspaces { id name } superAdmin { id } } }';
  interface Listed {
    id: string;
    linkedWorkspaceCount: number;
    workspaces: { id: string; name: string }[];
    superAdmin: { id: string } | null;
  }

  /** A main organization with its own Workspace (whose Administrator becomes SuperAdmin) and one linked Workspace. */
  async function mainOrganization() {
    const org = await createOrg(app, { package: 'PRO' });
    const hq = await createWorkspace(app, org.id);
    const owner = await createUser(app, 'owner');
    await addMember(app, hq.id, owner.id, 'ADMINISTRATOR');
    const unit = await createWorkspace(app, org.id);
    await linkWorkspace(app, org.id, unit.id);
    return { org, workspaces: [hq, unit], owner };
  }

  /** The list and the SQL statements its one request ran (none run in the background meanwhile). */
  async function listed(): Promise<{ organizations: Listed[]; statements: number }> {
    const token = await app.opsToken();
    await outboxIdle();
    const before = statementCount();
    const data = expectData(await app.gql<{ organizations: Listed[] }>(ORGANIZATIONS, {}, { token }));
    return { organizations: data.organizations, statements: statementCount() - before };
  }

  it('costs as many statements for 12 organizations as for 2, every nested field included', async () => {
    const made = [];
    for (let i = 0; i < 2; i++) made.push(await mainOrganization());
    const small = await listed();
    for (let i = 0; i < 10; i++) made.push(await mainOrganization());
    const large = await listed();

    expect([small.organizations.length, large.organizations.length]).toEqual([2, 12]);
    for (const { org, workspaces, owner } of made) {
      expect(large.organizations.find((o) => o.id === org.id)).toEqual({
        id: org.id,
        linkedWorkspaceCount: 1,
        workspaces: workspaces.map(({ id, name }) => ({ id, name })),
        superAdmin: { id: owner.id },
      });
    }
    expect(large.statements).toBe(small.statements);
    // The count is real: the transaction, the list and one batch per nested field kind.
    expect(small.statements).toBeGreaterThan(5);
  });
});
