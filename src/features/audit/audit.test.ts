import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import { addMember, createOrg, createTenant, createWorkspace, memberWithRole, unique } from '../../../test/factories';
import { outboxIdle } from '../mail/sender';
import { roleMatrix } from '../memberships/test-helpers';

const EVENTS = `query($first: Int, $after: String) { auditEvents(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id createdAt action actor { id } actorEmail targetType targetId workspace { id } before after } }
} }`;

interface EventNode {
  id: string;
  createdAt: string;
  action: string;
  actor: { id: string } | null;
  actorEmail: string | null;
  targetType: string;
  targetId: string;
  workspace: { id: string } | null;
  before: string | null;
  after: string | null;
}
type Events = {
  auditEvents: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: EventNode }[];
  };
};

describe('auditEvents', () => {
  let app: TestApp;
  beforeAll(async () => {
    jest.spyOn(console, 'info').mockImplementation(() => undefined); // invitation emails go to the log
    app = await createTestApp();
  });
  afterAll(async () => {
    await outboxIdle();
    await app.close();
    jest.restoreAllMocks();
  });

  const events = async (token: string, variables: Record<string, unknown> = {}) =>
    expectData(await app.gql<Events>(EVENTS, variables, { token })).auditEvents;

  it('is readable by Administrators and the SuperAdmin, FORBIDDEN for User and Observer', async () => {
    const { unit, actors } = await roleMatrix(app);
    for (const actor of Object.values(actors)) {
      const result = await app.gql<Events>(EVENTS, {}, { token: actor.token });
      if (actor.role === 'USER' || actor.role === 'OBSERVER') {
        expectError(result, 'FORBIDDEN');
        continue;
      }
      const page = expectData(result).auditEvents;
      expect(page.totalCount).toBeGreaterThan(0);
      expect(page.edges.every((e) => e.node.workspace?.id === unit.id)).toBe(true);
    }
  });

  it('records every membership change with who, what, before and after, newest first', async () => {
    const { org, workspace, admin } = await createTenant(app);
    const target = await memberWithRole(app, workspace.id, 'USER');
    const second = await createWorkspace(app, org.id);
    await addMember(app, second.id, target.id, 'USER');
    await addMember(app, second.id, admin.id, 'ADMINISTRATOR');
    const invitee = `${unique('audited')}@example.test`.toLowerCase();
    const run = async (query: string, variables: Record<string, unknown>) =>
      expectData(await app.gql(query, variables, { token: admin.token }));
    await run('mutation($e: String!) { addUserToWorkspace(email: $e, role: OBSERVER) { status } }', { e: invitee });
    await run('mutation($u: ID!) { setUserRole(userId: $u, role: OBSERVER) { role } }', { u: target.id });
    await run('mutation($u: ID!) { setUserStatus(userId: $u, status: SUSPENDED) { status } }', { u: target.id });
    await run('mutation($u: ID!) { setUserStatus(userId: $u, status: ACTIVE) { status } }', { u: target.id });
    await run('mutation($u: ID!, $w: ID!) { setDefaultWorkspace(userId: $u, workspaceId: $w) { id } }', { u: target.id, w: workspace.id });
    await run('mutation($u: ID!) { removeUserFromWorkspace(userId: $u) }', { u: target.id });

    const page = await events(admin.token, { first: 7 });
    const nodes = page.edges.map((e) => e.node);
    expect(nodes.map((n) => n.action)).toEqual([
      'membership.removed',
      'user.default_workspace_set',
      'membership.status_changed',
      'membership.status_changed',
      'membership.role_changed',
      'membership.invited',
      'user.invited',
    ]);
    const ids = nodes.map((n) => Number(n.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    for (const node of nodes) {
      expect(node).toMatchObject({ actor: { id: admin.id }, actorEmail: admin.email, workspace: { id: workspace.id } });
    }
    const json = (s: string | null) => (s === null ? null : (JSON.parse(s) as Record<string, unknown>));
    const [removed, defaultSet, reactivated, suspended, roleChanged, invited, userInvited] = nodes;
    expect(removed).toMatchObject({ targetType: 'membership', targetId: `${workspace.id}:${target.id}`, after: null });
    expect(json(removed?.before ?? null)).toMatchObject({ userId: target.id, role: 'OBSERVER', status: 'ACTIVE' });
    expect(json(defaultSet?.before ?? null)).toEqual({ defaultWorkspaceId: second.id });
    expect(json(defaultSet?.after ?? null)).toEqual({ defaultWorkspaceId: workspace.id });
    expect([json(suspended?.before ?? null)?.status, json(suspended?.after ?? null)?.status]).toEqual(['ACTIVE', 'SUSPENDED']);
    expect([json(reactivated?.before ?? null)?.status, json(reactivated?.after ?? null)?.status]).toEqual(['SUSPENDED', 'ACTIVE']);
    expect([json(roleChanged?.before ?? null)?.role, json(roleChanged?.after ?? null)?.role]).toEqual(['USER', 'OBSERVER']);
    expect(invited).toMatchObject({ before: null });
    expect(json(invited?.after ?? null)).toMatchObject({ status: 'INVITED', role: 'OBSERVER' });
    // No secrets in the trail.
    expect(userInvited?.after).not.toMatch(/activationKeyHash|passwordHash/);
    expect(json(userInvited?.after ?? null)).toMatchObject({ email: invitee });
  });

  it("never shows another Workspace's events", async () => {
    const mine = await createTenant(app);
    const theirs = await createTenant(app);
    const theirTarget = await memberWithRole(app, theirs.workspace.id, 'USER');
    expectData(
      await app.gql(
        'mutation($u: ID!) { setUserRole(userId: $u, role: OBSERVER) { role } }',
        { u: theirTarget.id },
        { token: theirs.admin.token },
      ),
    );
    const page = await events(mine.admin.token, { first: 500 });
    expect(page.edges.every((e) => e.node.workspace?.id === mine.workspace.id)).toBe(true);
    expect(page.edges.map((e) => e.node.targetId).join(' ')).not.toContain(theirTarget.id);
    expect(page.totalCount).toBe(page.edges.length);
  });

  it('shows operators every event, platform-level ones (no Workspace) included', async () => {
    const org = await createOrg(app);
    const a = await createWorkspace(app, org.id);
    const b = await createWorkspace(app, org.id);
    const ops = await app.opsToken();
    const page = await events(ops, { first: 500 });
    const nodes = page.edges.map((e) => e.node);
    expect(nodes).toContainEqual(expect.objectContaining({ action: 'organization.created', targetId: org.id, workspace: null }));
    expect(nodes.map((n) => n.workspace?.id)).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('pages newest first with first/after, and validates them', async () => {
    const { workspace, admin } = await createTenant(app);
    for (let i = 0; i < 3; i++) await memberWithRole(app, workspace.id, 'OBSERVER');
    const all = await events(admin.token);
    expect(all.totalCount).toBeGreaterThanOrEqual(5);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: Events['auditEvents'] = await events(admin.token, { first: 2, after });
      expect(page.totalCount).toBe(all.totalCount);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map((e) => e.node.id));
    expectError(await app.gql(EVENTS, { first: 501 }, { token: admin.token }), 'BAD_USER_INPUT', 'first');
    expectError(await app.gql(EVENTS, { after: 'bogus' }, { token: admin.token }), 'BAD_USER_INPUT', 'after');
  });
});
