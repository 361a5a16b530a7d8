import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import { createTenant, createWorkspace, memberWithRole } from '../../../test/factories';
import { outboxIdle } from '../mail/sender';

const EVENTS = `query($first: Int, $after: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id createdAt action actor { id } targetType targetId workspace { id } } }
  }
}`;

interface EventNode {
  id: string;
  createdAt: string;
  action: string;
  actor: { id: string } | null;
  targetType: string;
  targetId: string;
  workspace: { id: string } | null;
}
type Events = {
  auditEvents: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: EventNode }[] };
};
type Filter = Record<string, unknown>;

describe('auditEvents(filter:)', () => {
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

  const page = async (token: string, filter: Filter | null, first = 500) =>
    expectData(await app.gql<Events>(EVENTS, { first, filter }, { token })).auditEvents;
  const nodes = async (token: string, filter: Filter | null) => (await page(token, filter)).edges.map((e) => e.node);

  /** Two tenants, the first with a second Workspace and a few member changes by its Administrator. */
  async function scene() {
    const mine = await createTenant(app);
    const second = await createWorkspace(app, mine.org.id);
    await memberWithRole(app, mine.workspace.id, 'OBSERVER');
    expectData(
      await app.gql(
        'mutation($e: String!) { addUserToWorkspace(email: $e, role: USER) { status } }',
        { e: `f-${Date.now()}@example.test` },
        { token: mine.admin.token },
      ),
    );
    const theirs = await createTenant(app);
    return { mine, second, theirs };
  }

  it('lets operators narrow by Workspace, organization, actor, actions and time, and counts only the matches', async () => {
    const { mine, second, theirs } = await scene();
    const ops = await app.opsToken();

    const ofWorkspace = await nodes(ops, { workspaceId: mine.workspace.id });
    expect(ofWorkspace.length).toBeGreaterThan(0);
    expect(ofWorkspace.every((n) => n.workspace?.id === mine.workspace.id)).toBe(true);

    const ofOrg = await nodes(ops, { organizationId: mine.org.id });
    expect(ofOrg).toContainEqual(expect.objectContaining({ action: 'organization.created', targetId: mine.org.id, workspace: null }));
    expect(ofOrg.map((n) => n.workspace?.id)).toEqual(expect.arrayContaining([mine.workspace.id, second.id]));
    expect(ofOrg.every((n) => (n.workspace ? [mine.workspace.id, second.id].includes(n.workspace.id) : n.targetId === mine.org.id))).toBe(
      true,
    );
    expect(ofOrg.some((n) => n.workspace?.id === theirs.workspace.id || n.targetId === theirs.org.id)).toBe(false);

    const byAdmin = await nodes(ops, { actorId: mine.admin.id });
    expect(byAdmin.map((n) => n.action).sort()).toEqual(['membership.invited', 'user.invited']);
    expect(byAdmin.every((n) => n.actor?.id === mine.admin.id)).toBe(true);

    const invited = await nodes(ops, { actions: ['membership.invited', 'user.invited'], workspaceId: mine.workspace.id });
    expect(invited.map((n) => n.action).sort()).toEqual(['membership.invited', 'user.invited']);

    const newest = ofWorkspace[0] as EventNode;
    const oldest = ofWorkspace.at(-1) as EventNode;
    const inRange = await nodes(ops, { workspaceId: mine.workspace.id, from: oldest.createdAt, to: newest.createdAt });
    expect(inRange.map((n) => n.id)).toEqual(ofWorkspace.map((n) => n.id));
    expect(await nodes(ops, { workspaceId: mine.workspace.id, from: new Date(Date.parse(newest.createdAt) + 1).toISOString() })).toEqual(
      [],
    );
    expect(await nodes(ops, { workspaceId: mine.workspace.id, to: new Date(Date.parse(oldest.createdAt) - 1).toISOString() })).toEqual([]);

    // The last instant a DateTime can name is a valid bound (found by the fuzz test).
    const untilTheEnd = await nodes(ops, { workspaceId: mine.workspace.id, to: '9999-12-31T23:59:59.999Z' });
    expect(untilTheEnd.map((n) => n.id)).toEqual(ofWorkspace.map((n) => n.id));

    const counted = await page(ops, { organizationId: mine.org.id }, 1);
    expect(counted.totalCount).toBe(ofOrg.length);
    expect(counted.pageInfo.hasNextPage).toBe(ofOrg.length > 1);
  });

  it('pages through a filtered list with the cursor', async () => {
    const { mine } = await scene();
    const ops = await app.opsToken();
    const filter = { organizationId: mine.org.id };
    const all = await nodes(ops, filter);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const result: Events['auditEvents'] = expectData(
        await app.gql<Events>(EVENTS, { first: 2, after, filter }, { token: ops }),
      ).auditEvents;
      seen.push(...result.edges.map((e) => e.node.id));
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.map((n) => n.id));
  });

  it('never widens a tenant’s view: another Workspace, organization or actor gives an empty page', async () => {
    const { mine, second, theirs } = await scene();
    const token = mine.admin.token;
    const own = await page(token, null);
    expect((await page(token, { workspaceId: mine.workspace.id })).totalCount).toBe(own.totalCount);
    for (const filter of [
      { workspaceId: theirs.workspace.id },
      { workspaceId: second.id }, // same organization, but not the active Workspace
      { organizationId: theirs.org.id },
      { actorId: theirs.admin.id },
      { workspaceId: '00000000-0000-4000-8000-000000000000' },
    ]) {
      const result = await page(token, filter);
      expect({ filter, totalCount: result.totalCount, edges: result.edges }).toEqual({ filter, totalCount: 0, edges: [] });
    }
    // Their own organization: still only the active Workspace's events, no platform-level ones.
    const ofOrg = await nodes(token, { organizationId: mine.org.id });
    expect(ofOrg.length).toBe(own.totalCount);
    expect(ofOrg.every((n) => n.workspace?.id === mine.workspace.id)).toBe(true);
  });

  it('stays FORBIDDEN for Users and Observers, and refuses a filter that means nothing', async () => {
    const { mine } = await scene();
    const user = await memberWithRole(app, mine.workspace.id, 'USER');
    expectError(await app.gql(EVENTS, { filter: { workspaceId: mine.workspace.id } }, { token: user.token }), 'FORBIDDEN');
    const ops = await app.opsToken();
    const now = Date.now();
    expectError(
      await app.gql(EVENTS, { filter: { from: new Date(now).toISOString(), to: new Date(now - 1000).toISOString() } }, { token: ops }),
      'BAD_USER_INPUT',
      'to',
    );
    const many = Array.from({ length: 51 }, (_, i) => `action.${i}`);
    expectError(await app.gql(EVENTS, { filter: { actions: many } }, { token: ops }), 'BAD_USER_INPUT', 'actions');
    // An id that is no UUID is refused at the input edge like every id argument (no Workspace has it).
    expectError(await app.gql(EVENTS, { filter: { workspaceId: 'nope' } }, { token: ops }), 'NOT_FOUND');
  });
});
