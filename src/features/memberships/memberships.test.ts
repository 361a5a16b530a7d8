import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import { statementCount } from '../../../test/db';
import {
  addMember,
  createTenant,
  createUser,
  createWorkspace,
  linkWorkspace,
  memberWithRole,
  PASSWORD,
  switchTo,
} from '../../../test/factories';
import { type Actor, roleMatrix, viewerOf } from './test-helpers';

const USERS =
  'query($first: Int, $after: String) { workspaceUsers(first: $first, after: $after) { totalCount edges { cursor node { user { id email } workspace { id } role status } } pageInfo { hasNextPage endCursor } } }';
const SET_ROLE = 'mutation($u: ID!, $r: Role!) { setUserRole(userId: $u, role: $r) { user { id } workspace { id } role status } }';
const SET_STATUS = 'mutation($u: ID!, $s: MembershipStatus!) { setUserStatus(userId: $u, status: $s) { user { id } role status } }';
const REMOVE = 'mutation($u: ID!) { removeUserFromWorkspace(userId: $u) }';

type Page = {
  workspaceUsers: {
    totalCount: number;
    edges: { cursor: string; node: { user: { id: string; email: string }; workspace: { id: string }; role: string; status: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

describe('memberships', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const allowed = (actor: Actor) => actor.role === 'SUPER_ADMIN' || actor.role === 'ADMINISTRATOR';

  describe('workspaceUsers', () => {
    it('lists the active Workspace for Administrators and the SuperAdmin (first, as SUPER_ADMIN); FORBIDDEN for User and Observer', async () => {
      const { unit, actors } = await roleMatrix(app);
      for (const actor of Object.values(actors)) {
        const result = await app.gql<Page>(USERS, {}, { token: actor.token });
        if (!allowed(actor)) {
          expectError(result, 'FORBIDDEN');
          continue;
        }
        const page = expectData(result).workspaceUsers;
        expect(page.totalCount).toBe(4);
        expect(page.edges.map((e) => [e.node.user.id, e.node.role, e.node.status])).toEqual([
          [actors.SUPER_ADMIN.id, 'SUPER_ADMIN', 'ACTIVE'],
          [actors.ADMINISTRATOR.id, 'ADMINISTRATOR', 'ACTIVE'],
          [actors.USER.id, 'USER', 'ACTIVE'],
          [actors.OBSERVER.id, 'OBSERVER', 'ACTIVE'],
        ]);
        expect(page.edges.every((e) => e.node.workspace.id === unit.id)).toBe(true);
      }
    });

    it('never lists members of another Workspace', async () => {
      const mine = await createTenant(app);
      const theirs = await createTenant(app);
      const shared = await createUser(app);
      await addMember(app, mine.workspace.id, shared.id, 'USER');
      await addMember(app, theirs.workspace.id, shared.id, 'OBSERVER');
      const page = expectData(await app.gql<Page>(USERS, {}, { token: mine.admin.token })).workspaceUsers;
      expect(page.edges.map((e) => e.node.user.id).sort()).toEqual([mine.admin.id, shared.id].sort());
      expect(page.edges.find((e) => e.node.user.id === shared.id)?.node.role).toBe('USER');
      expect(page.totalCount).toBe(2);
    });

    it('pages with first/after through every member exactly once, the SuperAdmin included', async () => {
      const { unit, actors } = await roleMatrix(app);
      for (let i = 0; i < 3; i++) await addMember(app, unit.id, (await createUser(app)).id, 'OBSERVER');
      const everyone = expectData(await app.gql<Page>(USERS, {}, { token: actors.ADMINISTRATOR.token })).workspaceUsers;
      expect(everyone.totalCount).toBe(7);
      expect(everyone.pageInfo.hasNextPage).toBe(false);
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const page: Page['workspaceUsers'] = expectData(
          await app.gql<Page>(USERS, { first: 2, after }, { token: actors.ADMINISTRATOR.token }),
        ).workspaceUsers;
        expect(page.totalCount).toBe(7);
        expect(page.edges.length).toBeLessThanOrEqual(2);
        seen.push(...page.edges.map((e) => e.node.user.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(everyone.edges.map((e) => e.node.user.id));
      expect(seen[0]).toBe(actors.SUPER_ADMIN.id);
    });

    it('costs as many statements for a page of 12 as for a page of 2, the SuperAdmin included', async () => {
      const { unit, actors } = await roleMatrix(app);
      for (let i = 0; i < 12; i++) await addMember(app, unit.id, (await createUser(app)).id, 'OBSERVER');
      const statementsFor = async (first: number) => {
        const before = statementCount();
        const page = expectData(await app.gql<Page>(USERS, { first }, { token: actors.ADMINISTRATOR.token })).workspaceUsers;
        return { statements: statementCount() - before, edges: page.edges.length, superAdminFirst: page.edges[0]?.node.role };
      };
      const small = await statementsFor(2);
      const large = await statementsFor(12);
      expect([small.edges, large.edges]).toEqual([2, 12]);
      expect([small.superAdminFirst, large.superAdminFirst]).toEqual(['SUPER_ADMIN', 'SUPER_ADMIN']);
      expect(large.statements).toBe(small.statements);
      // The count is real: the transaction, the SuperAdmin, the page, the count and the nested users and Workspaces.
      expect(small.statements).toBeGreaterThan(5);
    });

    it('validates first and after', async () => {
      const { admin } = await createTenant(app);
      expectError(await app.gql(USERS, { first: 501 }, { token: admin.token }), 'BAD_USER_INPUT', 'first');
      expectError(await app.gql(USERS, { first: 0 }, { token: admin.token }), 'BAD_USER_INPUT', 'first');
      expectError(await app.gql(USERS, { after: 'garbage' }, { token: admin.token }), 'BAD_USER_INPUT', 'after');
      expect(expectData(await app.gql<Page>(USERS, { first: 500 }, { token: admin.token })).workspaceUsers.totalCount).toBe(1);
    });

    it('shows a SuperAdmin who is also a member of the Workspace once, as SUPER_ADMIN', async () => {
      const { main, hq, actors } = await roleMatrix(app);
      await linkWorkspace(app, main.id, hq.id);
      const colleague = await memberWithRole(app, hq.id, 'ADMINISTRATOR');
      const page = expectData(await app.gql<Page>(USERS, {}, { token: colleague.token })).workspaceUsers;
      expect(page.edges.map((e) => [e.node.user.id, e.node.role])).toEqual([
        [actors.SUPER_ADMIN.id, 'SUPER_ADMIN'],
        [colleague.id, 'ADMINISTRATOR'],
      ]);
      expect(page.totalCount).toBe(2);
    });
  });

  describe('setUserRole', () => {
    it('is allowed to Administrators and the SuperAdmin, FORBIDDEN for User and Observer', async () => {
      const { unit, actors } = await roleMatrix(app);
      for (const actor of Object.values(actors)) {
        const target = await memberWithRole(app, unit.id, 'USER');
        const result = await app.gql<{ setUserRole: { user: { id: string }; workspace: { id: string }; role: string } }>(
          SET_ROLE,
          { u: target.id, r: 'OBSERVER' },
          { token: actor.token },
        );
        if (!allowed(actor)) {
          expectError(result, 'FORBIDDEN');
          continue;
        }
        expect(expectData(result).setUserRole).toMatchObject({ user: { id: target.id }, workspace: { id: unit.id }, role: 'OBSERVER' });
        // The change applies to the target's next request, with the token they already hold.
        expect((await viewerOf(app, target.token)).role).toBe('OBSERVER');
      }
    });

    it('refuses SUPER_ADMIN, oneself, the SuperAdmin, and members of other Workspaces', async () => {
      const { actors } = await roleMatrix(app);
      const admin = actors.ADMINISTRATOR;
      const other = await createTenant(app);
      expectError(await app.gql(SET_ROLE, { u: actors.USER.id, r: 'SUPER_ADMIN' }, { token: admin.token }), 'BAD_USER_INPUT', 'role');
      expectError(await app.gql(SET_ROLE, { u: admin.id, r: 'OBSERVER' }, { token: admin.token }), 'BAD_USER_INPUT', 'userId');
      expectError(await app.gql(SET_ROLE, { u: actors.SUPER_ADMIN.id, r: 'OBSERVER' }, { token: admin.token }), 'FORBIDDEN');
      expectError(
        await app.gql(SET_ROLE, { u: actors.SUPER_ADMIN.id, r: 'OBSERVER' }, { token: actors.SUPER_ADMIN.token }),
        'BAD_USER_INPUT',
        'userId',
      );
      expectError(await app.gql(SET_ROLE, { u: other.admin.id, r: 'OBSERVER' }, { token: admin.token }), 'NOT_FOUND', 'userId');
      expectError(
        await app.gql(SET_ROLE, { u: '00000000-0000-0000-0000-000000000000', r: 'OBSERVER' }, { token: admin.token }),
        'NOT_FOUND',
        'userId',
      );
      expectError(await app.gql(SET_ROLE, { u: 'not-a-uuid', r: 'OBSERVER' }, { token: admin.token }), 'NOT_FOUND', 'userId');
      // The other Workspace's Administrator kept their role.
      expect((await viewerOf(app, other.admin.token)).role).toBe('ADMINISTRATOR');
    });

    it('protects the SuperAdmin even where they also hold a membership', async () => {
      const { main, hq, actors } = await roleMatrix(app);
      await linkWorkspace(app, main.id, hq.id);
      const colleague = await memberWithRole(app, hq.id, 'ADMINISTRATOR');
      expectError(await app.gql(SET_ROLE, { u: actors.SUPER_ADMIN.id, r: 'OBSERVER' }, { token: colleague.token }), 'FORBIDDEN');
      expectError(await app.gql(SET_STATUS, { u: actors.SUPER_ADMIN.id, s: 'SUSPENDED' }, { token: colleague.token }), 'FORBIDDEN');
      expectError(await app.gql(REMOVE, { u: actors.SUPER_ADMIN.id }, { token: colleague.token }), 'FORBIDDEN');
    });
  });

  describe('setUserStatus', () => {
    it('is allowed to Administrators and the SuperAdmin, FORBIDDEN for User and Observer', async () => {
      const { unit, actors } = await roleMatrix(app);
      for (const actor of Object.values(actors)) {
        const target = await memberWithRole(app, unit.id, 'USER');
        const result = await app.gql<{ setUserStatus: { status: string } }>(
          SET_STATUS,
          { u: target.id, s: 'SUSPENDED' },
          { token: actor.token },
        );
        if (!allowed(actor)) {
          expectError(result, 'FORBIDDEN');
          expect((await viewerOf(app, target.token)).activeWorkspace?.id).toBe(unit.id);
          continue;
        }
        expect(expectData(result).setUserStatus.status).toBe('SUSPENDED');
      }
    });

    it("stops a suspended user's token at once, and lets it work again on reactivation", async () => {
      const { workspace, admin } = await createTenant(app);
      const target = await memberWithRole(app, workspace.id, 'USER');
      expectData(await app.gql(SET_STATUS, { u: target.id, s: 'SUSPENDED' }, { token: admin.token }));
      expectError(await app.gql('{ viewer { role } }', {}, { token: target.token }), 'UNAUTHENTICATED');
      expectError(
        await app.gql('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', { e: target.email, p: PASSWORD }),
        'FORBIDDEN',
      );
      expect(
        expectData(await app.gql<{ setUserStatus: { status: string } }>(SET_STATUS, { u: target.id, s: 'ACTIVE' }, { token: admin.token }))
          .setUserStatus.status,
      ).toBe('ACTIVE');
      expect((await viewerOf(app, target.token)).role).toBe('USER');
    });

    it('moves the default Workspace to the next active one when the user is suspended in it', async () => {
      const { org, workspace, admin } = await createTenant(app);
      const target = await memberWithRole(app, workspace.id, 'USER');
      const second = await createWorkspace(app, org.id);
      await addMember(app, second.id, target.id, 'OBSERVER');
      expect((await viewerOf(app, target.token)).user.defaultWorkspace?.id).toBe(workspace.id);
      expectData(await app.gql(SET_STATUS, { u: target.id, s: 'SUSPENDED' }, { token: admin.token }));
      const landed = await viewerOf(app, await app.signIn(target.email, PASSWORD));
      expect(landed.activeWorkspace?.id).toBe(second.id);
      expect(landed.user.defaultWorkspace?.id).toBe(second.id);
    });

    it('refuses INVITED, oneself, the SuperAdmin and members of other Workspaces', async () => {
      const { actors } = await roleMatrix(app);
      const admin = actors.ADMINISTRATOR;
      const other = await createTenant(app);
      expectError(await app.gql(SET_STATUS, { u: actors.USER.id, s: 'INVITED' }, { token: admin.token }), 'BAD_USER_INPUT', 'status');
      expectError(await app.gql(SET_STATUS, { u: admin.id, s: 'SUSPENDED' }, { token: admin.token }), 'BAD_USER_INPUT', 'userId');
      expectError(await app.gql(SET_STATUS, { u: actors.SUPER_ADMIN.id, s: 'SUSPENDED' }, { token: admin.token }), 'FORBIDDEN');
      expectError(await app.gql(SET_STATUS, { u: other.admin.id, s: 'SUSPENDED' }, { token: admin.token }), 'NOT_FOUND', 'userId');
      expect((await viewerOf(app, other.admin.token)).role).toBe('ADMINISTRATOR');
    });
  });

  describe('removeUserFromWorkspace', () => {
    it('is allowed to Administrators and the SuperAdmin, FORBIDDEN for User and Observer', async () => {
      const { unit, actors } = await roleMatrix(app);
      for (const actor of Object.values(actors)) {
        const target = await memberWithRole(app, unit.id, 'OBSERVER');
        const result = await app.gql<{ removeUserFromWorkspace: boolean }>(REMOVE, { u: target.id }, { token: actor.token });
        if (!allowed(actor)) {
          expectError(result, 'FORBIDDEN');
          continue;
        }
        expect(expectData(result).removeUserFromWorkspace).toBe(true);
        const page = expectData(await app.gql<Page>(USERS, {}, { token: actors.ADMINISTRATOR.token })).workspaceUsers;
        expect(page.edges.map((e) => e.node.user.id)).not.toContain(target.id);
      }
    });

    it("stops the removed user's token at once and moves their default Workspace", async () => {
      const { org, workspace, admin } = await createTenant(app);
      const target = await memberWithRole(app, workspace.id, 'USER');
      const second = await createWorkspace(app, org.id);
      await addMember(app, second.id, target.id, 'USER');
      expectData(await app.gql(REMOVE, { u: target.id }, { token: admin.token }));
      expectError(await app.gql('{ viewer { role } }', {}, { token: target.token }), 'UNAUTHENTICATED');
      const landed = await viewerOf(app, await app.signIn(target.email, PASSWORD));
      expect(landed.activeWorkspace?.id).toBe(second.id);
      expect(landed.user.defaultWorkspace?.id).toBe(second.id);
      // Removed again, nothing is left: NOT_FOUND.
      expectError(await app.gql(REMOVE, { u: target.id }, { token: admin.token }), 'NOT_FOUND', 'userId');
    });

    it('refuses oneself, the SuperAdmin and members of other Workspaces', async () => {
      const { actors } = await roleMatrix(app);
      const other = await createTenant(app);
      expectError(await app.gql(REMOVE, { u: actors.ADMINISTRATOR.id }, { token: actors.ADMINISTRATOR.token }), 'BAD_USER_INPUT', 'userId');
      expectError(await app.gql(REMOVE, { u: actors.SUPER_ADMIN.id }, { token: actors.ADMINISTRATOR.token }), 'FORBIDDEN');
      expectError(await app.gql(REMOVE, { u: other.admin.id }, { token: actors.ADMINISTRATOR.token }), 'NOT_FOUND', 'userId');
      expect((await viewerOf(app, other.admin.token)).role).toBe('ADMINISTRATOR');
    });
  });

  it('refuses a removed member switching back in (NOT_FOUND) while their other Workspaces stay', async () => {
    const { org, workspace, admin } = await createTenant(app);
    const second = await createWorkspace(app, org.id);
    const target = await memberWithRole(app, second.id, 'USER');
    await addMember(app, workspace.id, target.id, 'USER');
    const home = await app.signIn(target.email, PASSWORD);
    expectData(await app.gql(REMOVE, { u: target.id }, { token: admin.token }));
    expectError(
      await app.gql('mutation($w: ID!) { switchWorkspace(workspaceId: $w) { token } }', { w: workspace.id }, { token: home }),
      'NOT_FOUND',
      'workspaceId',
    );
    expect((await viewerOf(app, await switchTo(app, home, second.id))).activeWorkspace?.id).toBe(second.id);
  });
});
