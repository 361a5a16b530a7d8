import { eq, sql } from 'drizzle-orm';
import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import { createTenant, createUser, createWorkspace, memberWithRole, PASSWORD, switchTo, unique } from '../../../test/factories';
import { users } from '../../db/schema';
import { outboxIdle } from '../mail/sender';
import { activationKeyIn, lastEmailTo, linkedGroup, roleMatrix, viewerOf } from './test-helpers';

const ADD =
  'mutation($e: String!, $r: Role!) { addUserToWorkspace(email: $e, role: $r) { user { id email } workspace { id } role status } }';
const ACCEPT =
  'mutation($k: String!, $p: String!, $n: String) { acceptInvitation(activationKey: $k, password: $p, name: $n) { token user { id name } workspace { id } } }';
const USERS = '{ workspaceUsers { edges { node { user { id email } role status } } } }';

type Added = { addUserToWorkspace: { user: { id: string; email: string }; workspace: { id: string }; role: string; status: string } };
type Accepted = { acceptInvitation: { token: string; user: { id: string; name: string }; workspace: { id: string } } };
type Users = { workspaceUsers: { edges: { node: { user: { id: string; email: string }; role: string; status: string } }[] } };

const newEmail = () => `${unique('invitee')}@example.test`.toLowerCase();

describe('adding and inviting users', () => {
  let app: TestApp;
  beforeAll(async () => {
    jest.spyOn(console, 'info').mockImplementation(() => undefined); // the development mail log
    app = await createTestApp();
  });
  afterAll(async () => {
    await outboxIdle();
    await app.close();
    jest.restoreAllMocks();
  });

  it('is allowed to Administrators and the SuperAdmin, FORBIDDEN for User and Observer (and then nothing is sent)', async () => {
    const { unit, actors } = await roleMatrix(app);
    for (const actor of Object.values(actors)) {
      const email = newEmail();
      const result = await app.gql<Added>(ADD, { e: email, r: 'USER' }, { token: actor.token });
      if (actor.role === 'USER' || actor.role === 'OBSERVER') {
        expectError(result, 'FORBIDDEN');
        expect(await lastEmailTo(app, email)).toBeNull();
        continue;
      }
      expect(expectData(result).addUserToWorkspace).toMatchObject({
        user: { email },
        workspace: { id: unit.id },
        role: 'USER',
        status: 'INVITED',
      });
      expect(await lastEmailTo(app, email)).not.toBeNull();
    }
  });

  it('adds an activated user of the Workspace group as an ACTIVE member who can switch in at once', async () => {
    // The group of a linked Workspace: the main organization's own Workspaces and those linked to it.
    const { hq: workspace, superAdmin, unit } = await linkedGroup(app);
    const admin = { token: await switchTo(app, await app.signIn(superAdmin.email, PASSWORD), workspace.id) };
    const existing = await memberWithRole(app, unit.id, 'USER');
    const added = expectData(
      await app.gql<Added>(ADD, { e: existing.email.toUpperCase(), r: 'OBSERVER' }, { token: admin.token }),
    ).addUserToWorkspace;
    expect(added).toMatchObject({ user: { id: existing.id }, role: 'OBSERVER', status: 'ACTIVE' });
    const switched = expectData(
      await app.gql<{ switchWorkspace: { token: string } }>(
        'mutation($w: ID!) { switchWorkspace(workspaceId: $w) { token } }',
        { w: workspace.id },
        { token: existing.token },
      ),
    );
    expect((await viewerOf(app, switched.switchWorkspace.token)).role).toBe('OBSERVER');
    expect((await lastEmailTo(app, existing.email))?.subject).toMatch(/added/);
  });

  it('invites an unknown email end to end: INVITED member, email with a one-time key, acceptance lands in the Workspace as ACTIVE', async () => {
    const { workspace, admin } = await createTenant(app);
    const email = newEmail();
    const added = expectData(await app.gql<Added>(ADD, { e: `  ${email}  `, r: 'USER' }, { token: admin.token })).addUserToWorkspace;
    expect(added).toMatchObject({ user: { email }, workspace: { id: workspace.id }, role: 'USER', status: 'INVITED' });
    const listed = expectData(await app.gql<Users>(USERS, {}, { token: admin.token })).workspaceUsers.edges.map((e) => e.node);
    expect(listed).toContainEqual({ user: { id: added.user.id, email }, role: 'USER', status: 'INVITED' });

    const mail = await lastEmailTo(app, email);
    expect(mail?.body).toContain('http://localhost:3000/activate?key=');
    const key = activationKeyIn(mail?.body ?? '');
    // Only the key's hash is stored.
    const [stored] = await app.database.db.select().from(users).where(eq(users.id, added.user.id));
    expect(stored?.passwordHash).toBeNull();
    expect(stored?.activationKeyHash).not.toContain(key);
    expect(stored?.activationExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 6.9 * 24 * 3600 * 1000);

    // Not yet activated: no password, so no sign-in.
    expectError(
      await app.gql('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', { e: email, p: PASSWORD }),
      'UNAUTHENTICATED',
    );

    const accepted = expectData(await app.gql<Accepted>(ACCEPT, { k: key, p: PASSWORD, n: 'Ida Invitee' })).acceptInvitation;
    expect(accepted).toMatchObject({ user: { id: added.user.id, name: 'Ida Invitee' }, workspace: { id: workspace.id } });
    const viewer = await viewerOf(app, accepted.token);
    expect(viewer).toMatchObject({ activeWorkspace: { id: workspace.id }, role: 'USER', user: { defaultWorkspace: { id: workspace.id } } });
    const after = expectData(await app.gql<Users>(USERS, {}, { token: admin.token })).workspaceUsers.edges.map((e) => e.node);
    expect(after).toContainEqual({ user: { id: added.user.id, email }, role: 'USER', status: 'ACTIVE' });

    // The key works once; the password works from now on.
    expectError(await app.gql(ACCEPT, { k: key, p: 'another-password-123' }), 'BAD_USER_INPUT', 'activationKey');
    expect((await viewerOf(app, await app.signIn(email, PASSWORD))).activeWorkspace?.id).toBe(workspace.id);
  });

  it('re-inviting a user who never activated replaces the key; the new key activates every invitation', async () => {
    const first = await createTenant(app);
    const second = await createTenant(app);
    const email = newEmail();
    expectData(await app.gql(ADD, { e: email, r: 'OBSERVER' }, { token: first.admin.token }));
    const oldKey = activationKeyIn((await lastEmailTo(app, email))?.body ?? '');
    const again = expectData(await app.gql<Added>(ADD, { e: email, r: 'ADMINISTRATOR' }, { token: second.admin.token })).addUserToWorkspace;
    expect(again.status).toBe('INVITED');
    const newKey = activationKeyIn((await lastEmailTo(app, email))?.body ?? '');
    expect(newKey).not.toBe(oldKey);
    expectError(await app.gql(ACCEPT, { k: oldKey, p: PASSWORD }), 'BAD_USER_INPUT', 'activationKey');
    const accepted = expectData(await app.gql<Accepted>(ACCEPT, { k: newKey, p: PASSWORD })).acceptInvitation;
    // Lands in the first Workspace invited to; the second is ACTIVE too.
    expect(accepted.workspace.id).toBe(first.workspace.id);
    const switcher = expectData(
      await app.gql<{ workspaces: { workspace: { id: string }; role: string }[] }>(
        '{ workspaces { workspace { id } role } }',
        {},
        { token: accepted.token },
      ),
    );
    expect(switcher.workspaces.map((w) => [w.workspace.id, w.role])).toEqual([
      [first.workspace.id, 'OBSERVER'],
      [second.workspace.id, 'ADMINISTRATOR'],
    ]);
  });

  it('answers CONFLICT for a member (any letter case) and for the SuperAdmin', async () => {
    const { actors } = await roleMatrix(app);
    const admin = actors.ADMINISTRATOR;
    expectError(await app.gql(ADD, { e: actors.USER.email.toUpperCase(), r: 'USER' }, { token: admin.token }), 'CONFLICT', 'email');
    expectError(await app.gql(ADD, { e: admin.email, r: 'USER' }, { token: admin.token }), 'CONFLICT', 'email');
    expectError(await app.gql(ADD, { e: actors.SUPER_ADMIN.email, r: 'ADMINISTRATOR' }, { token: admin.token }), 'CONFLICT', 'email');
    const invited = newEmail();
    expectData(await app.gql(ADD, { e: invited, r: 'USER' }, { token: admin.token }));
    expectError(await app.gql(ADD, { e: invited, r: 'USER' }, { token: admin.token }), 'CONFLICT', 'email');
  });

  it('refuses SUPER_ADMIN and malformed emails', async () => {
    const { admin } = await createTenant(app);
    expectError(await app.gql(ADD, { e: newEmail(), r: 'SUPER_ADMIN' }, { token: admin.token }), 'BAD_USER_INPUT', 'role');
    for (const bad of ['not-an-email', 'a@b', '', 'two words@example.test']) {
      expectError(await app.gql(ADD, { e: bad, r: 'USER' }, { token: admin.token }), 'BAD_USER_INPUT', 'email');
    }
  });

  it('an invited member becomes ACTIVE only by accepting', async () => {
    const { admin } = await createTenant(app);
    const added = expectData(await app.gql<Added>(ADD, { e: newEmail(), r: 'USER' }, { token: admin.token })).addUserToWorkspace;
    expectError(
      await app.gql(
        'mutation($u: ID!) { setUserStatus(userId: $u, status: ACTIVE) { status } }',
        { u: added.user.id },
        { token: admin.token },
      ),
      'BAD_USER_INPUT',
      'status',
    );
  });
});

describe('acceptInvitation', () => {
  let app: TestApp;
  beforeAll(async () => {
    jest.spyOn(console, 'info').mockImplementation(() => undefined); // the development mail log
    app = await createTestApp();
  });
  afterAll(async () => {
    await outboxIdle();
    await app.close();
    jest.restoreAllMocks();
  });

  async function invite() {
    const tenant = await createTenant(app);
    const email = newEmail();
    const added = expectData(await app.gql<Added>(ADD, { e: email, r: 'OBSERVER' }, { token: tenant.admin.token })).addUserToWorkspace;
    const key = activationKeyIn((await lastEmailTo(app, email))?.body ?? '');
    return { ...tenant, email, userId: added.user.id, key };
  }

  it('refuses a wrong key', async () => {
    await invite();
    expectError(await app.gql(ACCEPT, { k: 'not-the-key', p: PASSWORD }), 'BAD_USER_INPUT', 'activationKey');
    expectError(await app.gql(ACCEPT, { k: '', p: PASSWORD }), 'BAD_USER_INPUT', 'activationKey');
  });

  it('refuses an expired key', async () => {
    const { userId, key } = await invite();
    await app.database.db.update(users).set({ activationExpiresAt: sql`now() - interval '1 minute'` }).where(eq(users.id, userId));
    expectError(await app.gql(ACCEPT, { k: key, p: PASSWORD }), 'BAD_USER_INPUT', 'activationKey');
  });

  it('refuses a short password and keeps the key usable', async () => {
    const { key, workspace } = await invite();
    expectError(await app.gql(ACCEPT, { k: key, p: 'short' }), 'BAD_USER_INPUT', 'password');
    const accepted = expectData(await app.gql<Accepted>(ACCEPT, { k: key, p: PASSWORD })).acceptInvitation;
    expect(accepted.workspace.id).toBe(workspace.id);
  });

  it('refuses a key whose invitation was withdrawn (member removed)', async () => {
    const { key, userId, admin } = await invite();
    expectData(await app.gql('mutation($u: ID!) { removeUserFromWorkspace(userId: $u) }', { u: userId }, { token: admin.token }));
    expectError(await app.gql(ACCEPT, { k: key, p: PASSWORD }), 'FORBIDDEN');
  });

  it('keeps an invited user who is suspended before accepting out of the Workspace', async () => {
    const { key, userId, admin, org } = await invite();
    expectData(
      await app.gql('mutation($u: ID!) { setUserStatus(userId: $u, status: SUSPENDED) { status } }', { u: userId }, { token: admin.token }),
    );
    expectError(await app.gql(ACCEPT, { k: key, p: PASSWORD }), 'FORBIDDEN');
    // Elsewhere, the same account can still be activated later.
    const other = await createWorkspace(app, org.id);
    const otherAdmin = await memberWithRole(app, other.id, 'ADMINISTRATOR');
    const email = (await app.database.db.select().from(users).where(eq(users.id, userId)))[0]?.email ?? '';
    expectData(await app.gql(ADD, { e: email, r: 'USER' }, { token: otherAdmin.token }));
    const accepted = expectData(
      await app.gql<Accepted>(ACCEPT, { k: activationKeyIn((await lastEmailTo(app, email))?.body ?? ''), p: PASSWORD }),
    ).acceptInvitation;
    expect(accepted.workspace.id).toBe(other.id);
  });

  it("is not fooled by an existing user's email: the account keeps its password", async () => {
    const { admin } = await createTenant(app);
    const existing = await createUser(app);
    expectData(await app.gql(ADD, { e: existing.email, r: 'USER' }, { token: admin.token }));
    const mail = await lastEmailTo(app, existing.email);
    // Invited (it is of no group of this Workspace), it accepts by confirming its password, never by setting one.
    expect(mail?.body).toContain('&account=existing');
    const key = activationKeyIn(mail?.body ?? '');
    expectError(await app.gql(ACCEPT, { k: key, p: 'someone-elses-password' }), 'BAD_USER_INPUT', 'password');
    expectData(await app.gql(ACCEPT, { k: key, p: PASSWORD }));
    expect(await app.signIn(existing.email, PASSWORD)).toBeTruthy();
    expectError(
      await app.gql('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', {
        e: existing.email,
        p: 'someone-elses-password',
      }),
      'UNAUTHENTICATED',
    );
  });
});
