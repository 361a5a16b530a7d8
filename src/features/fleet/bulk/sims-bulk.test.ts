import { createTestApp, expectData, expectError, type TestApp } from '../../../../test/app';
import { auditTrail } from '../../../../test/audit';
import { statementCount } from '../../../../test/db';
import { createEndpoint, createTenant, memberWithRole, registerSims } from '../../../../test/factories';

const MOVE = 'mutation($ids: [ID!]!, $s: SimStatus!) { updateSimStatuses(ids: $ids, status: $s) { id iccid status endpoint { id } } }';
const SIM = 'query($id: ID!) { sim(id: $id) { id status endpoint { id } } }';
const NONE = '00000000-0000-4000-8000-000000000000';

interface Sim {
  id: string;
  iccid: string;
  status: string;
  endpoint: { id: string } | null;
}

describe('bulk SIM changes: updateSimStatuses', () => {
  let app: TestApp;
  let token: string;
  let workspaceId: string;
  beforeAll(async () => {
    app = await createTestApp();
    const tenant = await createTenant(app);
    token = tenant.admin.token;
    workspaceId = tenant.workspace.id;
  });
  afterAll(() => app.close());

  const move = async (ids: readonly (string | undefined)[], s: string, t = token) =>
    expectData(await app.gql<{ updateSimStatuses: Sim[] }>(MOVE, { ids, s }, { token: t })).updateSimStatuses;
  const status = async (id: string | undefined, t = token) => expectData(await app.gql<{ sim: Sim }>(SIM, { id }, { token: t })).sim;
  const ids = (sims: readonly { id: string }[]) => sims.map((s) => s.id);

  it('moves SIMs along the lifecycle, returns them in the order of ids and records sim.updated for each', async () => {
    const sims = await registerSims(app, token, 3);
    const order = ids(sims).reverse();
    const moved = await move(order, 'ACTIVATED');
    expect(moved.map((s) => s.id)).toEqual(order);
    expect(moved.every((s) => s.status === 'ACTIVATED')).toBe(true);
    expect((await status(sims[0]?.id)).status).toBe('ACTIVATED');
    const trail = await auditTrail(app, sims[0]?.id as string);
    expect(trail.map((e) => e.action)).toEqual(['sim.registered', 'sim.updated']);
    expect(trail[1]).toMatchObject({ workspaceId, before: { status: 'ISSUED' }, after: { status: 'ACTIVATED' } });
  });

  it('leaves a SIM already in the status as it is (no event) and still returns it', async () => {
    const [active, issued] = await registerSims(app, token, 2);
    await move([active?.id], 'ACTIVATED');
    const events = (await auditTrail(app, active?.id as string)).length;
    const moved = await move([active?.id, issued?.id], 'ACTIVATED');
    expect(moved.map((s) => [s.id, s.status])).toEqual([
      [active?.id, 'ACTIVATED'],
      [issued?.id, 'ACTIVATED'],
    ]);
    expect(await auditTrail(app, active?.id as string)).toHaveLength(events);
  });

  it('refuses the whole change when any SIM cannot make the move, naming their ICCIDs (ten, then "and N more")', async () => {
    const deleted = await registerSims(app, token, 12);
    await move(ids(deleted), 'DELETED');
    const [fine] = await registerSims(app, token, 1);
    const error = expectError(
      await app.gql(MOVE, { ids: [fine?.id, ...ids(deleted)], s: 'ACTIVATED' }, { token }),
      'BAD_USER_INPUT',
      'status',
    );
    for (const sim of deleted.slice(0, 10)) expect(error.message).toContain(sim.iccid);
    expect(error.message).not.toContain(deleted[11]?.iccid);
    expect(error.message).toContain('and 2 more');
    expect(error.message).not.toContain(fine?.iccid);
    expect((await status(fine?.id)).status).toBe('ISSUED');

    const [issued] = await registerSims(app, token, 1);
    const one = expectError(await app.gql(MOVE, { ids: [issued?.id], s: 'SUSPENDED' }, { token }), 'BAD_USER_INPUT', 'status');
    expect(one.message).toContain(`${issued?.iccid} (ISSUED)`);
  });

  it('takes SIMs moved to DELETED out of their devices, recording the device change too', async () => {
    const [a, b] = await registerSims(app, token, 2);
    const device = await createEndpoint(app, token, { simId: a?.id });
    const moved = await move([a?.id, b?.id], 'DELETED');
    expect(moved.map((s) => [s.status, s.endpoint])).toEqual([
      ['DELETED', null],
      ['DELETED', null],
    ]);
    const data = expectData(
      await app.gql<{ endpoint: { sim: null } }>('query($id: ID!) { endpoint(id: $id) { sim { id } } }', { id: device.id }, { token }),
    );
    expect(data.endpoint.sim).toBeNull();
    expect((await auditTrail(app, device.id)).at(-1)).toMatchObject({
      action: 'endpoint.updated',
      before: { simId: a?.id },
      after: { simId: null },
    });
  });

  it('is all or nothing: one foreign or unknown id among three is NOT_FOUND on ids and nothing changes', async () => {
    const other = await createTenant(app);
    const [theirs] = await registerSims(app, other.admin.token, 1);
    for (const stranger of [theirs?.id, NONE]) {
      const [a, b] = await registerSims(app, token, 2);
      const error = expectError(await app.gql(MOVE, { ids: [a?.id, stranger, b?.id], s: 'ACTIVATED' }, { token }), 'NOT_FOUND', 'ids');
      expect(error.message).toContain('ids[1]');
      expect([(await status(a?.id)).status, (await status(b?.id)).status]).toEqual(['ISSUED', 'ISSUED']);
    }
    expect((await status(theirs?.id, other.admin.token)).status).toBe('ISSUED');
  });

  it('refuses an empty list, repeated ids and more than 500; moves 500 in as many statements as 5', async () => {
    const [a] = await registerSims(app, token, 1);
    expectError(await app.gql(MOVE, { ids: [], s: 'ACTIVATED' }, { token }), 'BAD_USER_INPUT', 'ids');
    expectError(await app.gql(MOVE, { ids: [a?.id, a?.id], s: 'ACTIVATED' }, { token }), 'BAD_USER_INPUT', 'ids');
    const tooMany = Array.from({ length: 501 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expectError(await app.gql(MOVE, { ids: tooMany, s: 'ACTIVATED' }, { token }), 'BAD_USER_INPUT', 'ids');

    const run = async (sims: string[]) => {
      const before = statementCount();
      expect(await move(sims, 'ACTIVATED')).toHaveLength(sims.length);
      return statementCount() - before;
    };
    const small = await run(ids(await registerSims(app, token, 5)));
    const large = await run(ids(await registerSims(app, token, 500)));
    expect(large).toBe(small);
    expect(large).toBeLessThan(20);
  });

  it('is FORBIDDEN for an Observer and allowed for a User', async () => {
    const [a] = await registerSims(app, token, 1);
    const observer = await memberWithRole(app, workspaceId, 'OBSERVER');
    expectError(await app.gql(MOVE, { ids: [a?.id], s: 'ACTIVATED' }, { token: observer.token }), 'FORBIDDEN');
    expect((await status(a?.id)).status).toBe('ISSUED');
    const user = await memberWithRole(app, workspaceId, 'USER');
    expect((await move([a?.id], 'ACTIVATED', user.token))[0]?.status).toBe('ACTIVATED');
  });
});
