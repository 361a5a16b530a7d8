import { encode } from 'next-auth/jwt';
import { createTestApp, expectData, expectError, OPS, type TestApp } from '../../test/app';
import { addMember, createTenant, createUser, createWorkspace, PASSWORD } from '../../test/factories';
import { BrowserSignInError, buildAuthOptions, verifyBrowserSignIn } from './next-auth';

/** Browser sign-in (next-auth Credentials) checks passwords exactly like the API's signIn. */
describe('browser sign-in', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const refusal = async (email: string, password: string) => {
    try {
      await verifyBrowserSignIn(email, password, {}, app.runtime);
    } catch (error) {
      if (error instanceof BrowserSignInError) return { code: error.code, message: error.message };
      throw error;
    }
    throw new Error('expected a refusal');
  };

  it('accepts the right password (email in any case) and returns the user id for the session', async () => {
    const { admin } = await createTenant(app);
    const user = await verifyBrowserSignIn(admin.email.toUpperCase(), PASSWORD, {}, app.runtime);
    expect(user).toMatchObject({ id: admin.id, email: admin.email });
  });

  it('refuses a wrong password and an unknown email with the API signIn message', async () => {
    const { admin } = await createTenant(app);
    const api = expectError(
      await app.gql(`mutation { signIn(email: "${admin.email}", password: "wrong-password-1") { token } }`),
      'UNAUTHENTICATED',
    );
    expect(await refusal(admin.email, 'wrong-password-1')).toEqual({ code: 'UNAUTHENTICATED', message: api.message });
    expect(await refusal('nobody@example.test', 'wrong-password-1')).toEqual({ code: 'UNAUTHENTICATED', message: api.message });
  });

  it('refuses a user with no active membership, saying so; lets an operator without one in', async () => {
    const nomad = await createUser(app);
    const refused = await refusal(nomad.email, PASSWORD);
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/no active Workspace/);
    expect(await verifyBrowserSignIn(OPS.email, OPS.password, {}, app.runtime)).toMatchObject({ email: OPS.email });
  });

  it('issues session cookies the API reads: sub is the user id, x-workspace-id picks the Workspace', async () => {
    const { org, workspace, admin } = await createTenant(app);
    const second = await createWorkspace(app, org.id);
    await addMember(app, second.id, admin.id, 'OBSERVER');
    const other = await createTenant(app);
    const options = buildAuthOptions(app.runtime.secret, app.runtime);
    expect(options.session?.strategy).toBe('jwt');
    const user = await verifyBrowserSignIn(admin.email, PASSWORD, {}, app.runtime);
    const jwt = options.callbacks?.jwt
      ? await options.callbacks.jwt({ token: { sub: 'ignored' }, user, account: null, trigger: 'signIn' })
      : { sub: user.id };
    expect(jwt.sub).toBe(admin.id);
    const cookie = `next-auth.session-token=${await encode({ token: jwt, secret: app.runtime.secret })}`;
    const viewer = (workspaceId?: string) =>
      app.gql<{ viewer: { activeWorkspace: { id: string }; role: string } }>(
        '{ viewer { activeWorkspace { id } role } }',
        {},
        {
          headers: { cookie, ...(workspaceId ? { 'x-workspace-id': workspaceId } : {}) },
        },
      );
    expect(expectData(await viewer()).viewer).toEqual({ activeWorkspace: { id: workspace.id }, role: 'ADMINISTRATOR' });
    expect(expectData(await viewer(second.id)).viewer).toEqual({ activeWorkspace: { id: second.id }, role: 'OBSERVER' });
    expectError(await viewer(other.workspace.id), 'NOT_FOUND', 'x-workspace-id');
    expectError(await viewer('not-a-uuid'), 'NOT_FOUND', 'x-workspace-id');
  });
  it('reads the session cookie beside cookies that do not decode (theme=100%), and ignores those', async () => {
    const { workspace, admin } = await createTenant(app);
    const session = `next-auth.session-token=${await encode({ token: { sub: admin.id }, secret: app.runtime.secret })}`;
    const viewer = (cookie: string) =>
      app.gql<{ viewer: { activeWorkspace: { id: string } } }>('{ viewer { activeWorkspace { id } } }', {}, { headers: { cookie } });
    for (const cookie of [`theme=100%; ${session}`, `${session}; theme=100%`, `a=%E0%A4%A; ${session}; b=%`]) {
      const result = await viewer(cookie);
      expect(result.status).toBe(200);
      expect(expectData(result).viewer.activeWorkspace.id).toBe(workspace.id);
    }
    const anonymous = await app.gql('{ __typename }', {}, { headers: { cookie: 'theme=100%' } });
    expect(anonymous.status).toBe(200);
    expect(expectData(anonymous)).toEqual({ __typename: 'Query' });
  });
});
