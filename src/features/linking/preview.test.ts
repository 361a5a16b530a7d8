import { sql } from 'drizzle-orm';
import { createTestApp, expectData, expectError, type GraphQLResult, type TestApp } from '../../../test/app';
import { auditTrail } from '../../../test/audit';
import {
  addMember,
  createOrg,
  createUser,
  createWorkspace,
  linkWorkspace,
  memberWithRole,
  PASSWORD,
  type TestUser,
} from '../../../test/factories';
import { queryRows } from '../../db/rows';

const IMPACT = 'superAdmin { id } gainsAccess { id } losesAccess { id } becomesAdministrator { id } linkedAfter limit';
const PREVIEW_LINK = `query($m: ID!, $w: ID!) { previewLinkWorkspace(mainOrganizationId: $m, workspaceId: $w) { ${IMPACT} } }`;
const PREVIEW_UNLINK = `query($w: ID!) { previewUnlinkWorkspace(workspaceId: $w) { ${IMPACT} } }`;
const LINK = 'mutation($m: ID!, $w: ID!) { linkWorkspace(mainOrganizationId: $m, workspaceId: $w) { id } }';
const UNLINK = 'mutation($w: ID!) { unlinkWorkspace(workspaceId: $w) { id } }';
const SIGN_IN = 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }';
const SWITCHER = '{ workspaces { workspace { id } role } }';
const ORGANIZATION = 'query($id: ID!) { organization(id: $id) { superAdmin { id } linkedWorkspaceCount workspaceLimit } }';

interface Impact {
  superAdmin: string | null;
  gainsAccess: string[];
  losesAccess: string[];
  becomesAdministrator: string[];
  linkedAfter: number;
  limit: number;
}
type ImpactAnswer = Record<'previewLinkWorkspace' | 'previewUnlinkWorkspace', RawImpact | undefined>;
interface RawImpact {
  superAdmin: { id: string } | null;
  gainsAccess: { id: string }[];
  losesAccess: { id: string }[];
  becomesAdministrator: { id: string }[];
  linkedAfter: number;
  limit: number;
}
/** Who can enter the Workspace and who holds ADMINISTRATOR there, and the main organization's figures. */
interface Observed {
  canEnter: string[];
  administrators: string[];
  superAdmin: string | null;
  linked: number;
  limit: number;
}

describe('previewLinkWorkspace / previewUnlinkWorkspace: exactly what the operation then does', () => {
  let app: TestApp;
  let ops: string;
  beforeAll(async () => {
    app = await createTestApp();
    ops = await app.opsToken();
  });
  afterAll(() => app.close());

  /**
   * A Pro main organization (its Workspace, its first Administrator who becomes SuperAdmin, a later
   * one who does not) and a subsidiary Workspace with an Administrator, a User, an Observer and a
   * suspended member. `earlier`: the future SuperAdmin's own membership in the subsidiary, if any.
   */
  async function scenario(earlier: 'none' | 'ACTIVE' | 'SUSPENDED') {
    const main = await createOrg(app, { package: 'PRO', workspaceLimit: 3 });
    const hq = await createWorkspace(app, main.id);
    const first = await memberWithRole(app, hq.id, 'ADMINISTRATOR');
    const later = await memberWithRole(app, hq.id, 'ADMINISTRATOR');
    const unit = await createWorkspace(app, (await createOrg(app, { currency: 'USD' })).id);
    const members = await Promise.all((['ADMINISTRATOR', 'USER', 'OBSERVER'] as const).map((role) => memberWithRole(app, unit.id, role)));
    const suspended = await memberWithRole(app, unit.id, 'USER');
    await setStatus(unit.id, suspended.id, 'SUSPENDED');
    if (earlier !== 'none') {
      await addMember(app, unit.id, first.id, 'USER');
      if (earlier === 'SUSPENDED') await setStatus(unit.id, first.id, 'SUSPENDED');
    }
    return { main, hq, unit, superAdmin: first, users: [first, later, ...members, suspended] };
  }

  async function setStatus(workspaceId: string, userId: string, status: 'SUSPENDED'): Promise<void> {
    await app.database.db.execute(
      sql`UPDATE memberships SET status = ${status} WHERE workspace_id = ${workspaceId}::uuid AND user_id = ${userId}::uuid`,
    );
  }

  /** The actual state, through the API: each user's own switcher, and the organization as ops see it. */
  async function observe(users: TestUser[], workspaceId: string, mainOrganizationId: string): Promise<Observed> {
    const canEnter: string[] = [];
    const administrators: string[] = [];
    for (const user of users) {
      const entry = (await switcherOf(user)).find((w) => w.workspace.id === workspaceId);
      if (entry) canEnter.push(user.id);
      if (entry?.role === 'ADMINISTRATOR') administrators.push(user.id);
    }
    const org = expectData(
      await app.gql<{ organization: { superAdmin: { id: string } | null; linkedWorkspaceCount: number; workspaceLimit: number } }>(
        ORGANIZATION,
        { id: mainOrganizationId },
        { token: ops },
      ),
    ).organization;
    return {
      canEnter,
      administrators,
      superAdmin: org.superAdmin?.id ?? null,
      linked: org.linkedWorkspaceCount,
      limit: org.workspaceLimit,
    };
  }

  /** The user's switcher; empty when they cannot sign in at all (no Workspace to enter). */
  async function switcherOf(user: TestUser): Promise<{ workspace: { id: string }; role: string }[]> {
    const signIn = await app.gql<{ signIn: { token: string } }>(SIGN_IN, { e: user.email, p: PASSWORD });
    if (!signIn.data) {
      expectError(signIn, 'FORBIDDEN');
      return [];
    }
    const token = signIn.data.signIn.token;
    return expectData(await app.gql<{ workspaces: { workspace: { id: string }; role: string }[] }>(SWITCHER, {}, { token })).workspaces;
  }

  /** The effect between two observations, in the shape of a LinkImpact (`superAdmin`: who held it around the change). */
  function effect(before: Observed, after: Observed, superAdmin: string | null): Impact {
    const minus = (a: string[], b: string[]) => a.filter((id) => !b.includes(id)).sort();
    return {
      superAdmin,
      gainsAccess: minus(after.canEnter, before.canEnter),
      losesAccess: minus(before.canEnter, after.canEnter),
      becomesAdministrator: minus(after.administrators, before.administrators),
      linkedAfter: after.linked,
      limit: after.limit,
    };
  }

  async function preview(query: string, variables: Record<string, string>): Promise<Impact> {
    const answer = expectData(await app.gql<ImpactAnswer>(query, variables, { token: ops }));
    const raw = answer.previewLinkWorkspace ?? answer.previewUnlinkWorkspace;
    if (!raw) throw new Error('no preview in the answer');
    const ids = (users: { id: string }[]) => users.map((u) => u.id).sort();
    return {
      superAdmin: raw.superAdmin?.id ?? null,
      gainsAccess: ids(raw.gainsAccess),
      losesAccess: ids(raw.losesAccess),
      becomesAdministrator: ids(raw.becomesAdministrator),
      linkedAfter: raw.linkedAfter,
      limit: raw.limit,
    };
  }

  /** Everything a link or unlink could touch, as stored. */
  async function storedState(): Promise<unknown[]> {
    const statements = [
      sql`SELECT * FROM workspace_links ORDER BY workspace_id`,
      sql`SELECT id, super_admin_user_id, workspace_limit FROM organizations ORDER BY id`,
      sql`SELECT workspace_id, user_id, role, status FROM memberships ORDER BY workspace_id, user_id`,
      sql`SELECT id, default_workspace_id FROM users ORDER BY id`,
      sql`SELECT count(*)::int AS n FROM audit_events`,
    ];
    return Promise.all(statements.map((statement) => queryRows(app.database.db, statement)));
  }

  /** Runs the preview (checking it changed nothing), then the operation, and returns both the preview and the observed effect. */
  async function previewThenRun(
    s: Awaited<ReturnType<typeof scenario>>,
    kind: 'link' | 'unlink',
  ): Promise<{ previewed: Impact; actual: Impact }> {
    const before = await observe(s.users, s.unit.id, s.main.id);
    const stored = await storedState();
    const previewed =
      kind === 'link' ? await preview(PREVIEW_LINK, { m: s.main.id, w: s.unit.id }) : await preview(PREVIEW_UNLINK, { w: s.unit.id });
    expect(await storedState()).toEqual(stored);
    expectData(
      await app.gql(kind === 'link' ? LINK : UNLINK, kind === 'link' ? { m: s.main.id, w: s.unit.id } : { w: s.unit.id }, { token: ops }),
    );
    const after = await observe(s.users, s.unit.id, s.main.id);
    return { previewed, actual: effect(before, after, kind === 'link' ? after.superAdmin : before.superAdmin) };
  }

  it('link, first link: names the new SuperAdmin, who gains access (no earlier membership); nobody else changes', async () => {
    const s = await scenario('none');
    const { previewed, actual } = await previewThenRun(s, 'link');
    expect(previewed).toEqual(actual);
    expect(previewed).toEqual({
      superAdmin: s.superAdmin.id,
      gainsAccess: [s.superAdmin.id],
      losesAccess: [],
      becomesAdministrator: [],
      linkedAfter: 1,
      limit: 3,
    });
  });

  it('link, with a SuperAdmin already and an earlier active membership: no one gains access', async () => {
    const s = await scenario('ACTIVE');
    await linkWorkspace(app, s.main.id, s.hq.id); // the first link names the SuperAdmin
    const { previewed, actual } = await previewThenRun(s, 'link');
    expect(previewed).toEqual(actual);
    expect(previewed).toEqual({
      superAdmin: s.superAdmin.id,
      gainsAccess: [],
      losesAccess: [],
      becomesAdministrator: [],
      linkedAfter: 2,
      limit: 3,
    });
  });

  it('link, with an earlier suspended membership: the SuperAdmin gains access', async () => {
    const s = await scenario('SUSPENDED');
    const { previewed, actual } = await previewThenRun(s, 'link');
    expect(previewed).toEqual(actual);
    expect(previewed.gainsAccess).toEqual([s.superAdmin.id]);
  });

  it('link, for a main organization without any Administrator: no SuperAdmin, nobody gains access', async () => {
    const main = await createOrg(app, { package: 'PRO' });
    const unit = await createWorkspace(app, (await createOrg(app)).id);
    const member = await memberWithRole(app, unit.id, 'USER');
    const s = { main, hq: unit, unit, superAdmin: member, users: [member] };
    const { previewed, actual } = await previewThenRun(s, 'link');
    expect(previewed).toEqual(actual);
    expect(previewed).toEqual({ superAdmin: null, gainsAccess: [], losesAccess: [], becomesAdministrator: [], linkedAfter: 1, limit: 3 });
  });

  it('unlink, SuperAdmin with an earlier active membership: becomes Administrator there, keeps access', async () => {
    const s = await scenario('ACTIVE');
    await linkWorkspace(app, s.main.id, s.unit.id);
    const { previewed, actual } = await previewThenRun(s, 'unlink');
    expect(previewed).toEqual(actual);
    expect(previewed).toEqual({
      superAdmin: s.superAdmin.id,
      gainsAccess: [],
      losesAccess: [],
      becomesAdministrator: [s.superAdmin.id],
      linkedAfter: 0,
      limit: 3,
    });
  });

  it('unlink, SuperAdmin without an earlier membership (and with a suspended one): loses access', async () => {
    for (const earlier of ['none', 'SUSPENDED'] as const) {
      const s = await scenario(earlier);
      await linkWorkspace(app, s.main.id, s.hq.id);
      await linkWorkspace(app, s.main.id, s.unit.id);
      const { previewed, actual } = await previewThenRun(s, 'unlink');
      expect(previewed).toEqual(actual);
      expect(previewed).toEqual({
        superAdmin: s.superAdmin.id,
        gainsAccess: [],
        losesAccess: [s.superAdmin.id],
        becomesAdministrator: [],
        linkedAfter: 1,
        limit: 3,
      });
    }
  });

  it('refuses exactly what the operation refuses, with the same code and field, and only to operators', async () => {
    const s = await scenario('none');
    const full = await createOrg(app, { package: 'PRO', workspaceLimit: 0 });
    const standard = await createOrg(app, { package: 'STANDARD' });
    const linkedElsewhere = await createWorkspace(app, (await createOrg(app)).id);
    await linkWorkspace(app, s.main.id, linkedElsewhere.id);
    const unknown = '00000000-0000-0000-0000-000000000000';
    const failure = (r: GraphQLResult) => [r.errors?.[0]?.extensions?.code, r.errors?.[0]?.extensions?.field ?? null];
    const linkCases: [string, string, string | null][] = [
      [unknown, s.unit.id, 'NOT_FOUND mainOrganizationId'],
      ['not-an-id', s.unit.id, 'NOT_FOUND mainOrganizationId'],
      [s.main.id, unknown, 'NOT_FOUND workspaceId'],
      [standard.id, s.unit.id, 'FORBIDDEN'],
      [s.main.id, linkedElsewhere.id, 'CONFLICT workspaceId'],
      [full.id, s.unit.id, 'LIMIT_EXCEEDED'],
    ];
    for (const [m, w, expected] of linkCases) {
      const previewed = failure(await app.gql(PREVIEW_LINK, { m, w }, { token: ops }));
      expect(failure(await app.gql(LINK, { m, w }, { token: ops }))).toEqual(previewed);
      expect(previewed.filter(Boolean).join(' ')).toBe(expected);
    }
    for (const [w, expected] of [
      [unknown, 'NOT_FOUND workspaceId'],
      [s.unit.id, 'BAD_USER_INPUT workspaceId'], // not linked
    ] as const) {
      const previewed = failure(await app.gql(PREVIEW_UNLINK, { w }, { token: ops }));
      expect(failure(await app.gql(UNLINK, { w }, { token: ops }))).toEqual(previewed);
      expect(previewed.filter(Boolean).join(' ')).toBe(expected);
    }
    const admin = await memberWithRole(app, s.hq.id, 'ADMINISTRATOR');
    expect(failure(await app.gql(PREVIEW_LINK, { m: s.main.id, w: s.unit.id }, { token: admin.token }))).toEqual(['FORBIDDEN', null]);
    expect(failure(await app.gql(PREVIEW_UNLINK, { w: linkedElsewhere.id }, { token: admin.token }))).toEqual(['FORBIDDEN', null]);
  });

  it('audits the link and the unlink with their state before and after', async () => {
    const s = await scenario('none');
    const outsider = await createUser(app);
    await addMember(app, s.unit.id, outsider.id, 'OBSERVER');
    await linkWorkspace(app, s.main.id, s.unit.id);
    expectData(await app.gql(UNLINK, { w: s.unit.id }, { token: ops }));
    const linkEvents = (await auditTrail(app, s.unit.id)).filter((e) => e.action.startsWith('workspace.'));
    expect(linkEvents).toEqual([
      { action: 'workspace.created', workspaceId: s.unit.id, before: null, after: expect.objectContaining({ id: s.unit.id }) },
      { action: 'workspace.linked', workspaceId: s.unit.id, before: null, after: { mainOrganizationId: s.main.id } },
      {
        action: 'workspace.unlinked',
        workspaceId: s.unit.id,
        before: { mainOrganizationId: s.main.id, superAdminUserId: s.superAdmin.id },
        after: null,
      },
    ]);
    // Elected by the first link, gone with the last unlink, elected again by the next link, then
    // reassigned by ops: each change recorded with the SuperAdmin before and after.
    await linkWorkspace(app, s.main.id, s.unit.id);
    const later = s.users[1];
    if (!later) throw new Error('scenario without a second Administrator');
    expectData(
      await app.gql(
        'mutation($m: ID!, $u: ID!) { assignSuperAdmin(mainOrganizationId: $m, userId: $u) { id } }',
        { m: s.main.id, u: later.id },
        { token: ops },
      ),
    );
    expect((await auditTrail(app, s.main.id)).filter((e) => e.action === 'organization.super_admin_assigned')).toEqual([
      {
        action: 'organization.super_admin_assigned',
        workspaceId: null,
        before: { superAdminUserId: null },
        after: { superAdminUserId: s.superAdmin.id },
      },
      {
        action: 'organization.super_admin_assigned',
        workspaceId: null,
        before: { superAdminUserId: s.superAdmin.id },
        after: { superAdminUserId: null },
      },
      {
        action: 'organization.super_admin_assigned',
        workspaceId: null,
        before: { superAdminUserId: null },
        after: { superAdminUserId: s.superAdmin.id },
      },
      {
        action: 'organization.super_admin_assigned',
        workspaceId: null,
        before: { superAdminUserId: s.superAdmin.id },
        after: { superAdminUserId: later.id },
      },
    ]);
  });
});
