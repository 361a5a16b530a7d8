import { createTestApp, expectData, expectError, type TestApp } from '../../../../test/app';
import { auditTrail } from '../../../../test/audit';
import { statementCount } from '../../../../test/db';
import { createEndpoint, createTenant, memberWithRole, registerSims } from '../../../../test/factories';

const UPDATE = `mutation($ids: [ID!]!, $input: BulkUpdateEndpointsInput!) {
  updateEndpoints(ids: $ids, input: $input) { id name status tags }
}`;
const DELETE = 'mutation($ids: [ID!]!) { deleteEndpoints(ids: $ids) }';
const GET = 'query($id: ID!) { endpoint(id: $id) { id name status tags sim { id } } }';
const NONE = '00000000-0000-4000-8000-000000000000';

interface Device {
  id: string;
  name: string;
  status: string;
  tags: string[];
  sim?: { id: string } | null;
}

describe('bulk device changes: updateEndpoints, deleteEndpoints', () => {
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

  const devices = (n: number, input: Record<string, unknown> = {}) =>
    Promise.all(Array.from({ length: n }, () => createEndpoint(app, token, input)));
  const read = async (id: string, t = token) => expectData(await app.gql<{ endpoint: Device }>(GET, { id }, { token: t })).endpoint;
  const update = async (ids: string[], input: Record<string, unknown>, t = token) =>
    expectData(await app.gql<{ updateEndpoints: Device[] }>(UPDATE, { ids, input }, { token: t })).updateEndpoints;

  it('sets the status and adds and removes tags on every device, returned in the order of ids', async () => {
    const [a, b, c] = await devices(3, { tags: ['north', 'old'] });
    const ids = [c?.id, a?.id, b?.id] as string[];
    const result = await update(ids, { status: 'DISABLED', addTags: [' cold-chain ', 'alpha'], removeTags: ['old', 'never-there'] });
    expect(result.map((d) => d.id)).toEqual(ids);
    for (const device of result) expect(device).toMatchObject({ status: 'DISABLED', tags: ['alpha', 'cold-chain', 'north'] });
    expect(await read(a?.id as string)).toMatchObject({ status: 'DISABLED', tags: ['alpha', 'cold-chain', 'north'] });

    const tagsOnly = await update([a?.id as string], { removeTags: ['north'] });
    expect(tagsOnly[0]).toMatchObject({ status: 'DISABLED', tags: ['alpha', 'cold-chain'] });
  });

  it('writes endpoint.updated with before and after for each changed device, none for a device left as it was', async () => {
    const [changed, unchanged] = await devices(2, { tags: ['t'] });
    await update([unchanged?.id as string], { status: 'DISABLED' });
    const before = (await auditTrail(app, unchanged?.id as string)).length;
    await update([changed?.id, unchanged?.id] as string[], { status: 'DISABLED', addTags: ['t'] });
    expect(await auditTrail(app, unchanged?.id as string)).toHaveLength(before);
    const trail = await auditTrail(app, changed?.id as string);
    expect(trail.map((e) => e.action)).toEqual(['endpoint.created', 'endpoint.updated']);
    expect(trail[1]).toMatchObject({
      workspaceId,
      before: { status: 'ENABLED', tags: ['t'], name: changed?.name },
      after: { status: 'DISABLED', tags: ['t'], name: changed?.name },
    });
  });

  it('is all or nothing: one foreign, deleted or unknown id among three is NOT_FOUND on ids and nothing changes', async () => {
    const other = await createTenant(app);
    const [foreign] = await Promise.all([createEndpoint(app, other.admin.token, { tags: ['theirs'] })]);
    const [gone] = await devices(1);
    expectData(await app.gql(DELETE, { ids: [gone?.id] }, { token }));
    for (const stranger of [foreign?.id, gone?.id, NONE] as string[]) {
      const [a, b] = await devices(2, { tags: ['keep'] });
      const error = expectError(
        await app.gql(UPDATE, { ids: [a?.id, stranger, b?.id], input: { status: 'DISABLED', addTags: ['x'] } }, { token }),
        'NOT_FOUND',
        'ids',
      );
      expect(error.message).toContain('ids[1]');
      expectError(await app.gql(DELETE, { ids: [a?.id, stranger, b?.id] }, { token }), 'NOT_FOUND', 'ids');
      for (const id of [a?.id, b?.id] as string[]) expect(await read(id)).toMatchObject({ status: 'ENABLED', tags: ['keep'] });
    }
    // Their device is untouched and still theirs.
    expect(await read(foreign?.id as string, other.admin.token)).toMatchObject({ status: 'ENABLED', tags: ['theirs'] });
    // A malformed id is refused before anything runs, the same way.
    expectError(await app.gql(UPDATE, { ids: ['nope'], input: { status: 'DISABLED' } }, { token }), 'NOT_FOUND', 'ids');
  });

  it('refuses an empty list, repeated ids, more than 500 ids and an input without a change', async () => {
    const [a] = await devices(1);
    const id = a?.id as string;
    expectError(await app.gql(UPDATE, { ids: [], input: { status: 'DISABLED' } }, { token }), 'BAD_USER_INPUT', 'ids');
    expectError(await app.gql(UPDATE, { ids: [id, id], input: { status: 'DISABLED' } }, { token }), 'BAD_USER_INPUT', 'ids');
    expectError(await app.gql(DELETE, { ids: [] }, { token }), 'BAD_USER_INPUT', 'ids');
    expectError(await app.gql(DELETE, { ids: [id, id] }, { token }), 'BAD_USER_INPUT', 'ids');
    const tooMany = Array.from({ length: 501 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expectError(await app.gql(UPDATE, { ids: tooMany, input: { status: 'DISABLED' } }, { token }), 'BAD_USER_INPUT', 'ids');
    expectError(await app.gql(DELETE, { ids: tooMany }, { token }), 'BAD_USER_INPUT', 'ids');
    for (const input of [{}, { addTags: [], removeTags: [] }, { status: null }]) {
      expectError(await app.gql(UPDATE, { ids: [id], input }, { token }), 'BAD_USER_INPUT', 'input');
    }
    expectError(await app.gql(UPDATE, { ids: [id], input: { addTags: ['a'.repeat(65)] } }, { token }), 'BAD_USER_INPUT', 'addTags');
    expectError(await app.gql(UPDATE, { ids: [id], input: { addTags: [' '] } }, { token }), 'BAD_USER_INPUT', 'addTags');
    expectError(
      await app.gql(UPDATE, { ids: [id], input: { addTags: ['x'], removeTags: ['x'] } }, { token }),
      'BAD_USER_INPUT',
      'removeTags',
    );
    expect(await read(id)).toMatchObject({ status: 'ENABLED', tags: [] });
  });

  it('names the devices that would carry more than 20 tags, and changes none', async () => {
    const eighteen = Array.from({ length: 18 }, (_, i) => `t${String(i).padStart(2, '0')}`);
    const [full] = await devices(1, { tags: eighteen, name: 'Full truck' });
    const [light] = await devices(1, { tags: ['t00'] });
    const error = expectError(
      await app.gql(UPDATE, { ids: [light?.id, full?.id], input: { addTags: ['x1', 'x2', 'x3'] } }, { token }),
      'BAD_USER_INPUT',
      'addTags',
    );
    expect(error.message).toContain('"Full truck"');
    expect(error.message).not.toContain(light?.name);
    expect((await read(light?.id as string)).tags).toEqual(['t00']);
    // Removing in the same change makes room: exactly 20 is allowed.
    const [after] = await update([full?.id as string], { addTags: ['x1', 'x2', 'x3'], removeTags: ['t00'] });
    expect(after?.tags).toHaveLength(20);
  });

  it('changes 500 devices in a handful of statements, the same number as for 5', async () => {
    const small = (await devices(5, { tags: ['a'] })).map((d) => d.id);
    const large: string[] = [];
    for (let i = 0; i < 5; i++) large.push(...(await devices(100, { tags: ['a'] })).map((d) => d.id));
    const run = async (ids: string[]) => {
      const before = statementCount();
      const result = await update(ids, { status: 'DISABLED', addTags: ['b'], removeTags: ['a'] });
      expect(result).toHaveLength(ids.length);
      return statementCount() - before;
    };
    const forSmall = await run(small);
    const forLarge = await run(large);
    expect(forLarge).toBe(forSmall);
    expect(forLarge).toBeLessThan(25);
    expect(await read(large[499] as string)).toMatchObject({ status: 'DISABLED', tags: ['b'] });
    const deleted = expectData(await app.gql<{ deleteEndpoints: number }>(DELETE, { ids: large }, { token })).deleteEndpoints;
    expect(deleted).toBe(500);
  });

  it('deletes devices, frees their SIMs and records endpoint.deleted with the device as it was', async () => {
    const [simA, simB] = await registerSims(app, token, 2);
    const a = await createEndpoint(app, token, { simId: simA?.id, tags: ['x'] });
    const b = await createEndpoint(app, token, { simId: simB?.id });
    expect(expectData(await app.gql<{ deleteEndpoints: number }>(DELETE, { ids: [a.id, b.id] }, { token })).deleteEndpoints).toBe(2);
    expectError(await app.gql(GET, { id: a.id }, { token }), 'NOT_FOUND', 'id');
    for (const sim of [simA, simB]) {
      const data = expectData(
        await app.gql<{ sim: { endpoint: null } }>('query($id: ID!) { sim(id: $id) { endpoint { id } } }', { id: sim?.id }, { token }),
      );
      expect(data.sim.endpoint).toBeNull();
    }
    const trail = await auditTrail(app, a.id);
    expect(trail.at(-1)).toMatchObject({
      action: 'endpoint.deleted',
      workspaceId,
      before: { name: a.name, simId: simA?.id, tags: ['x'] },
      after: null,
    });
    // The SIM can go into a new device.
    expect((await createEndpoint(app, token, { simId: simA?.id })).id).toBeTruthy();
  });

  it('is FORBIDDEN for an Observer and allowed for a User', async () => {
    const [a] = await devices(1);
    const observer = await memberWithRole(app, workspaceId, 'OBSERVER');
    expectError(await app.gql(UPDATE, { ids: [a?.id], input: { status: 'DISABLED' } }, { token: observer.token }), 'FORBIDDEN');
    expectError(await app.gql(DELETE, { ids: [a?.id] }, { token: observer.token }), 'FORBIDDEN');
    expect(await read(a?.id as string)).toMatchObject({ status: 'ENABLED' });
    const user = await memberWithRole(app, workspaceId, 'USER');
    expect((await update([a?.id as string], { status: 'DISABLED' }, user.token))[0]?.status).toBe('DISABLED');
    expect(expectData(await app.gql<{ deleteEndpoints: number }>(DELETE, { ids: [a?.id] }, { token: user.token })).deleteEndpoints).toBe(1);
  });

  it('serializes concurrent bulk changes of the same devices: both apply, none is lost', async () => {
    const shared = (await devices(4)).map((d) => d.id);
    const [first, second] = await Promise.all([
      app.gql(UPDATE, { ids: shared, input: { addTags: ['one'] } }, { token }),
      app.gql(UPDATE, { ids: [...shared].reverse(), input: { addTags: ['two'], status: 'DISABLED' } }, { token }),
    ]);
    expectData(first);
    expectData(second);
    for (const id of shared) expect(await read(id)).toMatchObject({ status: 'DISABLED', tags: ['one', 'two'] });
  });
});
