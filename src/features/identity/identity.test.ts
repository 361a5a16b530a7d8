import { createTestApp, expectData, expectError, OPS, type TestApp } from '../../../test/app';
import { addMember, createTenant, createUser, createWorkspace, PASSWORD, switchTo } from '../../../test/factories';

const VIEWER = '{ viewer { user { email } activeWorkspace { id name organization { currency } } role isOperator } }';

describe('sign-in and switching', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('lands in the default Workspace and reports the role there', async () => {
    const { workspace, admin } = await createTenant(app, { currency: 'USD' });
    const token = await app.signIn(admin.email.toUpperCase(), PASSWORD);
    const data = expectData(
      await app.gql<{ viewer: { activeWorkspace: { id: string; organization: { currency: string } }; role: string; isOperator: boolean } }>(
        VIEWER,
        {},
        { token },
      ),
    );
    expect(data.viewer.activeWorkspace.id).toBe(workspace.id);
    expect(data.viewer.activeWorkspace.organization.currency).toBe('USD');
    expect(data.viewer.role).toBe('ADMINISTRATOR');
    expect(data.viewer.isOperator).toBe(false);
  });

  it('answers a wrong password and an unknown email with the same UNAUTHENTICATED message', async () => {
    const { admin } = await createTenant(app);
    const wrong = await app.gql(`mutation { signIn(email: "${admin.email}", password: "not-the-password") { token } }`);
    const unknown = await app.gql('mutation { signIn(email: "nobody@example.test", password: "not-the-password") { token } }');
    expect(expectError(wrong, 'UNAUTHENTICATED').message).toBe(expectError(unknown, 'UNAUTHENTICATED').message);
  });

  it('refuses a user with no active membership, with a message saying so', async () => {
    const user = await createUser(app);
    const error = expectError(await app.gql(`mutation { signIn(email: "${user.email}", password: "${PASSWORD}") { token } }`), 'FORBIDDEN');
    expect(error.message).toMatch(/no active Workspace/);
  });

  it('lets an operator with no membership sign in with no Workspace', async () => {
    const data = expectData(
      await app.gql<{ signIn: { workspace: null; token: string } }>(
        `mutation { signIn(email: "${OPS.email}", password: "${OPS.password}") { token workspace { id } } }`,
      ),
    );
    expect(data.signIn.workspace).toBeNull();
    const viewer = expectData(
      await app.gql<{ viewer: { isOperator: boolean; activeWorkspace: null; role: null } }>(VIEWER, {}, { token: data.signIn.token }),
    );
    expect(viewer.viewer).toMatchObject({ isOperator: true, activeWorkspace: null, role: null });
  });

  it('requires credentials for viewer', async () => {
    expectError(await app.gql(VIEWER), 'UNAUTHENTICATED');
    expectError(await app.gql(VIEWER, {}, { token: 'garbage' }), 'UNAUTHENTICATED');
  });

  it('switches to another Workspace with a different role; the source token stays valid', async () => {
    const { org, workspace, admin } = await createTenant(app);
    const second = await createWorkspace(app, org.id);
    await addMember(app, second.id, admin.id, 'OBSERVER');
    const first = await app.signIn(admin.email, PASSWORD);
    const switched = await switchTo(app, first, second.id);
    const there = expectData(await app.gql<{ viewer: { activeWorkspace: { id: string }; role: string } }>(VIEWER, {}, { token: switched }));
    expect(there.viewer).toMatchObject({ activeWorkspace: { id: second.id }, role: 'OBSERVER' });
    const here = expectData(await app.gql<{ viewer: { activeWorkspace: { id: string }; role: string } }>(VIEWER, {}, { token: first }));
    expect(here.viewer).toMatchObject({ activeWorkspace: { id: workspace.id }, role: 'ADMINISTRATOR' });
  });

  it('answers NOT_FOUND when switching to a Workspace the user cannot enter (existing or not)', async () => {
    const mine = await createTenant(app);
    const theirs = await createTenant(app);
    const token = await app.signIn(mine.admin.email, PASSWORD);
    expectError(
      await app.gql('mutation($w: ID!) { switchWorkspace(workspaceId: $w) { token } }', { w: theirs.workspace.id }, { token }),
      'NOT_FOUND',
      'workspaceId',
    );
    expectError(
      await app.gql(
        'mutation($w: ID!) { switchWorkspace(workspaceId: $w) { token } }',
        { w: '00000000-0000-0000-0000-000000000000' },
        { token },
      ),
      'NOT_FOUND',
      'workspaceId',
    );
  });

  it('lists exactly the Workspaces the user can enter in the switcher, the default marked', async () => {
    const { org, workspace, admin } = await createTenant(app);
    const second = await createWorkspace(app, org.id);
    await createWorkspace(app, org.id); // exists, but admin is not a member
    await addMember(app, second.id, admin.id, 'USER');
    const token = await app.signIn(admin.email, PASSWORD);
    const data = expectData(
      await app.gql<{ workspaces: { workspace: { id: string }; role: string; isDefault: boolean }[] }>(
        '{ workspaces { workspace { id } role isDefault } }',
        {},
        { token },
      ),
    );
    expect(data.workspaces).toEqual([
      { workspace: { id: workspace.id }, role: 'ADMINISTRATOR', isDefault: true },
      { workspace: { id: second.id }, role: 'USER', isDefault: false },
    ]);
  });

  it('shows workspace(id) only when visible to the viewer', async () => {
    const mine = await createTenant(app);
    const theirs = await createTenant(app);
    const token = await app.signIn(mine.admin.email, PASSWORD);
    const query = 'query($id: ID!) { workspace(id: $id) { id } }';
    expect(expectData(await app.gql<{ workspace: { id: string } | null }>(query, { id: mine.workspace.id }, { token })).workspace).toEqual({
      id: mine.workspace.id,
    });
    expect(expectData(await app.gql<{ workspace: null }>(query, { id: theirs.workspace.id }, { token })).workspace).toBeNull();
    expect(expectData(await app.gql<{ workspace: null }>(query, { id: 'not-a-uuid' }, { token })).workspace).toBeNull();
  });
});
