import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import {
  addMember,
  createTenant,
  createUser,
  createWorkspace,
  linkWorkspace,
  memberWithRole,
  PASSWORD,
  switchTo,
  unique,
} from '../../../test/factories';
import { outboxIdle } from '../mail/sender';
import { activationKeyIn, lastEmailTo, linkedGroup, viewerOf } from './test-helpers';

const ADD = `mutation($e: String!, $r: Role!) { addUserToWorkspace(email: $e, role: $r) {
  user { id email name defaultWorkspace { id } } workspace { id } role status joinedAt } }`;
const ACCEPT =
  'mutation($k: String!, $p: String!, $n: String) { acceptInvitation(activationKey: $k, password: $p, name: $n) { token user { id name } workspace { id } } }';
const USERS = '{ workspaceUsers { edges { node { user { id email name defaultWorkspace { id } } role status joinedAt } } } }';
const EVENTS = '{ auditEvents(first: 50) { edges { node { action actor { id } actorEmail targetType targetId before after } } } }';
const SWITCH = 'mutation($w: ID!) { switchWorkspace(workspaceId: $w) { token } }';
const SET_DEFAULT = 'mutation($u: ID!, $w: ID!) { setDefaultWorkspace(userId: $u, workspaceId: $w) { id } }';

type Member = { user: { id: string; email: string; name: string; defaultWorkspace: { id: string } | null }; role: string; status: string };
type Added = { addUserToWorkspace: Member & { workspace: { id: string }; joinedAt: string } };
type Accepted = { acceptInvitation: { token: string; user: { id: string; name: string }; workspace: { id: string } } };
type Users = { workspaceUsers: { edges: { node: Member & { joinedAt: string } }[] } };
type Events = { auditEvents: { edges: { node: { action: string; targetId: string; before: string | null; after: string | null } }[] } };

/** Replaces every occurrence of the given ids and emails (exactly as given, so a letter case of the account shows) and every timestamp by placeholders. */
function anonymized(value: unknown, secrets: Record<string, string>): unknown {
  let text = JSON.stringify(value);
  for (const [placeholder, secret] of Object.entries(secrets)) {
    text = text.replace(new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), `<${placeholder}>`);
  }
  return JSON.parse(text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>'));
}

describe('inviting an account from outside the Workspace group', () => {
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

  /** An account with a password, a name and a default Workspace, in a tenant unrelated to `tenant`. */
  async function outsider() {
    const elsewhere = await createTenant(app);
    const account = await memberWithRole(app, elsewhere.workspace.id, 'USER');
    return { ...account, home: elsewhere.workspace.id };
  }

  /** The SuperAdmin of another group: reaches its linked Workspace by the link alone, and is Administrator at home. */
  async function superAdminElsewhere() {
    const { unit, superAdmin } = await linkedGroup(app);
    return { ...superAdmin, home: unit.id };
  }

  /** The inviting Workspace: one in no group, or a Workspace linked to a group (of another SuperAdmin) by one of its Administrators. */
  const standalone = async () => createTenant(app);
  async function linkedUnit() {
    const { unit } = await linkedGroup(app);
    return { workspace: unit, admin: await memberWithRole(app, unit.id, 'ADMINISTRATOR') };
  }

  const SET_ROLE = `mutation($u: ID!, $r: Role!) { setUserRole(userId: $u, role: $r) {
    user { id email name defaultWorkspace { id } } role status } }`;

  it.each([
    ['a member elsewhere', 'a Workspace in no group', outsider, standalone],
    ['the SuperAdmin of another group', 'a Workspace in no group', superAdminElsewhere, standalone],
    ['a member elsewhere', 'a linked Workspace', outsider, linkedUnit],
    ['the SuperAdmin of another group', 'a linked Workspace', superAdminElsewhere, linkedUnit],
  ])(
    'answers for %s invited to %s exactly as for an unknown email: result, member list, audit trail, email, setDefaultWorkspace, setUserRole',
    async (_who, _where, account_, inviting) => {
      const { workspace, admin } = await inviting();
      const account = await account_();
      // The same local part at another domain has no account: both get the same provisional name.
      const local = account.email.split('@')[0] as string;
      const unknown = `${local}@nowhere.example.test`;
      const cases = [
        { typed: account.email.toUpperCase(), recipient: account.email },
        { typed: unknown.toUpperCase(), recipient: unknown.toUpperCase() },
      ];
      const seen = [];
      for (const { typed, recipient } of cases) {
        const added = expectData(await app.gql<Added>(ADD, { e: typed, r: 'OBSERVER' }, { token: admin.token })).addUserToWorkspace;
        const userId = added.user.id;
        const listed = expectData(await app.gql<Users>(USERS, {}, { token: admin.token })).workspaceUsers.edges.find(
          (e) => e.node.user.id === userId,
        );
        const trail = expectData(await app.gql<Events>(EVENTS, {}, { token: admin.token }))
          .auditEvents.edges.map((e) => e.node)
          .filter((n) => n.targetId.includes(userId));
        const mail = await lastEmailTo(app, recipient);
        const setDefault = await app.gql(SET_DEFAULT, { u: userId, w: workspace.id }, { token: admin.token });
        // The account's own Workspace (for the SuperAdmin: one it reaches by its link only) is unknown here.
        const setDefaultToTheirs = await app.gql(SET_DEFAULT, { u: userId, w: account.home }, { token: admin.token });
        const setRole = await app.gql(SET_ROLE, { u: userId, r: 'USER' }, { token: admin.token });
        const secrets = {
          user: userId,
          email: typed,
          admin: admin.id,
          adminEmail: admin.email,
          workspace: workspace.id,
          theirs: account.home,
        };
        seen.push(anonymized({ added, listed, trail, subject: mail?.subject, setDefault, setDefaultToTheirs, setRole }, secrets));
      }
      expect(seen[0]).toEqual(seen[1]);
      // Neither shows the account's real name ("user") or its letter case, nor its default Workspace.
      expect(seen[0]).toMatchObject({
        added: { user: { email: '<email>', name: local.toUpperCase(), defaultWorkspace: null }, role: 'OBSERVER', status: 'INVITED' },
        listed: { node: { status: 'INVITED' } },
        setDefault: { errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'workspaceId' } }] },
        setDefaultToTheirs: { errors: [{ extensions: { code: 'NOT_FOUND', field: 'workspaceId' } }] },
        setRole: {
          data: {
            setUserRole: { user: { email: '<email>', name: local.toUpperCase(), defaultWorkspace: null }, role: 'USER', status: 'INVITED' },
          },
        },
      });
      expect((seen[0] as { trail: { action: string }[] }).trail.map((e) => e.action)).toEqual(['membership.invited', 'user.invited']);
    },
  );

  it('keeps the account out until it accepts with its own password, which stays; then it is ACTIVE', async () => {
    const { workspace, admin } = await createTenant(app);
    const account = await outsider();
    const added = expectData(await app.gql<Added>(ADD, { e: account.email, r: 'USER' }, { token: admin.token })).addUserToWorkspace;
    expect(added).toMatchObject({ user: { id: account.id }, status: 'INVITED' });

    // Not a member yet: it cannot enter, its sessions do not list the Workspace, its sign-in is unchanged.
    expectError(await app.gql(SWITCH, { w: workspace.id }, { token: account.token }), 'NOT_FOUND', 'workspaceId');
    const token = await app.signIn(account.email, PASSWORD);
    const before = expectData(
      await app.gql<{ workspaces: { workspace: { id: string } }[] }>('{ workspaces { workspace { id } } }', {}, { token }),
    );
    expect(before.workspaces.map((w) => w.workspace.id)).toEqual([account.home]);

    // The email (which only the account reads) asks for its password, not for a new one.
    const mail = await lastEmailTo(app, account.email);
    expect(mail?.body).toContain('/activate?key=');
    expect(mail?.body).toContain('&account=existing');
    const key = activationKeyIn(mail?.body ?? '');
    // The key alone does not change a password: a new one is a wrong one.
    expectError(await app.gql(ACCEPT, { k: key, p: 'a-brand-new-password' }), 'BAD_USER_INPUT', 'password');
    const accepted = expectData(await app.gql<Accepted>(ACCEPT, { k: key, p: PASSWORD })).acceptInvitation;
    // It lands in its default, as any sign-in; the invitation is now an active membership.
    expect(accepted).toMatchObject({ user: { id: account.id, name: 'user' }, workspace: { id: account.home } });
    const inside = await switchTo(app, accepted.token, workspace.id);
    expect((await viewerOf(app, inside)).role).toBe('USER');
    const listed = expectData(await app.gql<Users>(USERS, {}, { token: admin.token })).workspaceUsers.edges.map((e) => e.node);
    expect(listed).toContainEqual(
      expect.objectContaining({ user: expect.objectContaining({ id: account.id, name: 'user' }), status: 'ACTIVE' }),
    );
    // The password is the one it had; the key worked once.
    expect(await app.signIn(account.email, PASSWORD)).toBeTruthy();
    expectError(await app.gql(ACCEPT, { k: key, p: PASSWORD }), 'BAD_USER_INPUT', 'activationKey');
  });

  it('adds an account of the group at once: a member of the main organization’s Workspace or of a linked one', async () => {
    const { main, hq, unit, superAdmin } = await linkedGroup(app);
    const ofHq = await memberWithRole(app, hq.id, 'USER');
    const sibling = await createTenant(app);
    await linkWorkspace(app, main.id, sibling.workspace.id);
    const ofSibling = await memberWithRole(app, sibling.workspace.id, 'OBSERVER');
    for (const [insider, name] of [
      [ofHq, 'user'],
      [ofSibling, 'observer'],
    ] as const) {
      const added = expectData(await app.gql<Added>(ADD, { e: insider.email, r: 'USER' }, { token: superAdmin.token })).addUserToWorkspace;
      // Its real name shows at once: it is ACTIVE.
      expect(added).toMatchObject({ user: { id: insider.id, name }, status: 'ACTIVE' });
      expect((await viewerOf(app, await switchTo(app, insider.token, unit.id))).role).toBe('USER');
      expect((await lastEmailTo(app, insider.email))?.subject).toMatch(/added/);
    }
    // An account only invited (never accepted) in the group is not of the group.
    const invitedOnly = await createUser(app);
    const hqAdmin = await switchTo(app, await app.signIn(superAdmin.email, PASSWORD), hq.id);
    expect(expectData(await app.gql<Added>(ADD, { e: invitedOnly.email, r: 'USER' }, { token: hqAdmin })).addUserToWorkspace.status).toBe(
      'INVITED',
    );
    expect(
      expectData(await app.gql<Added>(ADD, { e: invitedOnly.email, r: 'USER' }, { token: superAdmin.token })).addUserToWorkspace.status,
    ).toBe('INVITED');
  });

  it('invites a member of an unlinked Workspace of the same organization: an unlinked Workspace is its own group', async () => {
    const { org, admin } = await createTenant(app, { package: 'STANDARD' });
    const other = await createWorkspace(app, org.id);
    const colleague = await createUser(app);
    await addMember(app, other.id, colleague.id, 'USER');
    expect(expectData(await app.gql<Added>(ADD, { e: colleague.email, r: 'USER' }, { token: admin.token })).addUserToWorkspace.status).toBe(
      'INVITED',
    );
  });
});

describe('the same new email added from two Workspaces at once', () => {
  let app: TestApp;
  beforeAll(async () => {
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    app = await createTestApp();
  });
  afterAll(async () => {
    await outboxIdle();
    await app.close();
    jest.restoreAllMocks();
  });

  // On PostgreSQL the two requests run in two transactions at once and race for the new account. PGlite
  // has one connection, so its transactions run one after the other: there the second always finds the
  // account, which is the path the loser of the race takes too.
  it('succeeds for both, every round, and the newest key accepts both invitations', async () => {
    const first = await createTenant(app);
    const second = await createTenant(app);
    for (let round = 0; round < 20; round++) {
      const email = `${unique('raced')}@example.test`.toLowerCase();
      const results = await Promise.all([first, second].map((t) => app.gql<Added>(ADD, { e: email, r: 'USER' }, { token: t.admin.token })));
      const added = results.map((r) => expectData(r).addUserToWorkspace);
      expect(added.map((a) => a.status)).toEqual(['INVITED', 'INVITED']);
      expect(added[0]?.user.id).toBe(added[1]?.user.id);
      if (round > 1) continue;
      const accepted = expectData(
        await app.gql<Accepted>(ACCEPT, { k: activationKeyIn((await lastEmailTo(app, email))?.body ?? ''), p: PASSWORD }),
      ).acceptInvitation;
      for (const t of [first, second]) expect((await viewerOf(app, await switchTo(app, accepted.token, t.workspace.id))).role).toBe('USER');
    }
  });
});
