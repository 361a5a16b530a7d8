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
  switchTo,
} from '../../../test/factories';

const LINK =
  'mutation($m: ID!, $w: ID!) { linkWorkspace(mainOrganizationId: $m, workspaceId: $w) { id mainOrganization { id superAdmin { id } } } }';
const UNLINK = 'mutation($w: ID!) { unlinkWorkspace(workspaceId: $w) { id mainOrganization { id } } }';
const SWITCHER = '{ workspaces { workspace { id } role isDefault } }';

type Switcher = { workspaces: { workspace: { id: string }; role: string; isDefault: boolean }[] };

describe('linking and unlinking Workspaces', () => {
  let app: TestApp;
  let ops: string;
  beforeAll(async () => {
    app = await createTestApp();
    ops = await app.opsToken();
  });
  afterAll(() => app.close());

  /** A Pro main organization with its own Workspace and Administrator, plus a subsidiary Workspace. */
  async function group(workspaceLimit?: number) {
    const main = await createOrg(app, { package: 'PRO', workspaceLimit });
    const hq = await createWorkspace(app, main.id);
    const admin = await memberWithRole(app, hq.id, 'ADMINISTRATOR');
    const subsidiary = await createOrg(app, { currency: 'USD' });
    const unit = await createWorkspace(app, subsidiary.id);
    return { main, hq, admin, subsidiary, unit };
  }

  it('makes the longest-standing active Administrator of the main organization SuperAdmin on the first link', async () => {
    const { main, hq, admin, unit } = await group();
    const later = await createUser(app);
    await addMember(app, hq.id, later.id, 'ADMINISTRATOR');
    const data = expectData(
      await app.gql<{ linkWorkspace: { mainOrganization: { id: string; superAdmin: { id: string } } } }>(
        LINK,
        { m: main.id, w: unit.id },
        { token: ops },
      ),
    );
    expect(data.linkWorkspace.mainOrganization).toEqual({ id: main.id, superAdmin: { id: admin.id } });
    // The SuperAdmin now enters the linked Workspace, as SUPER_ADMIN, without a membership.
    const token = await app.signIn(admin.email, PASSWORD);
    const switcher = expectData(await app.gql<Switcher>(SWITCHER, {}, { token }));
    expect(switcher.workspaces.map((w) => [w.workspace.id, w.role])).toEqual([
      [hq.id, 'ADMINISTRATOR'],
      [unit.id, 'SUPER_ADMIN'],
    ]);
    const inUnit = await switchTo(app, token, unit.id);
    expect(expectData(await app.gql<{ viewer: { role: string } }>('{ viewer { role } }', {}, { token: inUnit })).viewer.role).toBe(
      'SUPER_ADMIN',
    );
  });

  it('gives the SuperAdmin every Workspace linked later too', async () => {
    const { main, admin, unit } = await group();
    await linkWorkspace(app, main.id, unit.id);
    const token = await app.signIn(admin.email, PASSWORD);
    const another = await createWorkspace(app, (await createOrg(app)).id);
    await linkWorkspace(app, main.id, another.id);
    const switcher = expectData(await app.gql<Switcher>(SWITCHER, {}, { token }));
    expect(switcher.workspaces.map((w) => w.workspace.id)).toContain(another.id);
  });

  it('refuses linking for a Standard main organization (FORBIDDEN), a Workspace linked elsewhere (CONFLICT), and past the limit (LIMIT_EXCEEDED)', async () => {
    const standard = await createOrg(app, { package: 'STANDARD' });
    const { main, unit } = await group(1);
    expectError(await app.gql(LINK, { m: standard.id, w: unit.id }, { token: ops }), 'FORBIDDEN');
    await linkWorkspace(app, main.id, unit.id);
    const other = await group();
    expectError(await app.gql(LINK, { m: other.main.id, w: unit.id }, { token: ops }), 'CONFLICT', 'workspaceId');
    const extra = await createWorkspace(app, (await createOrg(app)).id);
    expectError(await app.gql(LINK, { m: main.id, w: extra.id }, { token: ops }), 'LIMIT_EXCEEDED');
  });

  it('answers NOT_FOUND naming the field for unknown ids', async () => {
    const { main, unit } = await group();
    expectError(
      await app.gql(LINK, { m: '00000000-0000-0000-0000-000000000000', w: unit.id }, { token: ops }),
      'NOT_FOUND',
      'mainOrganizationId',
    );
    expectError(await app.gql(LINK, { m: main.id, w: 'nope' }, { token: ops }), 'NOT_FOUND', 'workspaceId');
    expectError(await app.gql(UNLINK, { w: unit.id }, { token: ops }), 'BAD_USER_INPUT', 'workspaceId');
  });

  it('is for operators only: every customer role gets FORBIDDEN', async () => {
    const { main, hq, admin, unit } = await group();
    const user = await memberWithRole(app, hq.id, 'USER');
    for (const token of [admin.token, user.token]) {
      expectError(await app.gql(LINK, { m: main.id, w: unit.id }, { token }), 'FORBIDDEN');
      expectError(await app.gql(UNLINK, { w: unit.id }, { token }), 'FORBIDDEN');
      expectError(
        await app.gql(
          'mutation($m: ID!, $l: Int!) { setWorkspaceLimit(mainOrganizationId: $m, limit: $l) { id } }',
          { m: main.id, l: 9 },
          { token },
        ),
        'FORBIDDEN',
      );
      expectError(
        await app.gql(
          'mutation($m: ID!, $u: ID!) { assignSuperAdmin(mainOrganizationId: $m, userId: $u) { id } }',
          { m: main.id, u: admin.id },
          { token },
        ),
        'FORBIDDEN',
      );
    }
  });

  it('on unlink, the former SuperAdmin becomes Administrator where they were a member and loses access elsewhere; others keep theirs', async () => {
    const { main, admin, unit } = await group();
    const memberUnit = await createWorkspace(app, (await createOrg(app)).id);
    await addMember(app, memberUnit.id, admin.id, 'OBSERVER'); // a membership from before the link
    const local = await memberWithRole(app, unit.id, 'USER');
    await linkWorkspace(app, main.id, unit.id);
    await linkWorkspace(app, main.id, memberUnit.id);
    const token = await app.signIn(admin.email, PASSWORD);
    const inUnit = await switchTo(app, token, unit.id);

    expectData(await app.gql(UNLINK, { w: unit.id }, { token: ops }));
    expectData(await app.gql(UNLINK, { w: memberUnit.id }, { token: ops }));

    // The token bound to the unlinked Workspace stops working at once.
    expectError(await app.gql('{ viewer { role } }', {}, { token: inUnit }), 'UNAUTHENTICATED');
    const switcher = expectData(await app.gql<Switcher>(SWITCHER, {}, { token }));
    expect(switcher.workspaces.map((w) => w.workspace.id)).not.toContain(unit.id);
    expect(switcher.workspaces.find((w) => w.workspace.id === memberUnit.id)?.role).toBe('ADMINISTRATOR');
    // The SuperAdmin role went with the last link.
    const org = expectData(
      await app.gql<{ organization: { superAdmin: null; linkedWorkspaceCount: number } }>(
        'query($id: ID!) { organization(id: $id) { superAdmin { id } linkedWorkspaceCount } }',
        { id: main.id },
        { token: ops },
      ),
    );
    expect(org.organization).toEqual({ superAdmin: null, linkedWorkspaceCount: 0 });
    // Nothing changes for other users.
    expect(expectData(await app.gql<{ viewer: { role: string } }>('{ viewer { role } }', {}, { token: local.token })).viewer.role).toBe(
      'USER',
    );
  });

  it("moves the former SuperAdmin's default Workspace when it was an unlinked one", async () => {
    const { main, hq, admin, unit } = await group();
    await linkWorkspace(app, main.id, unit.id);
    const token = await switchTo(app, await app.signIn(admin.email, PASSWORD), unit.id);
    expectData(
      await app.gql(
        'mutation($u: ID!, $w: ID!) { setDefaultWorkspace(userId: $u, workspaceId: $w) { id } }',
        { u: admin.id, w: unit.id },
        { token },
      ),
    );
    expectData(await app.gql(UNLINK, { w: unit.id }, { token: ops }));
    const again = await app.signIn(admin.email, PASSWORD);
    const viewer = expectData(
      await app.gql<{ viewer: { activeWorkspace: { id: string } } }>('{ viewer { activeWorkspace { id } } }', {}, { token: again }),
    );
    expect(viewer.viewer.activeWorkspace.id).toBe(hq.id);
  });

  it('sets the limit, never below the number linked now', async () => {
    const { main, unit } = await group();
    await linkWorkspace(app, main.id, unit.id);
    const set = 'mutation($m: ID!, $l: Int!) { setWorkspaceLimit(mainOrganizationId: $m, limit: $l) { workspaceLimit } }';
    expectError(await app.gql(set, { m: main.id, l: 0 }, { token: ops }), 'BAD_USER_INPUT', 'limit');
    expect(
      expectData(await app.gql<{ setWorkspaceLimit: { workspaceLimit: number } }>(set, { m: main.id, l: 5 }, { token: ops }))
        .setWorkspaceLimit.workspaceLimit,
    ).toBe(5);
  });

  it('reassigns the SuperAdmin (ops only), who must be active in a main-organization Workspace', async () => {
    const { main, hq, admin, unit } = await group();
    await linkWorkspace(app, main.id, unit.id);
    const next = await memberWithRole(app, hq.id, 'USER');
    const outsider = await createTenant(app);
    const assign = 'mutation($m: ID!, $u: ID!) { assignSuperAdmin(mainOrganizationId: $m, userId: $u) { superAdmin { id } } }';
    expectError(await app.gql(assign, { m: main.id, u: outsider.admin.id }, { token: ops }), 'BAD_USER_INPUT', 'userId');
    // A malformed id names nobody: refused at the edge (src/graphql/input-edge.ts), like every id.
    expectError(await app.gql(assign, { m: main.id, u: 'not-a-uuid' }, { token: ops }), 'NOT_FOUND', 'userId');
    const data = expectData(
      await app.gql<{ assignSuperAdmin: { superAdmin: { id: string } } }>(assign, { m: main.id, u: next.id }, { token: ops }),
    );
    expect(data.assignSuperAdmin.superAdmin.id).toBe(next.id);
    const formerToken = await app.signIn(admin.email, PASSWORD);
    const switcher = expectData(await app.gql<Switcher>(SWITCHER, {}, { token: formerToken }));
    expect(switcher.workspaces.map((w) => w.workspace.id)).toEqual([hq.id]);
  });

  it('never exceeds the limit under 10 concurrent links', async () => {
    const { main } = await group(3);
    const candidates = await Promise.all(Array.from({ length: 10 }, async () => createWorkspace(app, (await createOrg(app)).id)));
    const results = await Promise.all(candidates.map((w) => app.gql(LINK, { m: main.id, w: w.id }, { token: ops })));
    const linked = results.filter((r) => !r.errors);
    expect(linked).toHaveLength(3);
    for (const r of results.filter((x) => x.errors)) expectError(r, 'LIMIT_EXCEEDED');
    const org = expectData(
      await app.gql<{ organization: { linkedWorkspaceCount: number } }>(
        'query($id: ID!) { organization(id: $id) { linkedWorkspaceCount } }',
        { id: main.id },
        { token: ops },
      ),
    );
    expect(org.organization.linkedWorkspaceCount).toBe(3);
  });
});
