import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import { statementCount } from '../../../test/db';
import { createEndpoint, createTenant, memberWithRole, registerSims } from '../../../test/factories';

const EVENTS = `query($first: Int, $after: String, $filter: EventFilter) {
  events(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id type createdAt data sim { id iccid status } endpoint { id name } } }
  }
}`;
const NONE = '00000000-0000-4000-8000-000000000000';

interface EventNode {
  id: string;
  type: string;
  createdAt: string;
  data: { before: Record<string, unknown> | null; after: Record<string, unknown> | null } | null;
  sim: { id: string; iccid: string; status: string } | null;
  endpoint: { id: string; name: string } | null;
}
type Events = {
  events: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: EventNode }[];
  };
};

describe('events: the fleet history of the active Workspace', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const page = async (token: string, filter: Record<string, unknown> | null = null, first = 500, after: string | null = null) =>
    expectData(await app.gql<Events>(EVENTS, { first, after, filter }, { token })).events;
  const nodes = async (token: string, filter: Record<string, unknown> | null = null) =>
    (await page(token, filter)).edges.map((e) => e.node);
  const run = async (token: string, query: string, variables: Record<string, unknown>) =>
    expectData(await app.gql(query, variables, { token }));

  /** A tenant with a policy, a SIM in a device, the device renamed, plus an Observer and a User. */
  async function scene() {
    const tenant = await createTenant(app);
    const token = tenant.admin.token;
    await run(token, 'mutation { createServicePolicy(input: { name: "Data 1 GB" }) { id } }', {});
    const [sim] = await registerSims(app, token, 1);
    const device = await createEndpoint(app, token, { simId: sim?.id, tags: ['north'] });
    await run(token, 'mutation($id: ID!) { updateEndpoint(id: $id, input: { name: "Renamed" }) { id } }', { id: device.id });
    await run(token, 'mutation($id: ID!) { updateSim(id: $id, input: { status: ACTIVATED }) { id } }', { id: sim?.id });
    // Not fleet events: a member added, and (below) usage recorded by the operator.
    const observer = await memberWithRole(app, tenant.workspace.id, 'OBSERVER');
    await run(await app.opsToken(), 'mutation($r: [UsageRecordInput!]!) { recordUsage(records: $r) }', {
      r: [
        { iccid: sim?.iccid, date: new Date().toISOString().slice(0, 10), bytesUp: 1, bytesDown: 1, smsSent: 0, smsReceived: 0, cost: 0 },
      ],
    });
    return { tenant, token, sim: sim as { id: string; iccid: string }, device, observer };
  }

  it('lists the fleet changes newest first, with type, data as JSON values, and the SIM or device; Observers read them', async () => {
    const { sim, device, observer } = await scene();
    const events = await nodes(observer.token);
    expect(events.map((e) => e.type)).toEqual([
      'sim.updated',
      'endpoint.updated',
      'endpoint.created',
      'sim.registered',
      'service_policy.created',
    ]);
    const ids = events.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const [simUpdated, renamed, created, registered] = events;
    expect(simUpdated).toMatchObject({ sim: { id: sim.id, iccid: sim.iccid, status: 'ACTIVATED' }, endpoint: null });
    expect(simUpdated?.data?.before).toMatchObject({ status: 'ISSUED' });
    expect(simUpdated?.data?.after).toMatchObject({ status: 'ACTIVATED' });
    expect(renamed).toMatchObject({ endpoint: { id: device.id, name: 'Renamed' }, sim: null });
    expect(renamed?.data).toMatchObject({ before: { name: device.name, tags: ['north'] }, after: { name: 'Renamed' } });
    expect(created?.data).toMatchObject({ before: null, after: { name: device.name, simId: sim.id } });
    expect(registered?.data).toMatchObject({ before: null, after: { iccid: sim.iccid } });
    expect(Number.isNaN(Date.parse(registered?.createdAt ?? ''))).toBe(false);
  });

  it('filters by SIM, by device and by type, and counts only the matches', async () => {
    const { token, sim, device } = await scene();
    expect((await nodes(token, { simId: sim.id })).map((e) => e.type)).toEqual(['sim.updated', 'sim.registered']);
    expect((await nodes(token, { endpointId: device.id })).map((e) => e.type)).toEqual(['endpoint.updated', 'endpoint.created']);
    const typed = await page(token, { types: ['endpoint.created', 'sim.registered'] }, 1);
    expect(typed.totalCount).toBe(2);
    expect(typed.pageInfo.hasNextPage).toBe(true);
    // Unknown types and audit actions outside the fleet match nothing, like auditEvents' actions.
    expect(await nodes(token, { types: ['no.such', 'membership.added', 'usage.recorded'] })).toEqual([]);
    // Empty types: every type.
    expect((await page(token, { types: [] })).totalCount).toBe(5);
    const all = await nodes(token);
    const newest = all[0] as EventNode;
    const oldest = all.at(-1) as EventNode;
    expect((await nodes(token, { from: oldest.createdAt, to: newest.createdAt })).map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(await nodes(token, { from: new Date(Date.parse(newest.createdAt) + 1).toISOString() })).toEqual([]);
  });

  it('refuses a filter that means nothing, naming the field', async () => {
    const { token } = await scene();
    const now = Date.now();
    expectError(
      await app.gql(EVENTS, { filter: { from: new Date(now).toISOString(), to: new Date(now - 1000).toISOString() } }, { token }),
      'BAD_USER_INPUT',
      'to',
    );
    const many = Array.from({ length: 51 }, (_, i) => `sim.t${i}`);
    expectError(await app.gql(EVENTS, { filter: { types: many } }, { token }), 'BAD_USER_INPUT', 'types');
    expectError(await app.gql(EVENTS, { filter: { simId: NONE } }, { token }), 'NOT_FOUND', 'simId');
    expectError(await app.gql(EVENTS, { filter: { endpointId: 'nope' } }, { token }), 'NOT_FOUND', 'endpointId');
    expectError(await app.gql(EVENTS, { after: 'not-a-cursor' }, { token }), 'BAD_USER_INPUT', 'after');
  });

  it("never shows another Workspace's changes; their SIM or device is NOT_FOUND as a filter", async () => {
    const mine = await scene();
    const theirs = await scene();
    const own = await nodes(mine.token);
    expect(own).toHaveLength(5);
    expect(own.every((e) => e.sim?.id !== theirs.sim.id && e.endpoint?.id !== theirs.device.id)).toBe(true);
    expectError(await app.gql(EVENTS, { filter: { simId: theirs.sim.id } }, { token: mine.token }), 'NOT_FOUND', 'simId');
    expectError(await app.gql(EVENTS, { filter: { endpointId: theirs.device.id } }, { token: mine.token }), 'NOT_FOUND', 'endpointId');
    // Their bulk changes do not show either.
    await run(theirs.token, 'mutation($ids: [ID!]!) { deleteEndpoints(ids: $ids) }', { ids: [theirs.device.id] });
    expect((await page(mine.token)).totalCount).toBe(5);
  });

  it('keeps a deleted device’s history: Event.endpoint is null, the device id still filters', async () => {
    const { token, device } = await scene();
    await run(token, 'mutation($id: ID!) { deleteEndpoint(id: $id) }', { id: device.id });
    const history = await nodes(token, { endpointId: device.id });
    expect(history.map((e) => e.type)).toEqual(['endpoint.deleted', 'endpoint.updated', 'endpoint.created']);
    expect(history.every((e) => e.endpoint === null)).toBe(true);
    expect(history[0]?.data).toMatchObject({ before: { name: 'Renamed' }, after: null });
  });

  it('shows bulk changes, one event per object', async () => {
    const { token, sim } = await scene();
    const more = await registerSims(app, token, 2);
    const moved = [sim.id, ...more.map((s) => s.id)];
    await run(token, 'mutation($ids: [ID!]!) { updateSimStatuses(ids: $ids, status: SUSPENDED) { id } }', { ids: [sim.id] });
    await run(token, 'mutation($ids: [ID!]!) { updateSimStatuses(ids: $ids, status: DELETED) { id } }', { ids: moved });
    const deleted = await nodes(token, { types: ['sim.updated'] });
    // A SIM is never removed, only DELETED: Event.sim still shows it.
    expect(deleted.slice(0, 3).map((e) => e.sim?.status)).toEqual(['DELETED', 'DELETED', 'DELETED']);
    expect(new Set(deleted.slice(0, 3).map((e) => e.sim?.id))).toEqual(new Set(moved));
  });

  it('pages with the cursor without repeats or gaps', async () => {
    const { token } = await scene();
    const all = (await nodes(token)).map((e) => e.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const result: Events['events'] = await page(token, null, 2, after);
      seen.push(...result.edges.map((e) => e.node.id));
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it('costs the same number of statements for a page of 5 events as for 200, SIMs and devices included', async () => {
    const { token } = await scene();
    const sims = await registerSims(app, token, 100);
    for (let i = 0; i < 100; i += 25) {
      await Promise.all(sims.slice(i, i + 25).map((sim) => createEndpoint(app, token, { simId: sim.id })));
    }
    await run(token, 'mutation($id: ID!) { updateSim(id: $id, input: { status: ACTIVATED }) { id } }', { id: sims[0]?.id });
    const statementsFor = async (first: number) => {
      const before = statementCount();
      const result = await page(token, null, first);
      expect(result.edges).toHaveLength(first);
      expect(result.edges.some((e) => e.node.sim) && result.edges.some((e) => e.node.endpoint)).toBe(true);
      return statementCount() - before;
    };
    expect(await statementsFor(200)).toBe(await statementsFor(5));
  });
});
