import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import { createEndpoint, createTenant, memberWithRole, newImei, registerSims, type TestSim } from '../../../test/factories';

/*
 * The fleet lists' contains search, the policy filters and counts, and the status counts: what a
 * user of the devices, SIMs and policies pages relies on, on both databases.
 */

const DEVICES = `query($f: EndpointFilter) { endpoints(first: 100, filter: $f, orderBy: NAME_ASC) { totalCount edges { node { name } } } }`;
const SIMS = `query($f: SimFilter) { sims(first: 100, filter: $f, orderBy: ICCID_ASC) { totalCount edges { node { iccid } } } }`;
const UPDATE_SIM = 'mutation($id: ID!, $input: UpdateSimInput!) { updateSim(id: $id, input: $input) { id } }';
const UPDATE_DEVICE = 'mutation($id: ID!, $input: UpdateEndpointInput!) { updateEndpoint(id: $id, input: $input) { id } }';

type Tenant = Awaited<ReturnType<typeof createTenant>>;

describe('fleet search, policy filters and counts', () => {
  let app: TestApp;
  let a: Tenant;
  let b: Tenant;
  let sims: TestSim[];
  let imei: string;
  beforeAll(async () => {
    app = await createTestApp();
    a = await createTenant(app);
    b = await createTenant(app);
    sims = await registerSims(app, a.admin.token, 3);
    imei = newImei();
    const [first, second] = sims as [TestSim, TestSim, TestSim];
    expectData(
      await app.gql(UPDATE_SIM, { id: first.id, input: { imsi: '262019876543210', msisdn: '+491701234567' } }, { token: a.admin.token }),
    );
    await createEndpoint(app, a.admin.token, { name: 'Meter 0001', simId: first.id });
    await createEndpoint(app, a.admin.token, { name: 'Cold TRUCK 7', imei, simId: second.id });
    await createEndpoint(app, a.admin.token, { name: '100% sure_thing\\x' });
    await createEndpoint(app, a.admin.token, { name: '100 percent sureXthing' });
    // Workspace B has devices matching every term; they must never show up in A.
    await createEndpoint(app, b.admin.token, { name: 'Meter 0001 of B' });
    await createEndpoint(app, b.admin.token, { name: 'Cold truck of B', imei: newImei() });
  });
  afterAll(() => app.close());

  const devices = async (filter: Record<string, unknown>, token = a.admin.token) =>
    expectData(await app.gql<{ endpoints: { totalCount: number; edges: { node: { name: string } }[] } }>(DEVICES, { f: filter }, { token }))
      .endpoints;
  const deviceNames = async (search: string) => (await devices({ search })).edges.map((e) => e.node.name);
  const simIccids = async (search: string) =>
    expectData(
      await app.gql<{ sims: { edges: { node: { iccid: string } }[] } }>(SIMS, { f: { search } }, { token: a.admin.token }),
    ).sims.edges.map((e) => e.node.iccid);

  describe('contains search on devices', () => {
    it('finds a device by the middle or end of its name, in any letter case', async () => {
      expect(await deviceNames('0001')).toEqual(['Meter 0001']);
      expect(await deviceNames('ter 00')).toEqual(['Meter 0001']);
      expect(await deviceNames('truck')).toEqual(['Cold TRUCK 7']);
      expect(await deviceNames('cOLD t')).toEqual(['Cold TRUCK 7']);
    });

    it('finds a device by a fragment of its IMEI or of its SIM ICCID and IMSI', async () => {
      expect(await deviceNames(imei.slice(5, 12))).toEqual(['Cold TRUCK 7']);
      const [first, second] = sims as [TestSim, TestSim];
      expect(await deviceNames(first.iccid.slice(-7))).toEqual(['Meter 0001']);
      expect(await deviceNames(second.iccid.slice(-6))).toEqual(['Cold TRUCK 7']);
      expect(await deviceNames('98765432')).toEqual(['Meter 0001']);
    });

    it('finds a device by its SIM MSISDN with or without the +, and spaces ignored', async () => {
      expect(await deviceNames('+4917012')).toEqual(['Meter 0001']);
      expect(await deviceNames('4917012')).toEqual(['Meter 0001']);
      expect(await deviceNames('1701234567')).toEqual(['Meter 0001']);
      expect(await deviceNames('+49 170 1234')).toEqual(['Meter 0001']);
      // With the +, only the start of an MSISDN matches.
      expect(await deviceNames('+1701234')).toEqual([]);
    });

    it('takes % _ and \\ literally', async () => {
      expect(await deviceNames('100%')).toEqual(['100% sure_thing\\x']);
      expect(await deviceNames('sure_thing')).toEqual(['100% sure_thing\\x']);
      expect(await deviceNames('g\\x')).toEqual(['100% sure_thing\\x']);
      expect(await deviceNames('%')).toEqual(['100% sure_thing\\x']);
      expect(await deviceNames('_')).toEqual(['100% sure_thing\\x']);
    });

    it('counts what it finds and pages through it', async () => {
      const found = await devices({ search: 'e' });
      expect(found.edges.map((e) => e.node.name).sort()).toEqual(['100 percent sureXthing', '100% sure_thing\\x', 'Meter 0001'].sort());
      expect(found.totalCount).toBe(3);
      const PAGE = `query($a: String) { endpoints(first: 2, after: $a, filter: { search: "E" }, orderBy: NAME_DESC) {
        edges { node { name } } pageInfo { endCursor hasNextPage } } }`;
      type Page = { endpoints: { edges: { node: { name: string } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } };
      const first = expectData(await app.gql<Page>(PAGE, {}, { token: a.admin.token })).endpoints;
      const next = expectData(await app.gql<Page>(PAGE, { a: first.pageInfo.endCursor }, { token: a.admin.token })).endpoints;
      expect(first.edges).toHaveLength(2);
      expect(first.pageInfo.hasNextPage).toBe(true);
      expect(next.edges).toHaveLength(1);
      expect([...first.edges, ...next.edges].map((e) => e.node.name).sort()).toEqual(found.edges.map((e) => e.node.name).sort());
    });

    it("never lists another Workspace's devices, and B finds only its own", async () => {
      expect(await deviceNames('of B')).toEqual([]);
      const inB = await devices({ search: '0001' }, b.admin.token);
      expect(inB.edges.map((e) => e.node.name)).toEqual(['Meter 0001 of B']);
      expect(inB.totalCount).toBe(1);
    });
  });

  describe('contains search on SIMs', () => {
    it('finds a SIM by a fragment of its ICCID, IMSI or MSISDN (+ optional) or of its device name', async () => {
      const [first, second, third] = sims as [TestSim, TestSim, TestSim];
      expect(await simIccids(third.iccid.slice(-7, -1))).toEqual([third.iccid]);
      expect(await simIccids('87654')).toEqual([first.iccid]);
      expect(await simIccids('+491701')).toEqual([first.iccid]);
      expect(await simIccids('01234567')).toEqual([first.iccid]);
      expect(await simIccids('ter 000')).toEqual([first.iccid]);
      expect(await simIccids('TRUCK')).toEqual([second.iccid]);
      expect(await simIccids('%')).toEqual([]);
    });

    it("never lists another Workspace's SIMs", async () => {
      const [inB] = await registerSims(app, b.admin.token, 1);
      expect(await simIccids((inB as TestSim).iccid)).toEqual([]);
      expect(await simIccids('of B')).toEqual([]);
    });
  });

  describe('policy filters and device counts', () => {
    const POLICIES = `{ servicePolicies(first: 50) { edges { node { id name endpointCount } } }
      coveragePolicies(first: 50) { edges { node { id name endpointCount } } } }`;
    let service: string;
    let coverage: string;
    let otherService: string;
    beforeAll(async () => {
      const created = expectData(
        await app.gql<{ s: { id: string }; c: { id: string }; t: { id: string } }>(
          `mutation { s: createServicePolicy(input: { name: "Basic" }) { id } c: createCoveragePolicy(input: { name: "EU" }) { id }
            t: createServicePolicy(input: { name: "Unused" }) { id } }`,
          {},
          { token: a.admin.token },
        ),
      );
      service = created.s.id;
      coverage = created.c.id;
      otherService = expectData(
        await app.gql<{ createServicePolicy: { id: string } }>(
          'mutation { createServicePolicy(input: { name: "Basic" }) { id } }',
          {},
          { token: b.admin.token },
        ),
      ).createServicePolicy.id;
    });

    const counts = async () => {
      const data = expectData(
        await app.gql<{
          servicePolicies: { edges: { node: { name: string; endpointCount: number } }[] };
          coveragePolicies: { edges: { node: { name: string; endpointCount: number } }[] };
        }>(POLICIES, {}, { token: a.admin.token }),
      );
      return {
        service: Object.fromEntries(data.servicePolicies.edges.map((e) => [e.node.name, e.node.endpointCount])),
        coverage: Object.fromEntries(data.coveragePolicies.edges.map((e) => [e.node.name, e.node.endpointCount])),
      };
    };

    it('lists only the devices using a policy, and counts them after assigning and unassigning', async () => {
      expect(await counts()).toEqual({ service: { Basic: 0, Unused: 0 }, coverage: { EU: 0 } });
      const one = await createEndpoint(app, a.admin.token, { name: 'Policy one', servicePolicyId: service, coveragePolicyId: coverage });
      const two = await createEndpoint(app, a.admin.token, { name: 'Policy two', servicePolicyId: service });
      // B's device with B's policy of the same name is never counted in A.
      await createEndpoint(app, b.admin.token, { name: 'Policy B', servicePolicyId: otherService });
      expect(await counts()).toEqual({ service: { Basic: 2, Unused: 0 }, coverage: { EU: 1 } });
      expect((await devices({ servicePolicyId: service })).edges.map((e) => e.node.name)).toEqual(['Policy one', 'Policy two']);
      const both = await devices({ servicePolicyId: service, coveragePolicyId: coverage });
      expect(both.edges.map((e) => e.node.name)).toEqual(['Policy one']);
      expect(both.totalCount).toBe(1);
      expect((await devices({ servicePolicyId: service, search: 'two' })).edges.map((e) => e.node.name)).toEqual(['Policy two']);

      expectData(await app.gql(UPDATE_DEVICE, { id: one.id, input: { servicePolicyId: null } }, { token: a.admin.token }));
      expectData(await app.gql('mutation($id: ID!) { deleteEndpoint(id: $id) }', { id: two.id }, { token: a.admin.token }));
      expect(await counts()).toEqual({ service: { Basic: 0, Unused: 0 }, coverage: { EU: 1 } });
      expect((await devices({ servicePolicyId: service })).totalCount).toBe(0);
    });

    it("answers NOT_FOUND naming the filter field for another Workspace's or a malformed policy id", async () => {
      const foreign = await app.gql(DEVICES, { f: { servicePolicyId: otherService } }, { token: a.admin.token });
      expect(expectError(foreign, 'NOT_FOUND', 'filter.servicePolicyId').message).toBe('Service policy not found.');
      expectError(
        await app.gql(DEVICES, { f: { coveragePolicyId: otherService } }, { token: a.admin.token }),
        'NOT_FOUND',
        'filter.coveragePolicyId',
      );
      // A coverage policy's id is not a service policy.
      expectError(
        await app.gql(DEVICES, { f: { servicePolicyId: coverage } }, { token: a.admin.token }),
        'NOT_FOUND',
        'filter.servicePolicyId',
      );
    });
  });

  describe('status counts', () => {
    const COUNTS = '{ simStatusCounts { status count } endpointStatusCounts { status count } }';

    it('lists every status in order with zeros, for the active Workspace only; an Observer may read them', async () => {
      const tenant = await createTenant(app);
      const [s1, s2] = (await registerSims(app, tenant.admin.token, 3)) as [TestSim, TestSim, TestSim];
      expectData(await app.gql(UPDATE_SIM, { id: s1.id, input: { status: 'ACTIVATED' } }, { token: tenant.admin.token }));
      expectData(await app.gql(UPDATE_SIM, { id: s2.id, input: { status: 'DELETED' } }, { token: tenant.admin.token }));
      await createEndpoint(app, tenant.admin.token, { status: 'DISABLED' });
      // Another Workspace's SIMs and devices are never counted.
      await registerSims(app, a.admin.token, 2);
      await createEndpoint(app, a.admin.token);
      const observer = await memberWithRole(app, tenant.workspace.id, 'OBSERVER');
      const data = expectData(await app.gql(COUNTS, {}, { token: observer.token }));
      expect(data).toEqual({
        simStatusCounts: [
          { status: 'ISSUED', count: 1 },
          { status: 'ACTIVATED', count: 1 },
          { status: 'SUSPENDED', count: 0 },
          { status: 'FACTORY_TEST', count: 0 },
          { status: 'DELETED', count: 1 },
        ],
        endpointStatusCounts: [
          { status: 'ENABLED', count: 0 },
          { status: 'DISABLED', count: 1 },
        ],
      });
    });

    it('is refused without a Workspace', async () => {
      expectError(await app.gql(COUNTS, {}), 'UNAUTHENTICATED');
    });
  });
});
