import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import {
  addMember,
  createEndpoint,
  createOrg,
  createTenant,
  createWorkspace,
  linkWorkspace,
  memberWithRole,
  newIccid,
  PASSWORD,
  registerSims,
  switchTo,
} from '../../../test/factories';

/** One of each fleet object in a Workspace. */
interface Fleet {
  simId: string;
  freeSimId: string;
  endpointId: string;
  servicePolicyId: string;
  coveragePolicyId: string;
}

async function fleetIn(app: TestApp, token: string, tag = 'shared-tag'): Promise<Fleet> {
  const [sim, freeSim] = await registerSims(app, token, 2);
  const servicePolicyId = expectData(
    await app.gql<{ createServicePolicy: { id: string } }>(
      'mutation($n: String!) { createServicePolicy(input: { name: $n }) { id } }',
      { n: `Base ${tag}` },
      { token },
    ),
  ).createServicePolicy.id;
  const coveragePolicyId = expectData(
    await app.gql<{ createCoveragePolicy: { id: string } }>(
      'mutation($n: String!) { createCoveragePolicy(input: { name: $n }) { id } }',
      { n: `Base ${tag}` },
      { token },
    ),
  ).createCoveragePolicy.id;
  const endpoint = await createEndpoint(app, token, { simId: sim?.id, servicePolicyId, coveragePolicyId, tags: [tag] });
  return { simId: sim?.id as string, freeSimId: freeSim?.id as string, endpointId: endpoint.id, servicePolicyId, coveragePolicyId };
}

const READS: [string, string, (f: Fleet) => Record<string, unknown>][] = [
  [
    'endpoints',
    '{ endpoints { totalCount edges { node { id sim { id } servicePolicy { id } coveragePolicy { id } tags usage { cost } } } } }',
    () => ({}),
  ],
  ['sims', '{ sims { totalCount edges { node { id endpoint { id } usage { cost } } } } }', () => ({})],
  ['endpoint', 'query($id: ID!) { endpoint(id: $id) { id } }', (f) => ({ id: f.endpointId })],
  ['sim', 'query($id: ID!) { sim(id: $id) { id } }', (f) => ({ id: f.simId })],
  ['servicePolicies', '{ servicePolicies { totalCount } }', () => ({})],
  ['coveragePolicies', '{ coveragePolicies { totalCount } }', () => ({})],
  ['servicePolicy', 'query($id: ID!) { servicePolicy(id: $id) { id } }', (f) => ({ id: f.servicePolicyId })],
  ['coveragePolicy', 'query($id: ID!) { coveragePolicy(id: $id) { id } }', (f) => ({ id: f.coveragePolicyId })],
];

/** Every fleet mutation, each against its own objects (so each can succeed once). */
const WRITES: [string, string, (f: Fleet) => Record<string, unknown>][] = [
  [
    'createEndpoint',
    'mutation($input: CreateEndpointInput!) { createEndpoint(input: $input) { id } }',
    (f) => ({ input: { name: 'new', simId: f.freeSimId } }),
  ],
  [
    'updateEndpoint',
    'mutation($id: ID!) { updateEndpoint(id: $id, input: { name: "renamed", tags: ["t"] }) { id } }',
    (f) => ({ id: f.endpointId }),
  ],
  ['registerSims', 'mutation($i: [String!]!) { registerSims(iccids: $i) { id } }', () => ({ i: [newIccid()] })],
  ['updateSim', 'mutation($id: ID!) { updateSim(id: $id, input: { status: ACTIVATED }) { id } }', (f) => ({ id: f.simId })],
  ['createServicePolicy', 'mutation { createServicePolicy(input: { name: "Another" }) { id } }', () => ({})],
  [
    'updateServicePolicy',
    'mutation($id: ID!) { updateServicePolicy(id: $id, input: { smsEnabled: false }) { id } }',
    (f) => ({ id: f.servicePolicyId }),
  ],
  ['createCoveragePolicy', 'mutation { createCoveragePolicy(input: { name: "Another" }) { id } }', () => ({})],
  [
    'updateCoveragePolicy',
    'mutation($id: ID!) { updateCoveragePolicy(id: $id, input: { countries: ["DE"] }) { id } }',
    (f) => ({ id: f.coveragePolicyId }),
  ],
  ['deleteEndpoint', 'mutation($id: ID!) { deleteEndpoint(id: $id) }', (f) => ({ id: f.endpointId })],
  ['deleteServicePolicy', 'mutation($id: ID!) { deleteServicePolicy(id: $id) }', (f) => ({ id: f.servicePolicyId })],
  ['deleteCoveragePolicy', 'mutation($id: ID!) { deleteCoveragePolicy(id: $id) }', (f) => ({ id: f.coveragePolicyId })],
];

describe('fleet access', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  describe('role matrix', () => {
    /** A linked Workspace with an Observer, a User, an Administrator and the SuperAdmin, each signed in there. */
    let tokens: Record<'OBSERVER' | 'USER' | 'ADMINISTRATOR' | 'SUPER_ADMIN', string>;
    let adminToken: string;
    beforeAll(async () => {
      const main = await createOrg(app, { package: 'PRO' });
      const hq = await createWorkspace(app, main.id);
      const superAdmin = await memberWithRole(app, hq.id, 'ADMINISTRATOR');
      const unit = await createWorkspace(app, (await createOrg(app)).id);
      await linkWorkspace(app, main.id, unit.id);
      const admin = await memberWithRole(app, unit.id, 'ADMINISTRATOR');
      adminToken = admin.token;
      tokens = {
        OBSERVER: (await memberWithRole(app, unit.id, 'OBSERVER')).token,
        USER: (await memberWithRole(app, unit.id, 'USER')).token,
        ADMINISTRATOR: admin.token,
        SUPER_ADMIN: await switchTo(app, await app.signIn(superAdmin.email, PASSWORD), unit.id),
      };
      expect(
        expectData(await app.gql<{ viewer: { role: string } }>('{ viewer { role } }', {}, { token: tokens.SUPER_ADMIN })).viewer.role,
      ).toBe('SUPER_ADMIN');
    });

    it.each(['OBSERVER', 'USER', 'ADMINISTRATOR', 'SUPER_ADMIN'] as const)('%s reads everything', async (role) => {
      const fleet = await fleetIn(app, adminToken, `read-${role}`);
      for (const [name, query, variables] of READS) {
        const result = await app.gql(query, variables(fleet), { token: tokens[role] });
        if (result.errors) throw new Error(`${role} ${name}: ${JSON.stringify(result.errors)}`);
      }
    });

    it('OBSERVER writes nothing (FORBIDDEN), and nothing changes', async () => {
      const fleet = await fleetIn(app, adminToken, 'observer');
      for (const [name, query, variables] of WRITES) {
        const result = await app.gql(query, variables(fleet), { token: tokens.OBSERVER });
        expect([name, result.errors?.[0]?.extensions?.code]).toEqual([name, 'FORBIDDEN']);
      }
      const still = expectData(
        await app.gql<{ endpoint: { name: string; tags: string[] } }>(
          'query($id: ID!) { endpoint(id: $id) { name tags } }',
          { id: fleet.endpointId },
          { token: adminToken },
        ),
      );
      expect(still.endpoint.tags).toEqual(['observer']);
    });

    it.each(['USER', 'ADMINISTRATOR', 'SUPER_ADMIN'] as const)('%s performs every fleet write', async (role) => {
      // Policies are named per Workspace: give each role's run its own names.
      const fleet = await fleetIn(app, tokens[role], `write-${role}`);
      // In order: the device is deleted before the policies it used.
      for (const [name, query, variables] of WRITES) {
        const text = query.replace(/"Another"/g, `"Another ${role}"`);
        const result = await app.gql(text, variables(fleet), { token: tokens[role] });
        if (result.errors) throw new Error(`${role} ${name}: ${JSON.stringify(result.errors)}`);
      }
    });

    it('keeps recordUsage for operators: FORBIDDEN for every Workspace role', async () => {
      for (const token of Object.values(tokens)) {
        expectError(await app.gql('mutation { recordUsage(records: []) }', {}, { token }), 'FORBIDDEN');
      }
    });
  });

  describe('across Workspaces', () => {
    let mine: Fleet;
    let theirs: Fleet;
    let token: string;
    let theirToken: string;
    beforeAll(async () => {
      const a = await createTenant(app);
      const b = await createTenant(app);
      // The same person administers both; the token is bound to A, so B's objects must not exist for it.
      await addMember(app, b.workspace.id, a.admin.id, 'ADMINISTRATOR');
      token = a.admin.token;
      theirToken = b.admin.token;
      mine = await fleetIn(app, token);
      theirs = await fleetIn(app, theirToken);
    });

    it("answers NOT_FOUND for every operation given another Workspace's id", async () => {
      const ops: [string, string, Record<string, unknown>, string][] = [
        ['endpoint', 'query($id: ID!) { endpoint(id: $id) { id } }', { id: theirs.endpointId }, 'id'],
        ['sim', 'query($id: ID!) { sim(id: $id) { id } }', { id: theirs.simId }, 'id'],
        ['servicePolicy', 'query($id: ID!) { servicePolicy(id: $id) { id } }', { id: theirs.servicePolicyId }, 'id'],
        ['coveragePolicy', 'query($id: ID!) { coveragePolicy(id: $id) { id } }', { id: theirs.coveragePolicyId }, 'id'],
        ['updateEndpoint', 'mutation($id: ID!) { updateEndpoint(id: $id, input: { name: "x" }) { id } }', { id: theirs.endpointId }, 'id'],
        ['deleteEndpoint', 'mutation($id: ID!) { deleteEndpoint(id: $id) }', { id: theirs.endpointId }, 'id'],
        ['updateSim', 'mutation($id: ID!) { updateSim(id: $id, input: { status: DELETED }) { id } }', { id: theirs.simId }, 'id'],
        [
          'updateServicePolicy',
          'mutation($id: ID!) { updateServicePolicy(id: $id, input: { name: "x" }) { id } }',
          { id: theirs.servicePolicyId },
          'id',
        ],
        ['deleteServicePolicy', 'mutation($id: ID!) { deleteServicePolicy(id: $id) }', { id: theirs.servicePolicyId }, 'id'],
        [
          'updateCoveragePolicy',
          'mutation($id: ID!) { updateCoveragePolicy(id: $id, input: { name: "x" }) { id } }',
          { id: theirs.coveragePolicyId },
          'id',
        ],
        ['deleteCoveragePolicy', 'mutation($id: ID!) { deleteCoveragePolicy(id: $id) }', { id: theirs.coveragePolicyId }, 'id'],
        [
          'createEndpoint simId',
          'mutation($s: ID) { createEndpoint(input: { name: "x", simId: $s }) { id } }',
          { s: theirs.freeSimId },
          'simId',
        ],
        [
          'createEndpoint servicePolicyId',
          'mutation($s: ID) { createEndpoint(input: { name: "x", servicePolicyId: $s }) { id } }',
          { s: theirs.servicePolicyId },
          'servicePolicyId',
        ],
        [
          'createEndpoint coveragePolicyId',
          'mutation($s: ID) { createEndpoint(input: { name: "x", coveragePolicyId: $s }) { id } }',
          { s: theirs.coveragePolicyId },
          'coveragePolicyId',
        ],
        [
          'updateEndpoint simId',
          'mutation($id: ID!, $s: ID) { updateEndpoint(id: $id, input: { simId: $s }) { id } }',
          { id: mine.endpointId, s: theirs.freeSimId },
          'simId',
        ],
        [
          'updateEndpoint servicePolicyId',
          'mutation($id: ID!, $s: ID) { updateEndpoint(id: $id, input: { servicePolicyId: $s }) { id } }',
          { id: mine.endpointId, s: theirs.servicePolicyId },
          'servicePolicyId',
        ],
        [
          'updateEndpoint coveragePolicyId',
          'mutation($id: ID!, $s: ID) { updateEndpoint(id: $id, input: { coveragePolicyId: $s }) { id } }',
          { id: mine.endpointId, s: theirs.coveragePolicyId },
          'coveragePolicyId',
        ],
      ];
      for (const [name, query, variables, field] of ops) {
        const result = await app.gql(query, variables, { token });
        expect([name, result.errors?.[0]?.extensions?.code, result.errors?.[0]?.extensions?.field]).toEqual([name, 'NOT_FOUND', field]);
        // A made-up id answers the same.
        const madeUp = Object.fromEntries(
          Object.entries(variables).map(([k, v]) => [k, v === mine.endpointId ? v : '00000000-0000-4000-8000-000000000000']),
        );
        const unknown = await app.gql(query, madeUp, { token });
        expect([name, unknown.errors?.[0]?.extensions?.code, unknown.errors?.[0]?.message]).toEqual([
          name,
          'NOT_FOUND',
          result.errors?.[0]?.message,
        ]);
      }
      // Nothing of theirs changed.
      const data = expectData(
        await app.gql<{ endpoint: { name: string; sim: { id: string; status: string } } }>(
          'query($id: ID!) { endpoint(id: $id) { name sim { id status } } }',
          { id: theirs.endpointId },
          { token: theirToken },
        ),
      );
      expect(data.endpoint.sim).toEqual({ id: theirs.simId, status: 'ISSUED' });
    });

    it("never lists another Workspace's rows, whatever the filter", async () => {
      const theirSim = expectData(
        await app.gql<{ sim: { iccid: string } }>(
          'query($id: ID!) { sim(id: $id) { iccid } }',
          { id: theirs.simId },
          { token: theirToken },
        ),
      ).sim.iccid;
      // `first` as a variable: the query-cost limit multiplies by literal page sizes only.
      const lists = `query($f: EndpointFilter, $s: SimFilter, $n: Int = 500) {
        endpoints(first: $n, filter: $f) { edges { node { id } } }
        sims(first: $n, filter: $s) { edges { node { id } } }
        servicePolicies(first: $n) { edges { node { id } } }
        coveragePolicies(first: $n) { edges { node { id } } } }`;
      type Lists = Record<'endpoints' | 'sims' | 'servicePolicies' | 'coveragePolicies', { edges: { node: { id: string } }[] }>;
      const ids = (data: Lists) => Object.values(data).flatMap((c) => c.edges.map((e) => e.node.id));
      const all = ids(expectData(await app.gql<Lists>(lists, {}, { token })));
      expect(all).toEqual(
        expect.arrayContaining([mine.endpointId, mine.simId, mine.freeSimId, mine.servicePolicyId, mine.coveragePolicyId]),
      );
      const filtered = [
        { f: { tag: 'shared-tag' }, s: { tag: 'shared-tag' } },
        { f: { search: theirSim }, s: { search: theirSim } },
        { f: { search: theirSim.slice(0, 6) }, s: { search: theirSim.slice(0, 6), assigned: true } },
      ];
      for (const variables of [{}, ...filtered]) {
        const seen = ids(expectData(await app.gql<Lists>(lists, variables, { token })));
        for (const id of Object.values(theirs)) expect(seen).not.toContain(id);
      }
    });
  });
});
