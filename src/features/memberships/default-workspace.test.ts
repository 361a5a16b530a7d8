import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
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
import { roleMatrix, viewerOf } from './test-helpers';

const SET_DEFAULT = 'mutation($u: ID!, $w: ID!) { setDefaultWorkspace(userId: $u, workspaceId: $w) { id defaultWorkspace { id } } }';
type SetDefault = { setDefaultWorkspace: { id: string; defaultWorkspace: { id: string } | null } };

describe('setDefaultWorkspace', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  /** Sign-in lands in the default Workspace: the user-visible effect. */
  const landing = async (email: string) => (await viewerOf(app, await app.signIn(email, PASSWORD))).activeWorkspace?.id;

  describe('for oneself', () => {
    it('accepts any Workspace one can enter, and sign-in lands there', async () => {
      const { org, workspace, admin } = await createTenant(app);
      const second = await createWorkspace(app, org.id);
      await addMember(app, second.id, admin.id, 'OBSERVER');
      expect(await landing(admin.email)).toBe(workspace.id);
      const data = expectData(await app.gql<SetDefault>(SET_DEFAULT, { u: admin.id, w: second.id }, { token: admin.token }));
      expect(data.setDefaultWorkspace).toEqual({ id: admin.id, defaultWorkspace: { id: second.id } });
      expect(await landing(admin.email)).toBe(second.id);
    });

    it('accepts a Workspace entered as SuperAdmin', async () => {
      const { unit, superAdmin } = await roleMatrix(app);
      expectData(await app.gql(SET_DEFAULT, { u: superAdmin.id, w: unit.id }, { token: superAdmin.token }));
      expect(await landing(superAdmin.email)).toBe(unit.id);
    });

    it('answers NOT_FOUND for a Workspace one cannot enter, existing or not', async () => {
      const { org, admin } = await createTenant(app);
      const other = await createTenant(app);
      const suspendedThere = await createWorkspace(app, org.id);
      const otherAdmin = await memberWithRole(app, suspendedThere.id, 'ADMINISTRATOR');
      await addMember(app, suspendedThere.id, admin.id, 'USER');
      expectData(
        await app.gql(
          'mutation($u: ID!) { setUserStatus(userId: $u, status: SUSPENDED) { status } }',
          { u: admin.id },
          { token: otherAdmin.token },
        ),
      );
      for (const w of [other.workspace.id, suspendedThere.id, '00000000-0000-0000-0000-000000000000', 'nope']) {
        expectError(await app.gql(SET_DEFAULT, { u: admin.id, w }, { token: admin.token }), 'NOT_FOUND', 'workspaceId');
      }
    });
  });

  describe('for another user', () => {
    it('is allowed to Administrators and the SuperAdmin of both Workspaces, FORBIDDEN for User and Observer', async () => {
      const { main, unit, actors } = await roleMatrix(app);
      const second = await createWorkspace(app, (await createOrg(app)).id);
      await linkWorkspace(app, main.id, second.id); // the SuperAdmin administers it too
      for (const actor of [actors.ADMINISTRATOR, actors.USER, actors.OBSERVER]) await addMember(app, second.id, actor.id, 'ADMINISTRATOR');
      for (const actor of Object.values(actors)) {
        const target = await memberWithRole(app, unit.id, 'USER');
        await addMember(app, second.id, target.id, 'USER');
        const result = await app.gql<SetDefault>(SET_DEFAULT, { u: target.id, w: second.id }, { token: actor.token });
        if (actor.role === 'USER' || actor.role === 'OBSERVER') {
          expectError(result, 'FORBIDDEN');
          expect(await landing(target.email)).toBe(unit.id);
          continue;
        }
        expect(expectData(result).setDefaultWorkspace).toEqual({ id: target.id, defaultWorkspace: { id: second.id } });
        expect(await landing(target.email)).toBe(second.id);
      }
    });

    it('needs Administrator rights in the current default too', async () => {
      const { org, workspace } = await createTenant(app);
      const second = await createWorkspace(app, org.id);
      const secondAdmin = await memberWithRole(app, second.id, 'ADMINISTRATOR');
      const target = await memberWithRole(app, workspace.id, 'USER'); // default: workspace
      await addMember(app, second.id, target.id, 'USER');
      // secondAdmin administers the new default but is no member of the current one.
      expectError(await app.gql(SET_DEFAULT, { u: target.id, w: second.id }, { token: secondAdmin.token }), 'FORBIDDEN');
      // An Administrator of the current default who is only a User in the new one.
      await addMember(app, workspace.id, secondAdmin.id, 'ADMINISTRATOR');
      const other = await memberWithRole(app, second.id, 'USER');
      await addMember(app, workspace.id, other.id, 'ADMINISTRATOR');
      expectError(await app.gql(SET_DEFAULT, { u: target.id, w: second.id }, { token: other.token }), 'FORBIDDEN');
      expect(await landing(target.email)).toBe(workspace.id);
    });

    it('answers BAD_USER_INPUT when the user cannot enter the new Workspace', async () => {
      const { org, workspace, admin } = await createTenant(app);
      const second = await createWorkspace(app, org.id);
      await addMember(app, second.id, admin.id, 'ADMINISTRATOR');
      const target = await memberWithRole(app, workspace.id, 'USER');
      expectError(await app.gql(SET_DEFAULT, { u: target.id, w: second.id }, { token: admin.token }), 'BAD_USER_INPUT', 'workspaceId');
      // Suspended there is no better.
      await addMember(app, second.id, target.id, 'USER');
      const adminThere = await memberWithRole(app, second.id, 'ADMINISTRATOR');
      expectData(
        await app.gql(
          'mutation($u: ID!) { setUserStatus(userId: $u, status: SUSPENDED) { status } }',
          { u: target.id },
          { token: adminThere.token },
        ),
      );
      expectError(await app.gql(SET_DEFAULT, { u: target.id, w: second.id }, { token: admin.token }), 'BAD_USER_INPUT', 'workspaceId');
    });

    it('answers NOT_FOUND for unknown users and users of other Workspaces', async () => {
      const { workspace, admin } = await createTenant(app);
      const stranger = await createTenant(app);
      const loner = await createUser(app);
      for (const u of [stranger.admin.id, loner.id, '00000000-0000-0000-0000-000000000000', 'nope']) {
        expectError(await app.gql(SET_DEFAULT, { u, w: workspace.id }, { token: admin.token }), 'NOT_FOUND', 'userId');
      }
    });

    it('lets platform operators set a default the user can enter', async () => {
      const { org, workspace } = await createTenant(app);
      const second = await createWorkspace(app, org.id);
      const target = await memberWithRole(app, workspace.id, 'OBSERVER');
      const ops = await app.opsToken();
      expectError(await app.gql(SET_DEFAULT, { u: target.id, w: second.id }, { token: ops }), 'BAD_USER_INPUT', 'workspaceId');
      await addMember(app, second.id, target.id, 'OBSERVER');
      expectData(await app.gql(SET_DEFAULT, { u: target.id, w: second.id }, { token: ops }));
      expect(await landing(target.email)).toBe(second.id);
    });
  });
});
