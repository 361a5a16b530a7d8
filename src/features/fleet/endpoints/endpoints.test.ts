import { createTestApp, expectData, expectError, type TestApp } from '../../../../test/app';
import { createEndpoint, createTenant, newImei, registerSims } from '../../../../test/factories';

const FIELDS = `id name status tags imei ipAddress sim { id iccid endpoint { id } } servicePolicy { id name } coveragePolicy { id name }
  usage { bytesUp bytesDown smsSent smsReceived cost currency startDate endDate }`;
const CREATE = `mutation($input: CreateEndpointInput!) { createEndpoint(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateEndpointInput!) { updateEndpoint(id: $id, input: $input) { ${FIELDS} } }`;
const DELETE = 'mutation($id: ID!) { deleteEndpoint(id: $id) }';
const GET = `query($id: ID!) { endpoint(id: $id) { ${FIELDS} } }`;

interface Endpoint {
  id: string;
  name: string;
  status: string;
  tags: string[];
  imei: string | null;
  ipAddress: string | null;
  sim: { id: string; iccid: string; endpoint: { id: string } | null } | null;
  servicePolicy: { id: string; name: string } | null;
  coveragePolicy: { id: string; name: string } | null;
  usage: { bytesUp: number; cost: number; currency: string; startDate: string; endDate: string };
}

describe('devices (endpoints)', () => {
  let app: TestApp;
  let token: string;
  let policies: { service: string; coverage: string };
  beforeAll(async () => {
    app = await createTestApp();
    const tenant = await createTenant(app, { currency: 'CHF' });
    token = tenant.admin.token;
    const service = expectData(
      await app.gql<{ createServicePolicy: { id: string } }>(
        'mutation { createServicePolicy(input: { name: "Data 1 GB", monthlyDataLimitMb: 1024 }) { id } }',
        {},
        { token },
      ),
    );
    const coverage = expectData(
      await app.gql<{ createCoveragePolicy: { id: string } }>(
        'mutation { createCoveragePolicy(input: { name: "Europe", countries: ["DE", "fr"] }) { id } }',
        {},
        { token },
      ),
    );
    policies = { service: service.createServicePolicy.id, coverage: coverage.createCoveragePolicy.id };
  });
  afterAll(() => app.close());

  const create = async (input: Record<string, unknown>) =>
    expectData(await app.gql<{ createEndpoint: Endpoint }>(CREATE, { input }, { token })).createEndpoint;
  const update = async (id: string, input: Record<string, unknown>) =>
    expectData(await app.gql<{ updateEndpoint: Endpoint }>(UPDATE, { id, input }, { token })).updateEndpoint;

  it('creates a device with every field, its SIM, both policies and tags', async () => {
    const [sim] = await registerSims(app, token, 1);
    const imei = newImei();
    const device = await create({
      name: '  Cold truck 7 ',
      status: 'DISABLED',
      tags: ['cold-chain', 'north', 'cold-chain'],
      imei,
      ipAddress: '10.0.0.7',
      simId: sim?.id,
      servicePolicyId: policies.service,
      coveragePolicyId: policies.coverage,
    });
    expect(device).toMatchObject({
      name: 'Cold truck 7',
      status: 'DISABLED',
      tags: ['cold-chain', 'north'],
      imei,
      ipAddress: '10.0.0.7',
      sim: { id: sim?.id, iccid: sim?.iccid, endpoint: { id: device.id } },
      servicePolicy: { id: policies.service, name: 'Data 1 GB' },
      coveragePolicy: { id: policies.coverage, name: 'Europe' },
      usage: { bytesUp: 0, cost: 0, currency: 'CHF' },
    });
    const sims = expectData(
      await app.gql<{ sim: { endpoint: { id: string } } }>(
        'query($id: ID!) { sim(id: $id) { endpoint { id } } }',
        { id: sim?.id },
        { token },
      ),
    );
    expect(sims.sim.endpoint.id).toBe(device.id);
  });

  it('needs only a name; defaults to ENABLED with nothing assigned', async () => {
    const device = await create({ name: 'Bare' });
    expect(device).toMatchObject({
      status: 'ENABLED',
      tags: [],
      imei: null,
      ipAddress: null,
      sim: null,
      servicePolicy: null,
      coveragePolicy: null,
    });
    expectError(await app.gql(CREATE, { input: { name: '   ' } }, { token }), 'BAD_USER_INPUT', 'name');
  });

  it('validates IMEI (15 digits, Luhn) and IP addresses (v4 and v6), naming the field', async () => {
    const imei = newImei();
    const wrongCheck = imei.slice(0, -1) + String((Number(imei.at(-1)) + 1) % 10);
    for (const bad of [wrongCheck, '49015420323751', '4901542032375180', '49015420323751x']) {
      expectError(await app.gql(CREATE, { input: { name: 'x', imei: bad } }, { token }), 'BAD_USER_INPUT', 'imei');
    }
    expect((await create({ name: 'imei ok', imei: '490154203237518' })).imei).toBe('490154203237518');
    for (const bad of ['10.0.0.256', '10.0.0', '10.0.0.1/24', 'fe80::1%eth0', 'localhost', '2001:db8::g']) {
      expectError(await app.gql(CREATE, { input: { name: 'x', ipAddress: bad } }, { token }), 'BAD_USER_INPUT', 'ipAddress');
    }
    expect((await create({ name: 'v6', ipAddress: '2001:db8:0:0::1' })).ipAddress).toBe('2001:db8::1');
    expect((await create({ name: 'v4', ipAddress: ' 192.168.1.20 ' })).ipAddress).toBe('192.168.1.20');
  });

  it('allows at most 20 tags of at most 64 characters', async () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `t${i}`);
    expect((await create({ name: 'tagged', tags: twenty })).tags).toHaveLength(20);
    expectError(await app.gql(CREATE, { input: { name: 'x', tags: [...twenty, 'one-more'] } }, { token }), 'BAD_USER_INPUT', 'tags');
    expectError(await app.gql(CREATE, { input: { name: 'x', tags: ['a'.repeat(65)] } }, { token }), 'BAD_USER_INPUT', 'tags');
    expectError(await app.gql(CREATE, { input: { name: 'x', tags: [' '] } }, { token }), 'BAD_USER_INPUT', 'tags');
    expect((await create({ name: 'long tag', tags: ['a'.repeat(64)] })).tags).toEqual(['a'.repeat(64)]);
  });

  it('puts a SIM in at most one device: CONFLICT on create and on update', async () => {
    const [sim, other] = await registerSims(app, token, 2);
    const holder = await create({ name: 'holder', simId: sim?.id });
    expectError(await app.gql(CREATE, { input: { name: 'second', simId: sim?.id } }, { token }), 'CONFLICT', 'simId');
    const second = await create({ name: 'second', simId: other?.id });
    expectError(await app.gql(UPDATE, { id: second.id, input: { simId: sim?.id } }, { token }), 'CONFLICT', 'simId');
    // Re-assigning a device its own SIM is no change.
    expect((await update(holder.id, { simId: sim?.id })).sim?.id).toBe(sim?.id);
  });

  it('lets exactly one of two concurrent requests take the same SIM', async () => {
    const [sim] = await registerSims(app, token, 1);
    const results = await Promise.all(
      [1, 2].map((n) => app.gql<{ createEndpoint: { id: string } }>(CREATE, { input: { name: `race ${n}`, simId: sim?.id } }, { token })),
    );
    expect(results.filter((r) => r.data?.createEndpoint).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT').length).toBe(1);
  });

  it('frees the SIM when the device is deleted', async () => {
    const [sim] = await registerSims(app, token, 1);
    const device = await create({ name: 'to delete', simId: sim?.id, tags: ['gone'] });
    expect(expectData(await app.gql<{ deleteEndpoint: boolean }>(DELETE, { id: device.id }, { token })).deleteEndpoint).toBe(true);
    expectError(await app.gql(GET, { id: device.id }, { token }), 'NOT_FOUND', 'id');
    expectError(await app.gql(DELETE, { id: device.id }, { token }), 'NOT_FOUND', 'id');
    const data = expectData(
      await app.gql<{ sim: { endpoint: null } }>('query($id: ID!) { sim(id: $id) { endpoint { id } } }', { id: sim?.id }, { token }),
    );
    expect(data.sim.endpoint).toBeNull();
    expect((await create({ name: 'next', simId: sim?.id })).sim?.id).toBe(sim?.id);
  });

  it('updates only the fields given; null clears; tags are replaced', async () => {
    const [sim, next] = await registerSims(app, token, 2);
    const device = await create({
      name: 'patch me',
      tags: ['a', 'b'],
      imei: newImei(),
      ipAddress: '10.1.1.1',
      simId: sim?.id,
      servicePolicyId: policies.service,
    });
    const renamed = await update(device.id, { name: 'patched', status: 'DISABLED' });
    expect(renamed).toMatchObject({
      name: 'patched',
      status: 'DISABLED',
      tags: ['a', 'b'],
      ipAddress: '10.1.1.1',
      sim: { id: sim?.id },
      servicePolicy: { id: policies.service },
    });
    const cleared = await update(device.id, { imei: null, ipAddress: null, simId: null, servicePolicyId: null, tags: [] });
    expect(cleared).toMatchObject({ name: 'patched', imei: null, ipAddress: null, sim: null, servicePolicy: null, tags: [] });
    const moved = await update(device.id, { simId: next?.id, coveragePolicyId: policies.coverage, tags: ['z'] });
    expect(moved).toMatchObject({ sim: { id: next?.id }, coveragePolicy: { id: policies.coverage }, tags: ['z'] });
    expectError(await app.gql(UPDATE, { id: device.id, input: { imei: '123' } }, { token }), 'BAD_USER_INPUT', 'imei');
    expectError(await app.gql(UPDATE, { id: device.id, input: { simId: 'not-a-uuid' } }, { token }), 'NOT_FOUND', 'simId');
    expectError(
      await app.gql(UPDATE, { id: device.id, input: { servicePolicyId: '00000000-0000-4000-8000-000000000000' } }, { token }),
      'NOT_FOUND',
      'servicePolicyId',
    );
  });

  it('records create, update and delete in the audit log with before and after', async () => {
    const device = await createEndpoint(app, token, { tags: ['x'] });
    await update(device.id, { name: 'audited' });
    expectData(await app.gql(DELETE, { id: device.id }, { token }));
    const data = expectData(
      await app.gql<{
        auditEvents: { edges: { node: { action: string; targetId: string; before: string | null; after: string | null } }[] };
      }>('{ auditEvents(first: 10) { edges { node { action targetId before after } } } }', {}, { token }),
    );
    const events = data.auditEvents.edges.map((e) => e.node).filter((e) => e.targetId === device.id);
    expect(events.map((e) => e.action)).toEqual(['endpoint.deleted', 'endpoint.updated', 'endpoint.created']);
    const [deleted, updated, created] = events;
    expect(JSON.parse(created?.after ?? 'null')).toMatchObject({ name: device.name, tags: ['x'] });
    expect(JSON.parse(updated?.before ?? 'null')).toMatchObject({ name: device.name });
    expect(JSON.parse(updated?.after ?? 'null')).toMatchObject({ name: 'audited' });
    expect(JSON.parse(deleted?.before ?? 'null')).toMatchObject({ name: 'audited' });
    expect(deleted?.after).toBeNull();
  });
});
