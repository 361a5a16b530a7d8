import { createTestApp, expectData, expectError, type TestApp } from '../../../../test/app';
import { createEndpoint, createTenant, newIccid, registerSims } from '../../../../test/factories';
import { withLuhn } from '../identifiers';
import { SIM_TRANSITIONS } from './lifecycle';

const REGISTER =
  'mutation($i: [String!]!, $s: SimStatus) { registerSims(iccids: $i, status: $s) { id iccid status imsi msisdn endpoint { id } } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateSimInput!) { updateSim(id: $id, input: $input) { id status imsi msisdn } }';
const SIM = 'query($id: ID!) { sim(id: $id) { id iccid status endpoint { id } } }';
const COUNT = 'query { sims(first: 1) { totalCount } }';

type Sim = { id: string; iccid: string; status: string; imsi: string | null; msisdn: string | null };

describe('SIMs', () => {
  let app: TestApp;
  let tenant: Awaited<ReturnType<typeof createTenant>>;
  let token: string;
  beforeAll(async () => {
    app = await createTestApp();
    tenant = await createTenant(app);
    token = tenant.admin.token;
  });
  afterAll(() => app.close());

  const count = async (t = token) => expectData(await app.gql<{ sims: { totalCount: number } }>(COUNT, {}, { token: t })).sims.totalCount;

  describe('registerSims', () => {
    it('registers SIMs as ISSUED, in the order given, in no device', async () => {
      const iccids = [newIccid(), newIccid(), newIccid()];
      const data = expectData(await app.gql<{ registerSims: (Sim & { endpoint: null })[] }>(REGISTER, { i: iccids }, { token }));
      expect(data.registerSims.map((s) => s.iccid)).toEqual(iccids);
      expect(data.registerSims.every((s) => s.status === 'ISSUED' && s.endpoint === null && s.imsi === null)).toBe(true);
    });

    it('accepts 20-digit ICCIDs and surrounding spaces, and FACTORY_TEST as the initial status', async () => {
      const twenty = withLuhn('8949000000000000123');
      const data = expectData(await app.gql<{ registerSims: Sim[] }>(REGISTER, { i: [` ${twenty} `], s: 'FACTORY_TEST' }, { token }));
      expect(data.registerSims[0]).toMatchObject({ iccid: twenty, status: 'FACTORY_TEST' });
      expectError(await app.gql(REGISTER, { i: [newIccid()], s: 'ACTIVATED' }, { token }), 'BAD_USER_INPUT', 'status');
    });

    it('validates every ICCID: 19-20 digits with a Luhn check digit', async () => {
      const good = newIccid();
      const wrongCheck = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10);
      const bad = [wrongCheck, '898830300000000000', '8988303000000000000000', '89883030000000000a1', '', withLuhn('89883030000000000')];
      for (const iccid of bad) {
        const error = expectError(await app.gql(REGISTER, { i: [newIccid(), iccid] }, { token }), 'BAD_USER_INPUT', 'iccids');
        expect(error.message).toMatch(/ICCID|check digit/);
      }
      expect(expectError(await app.gql(REGISTER, { i: [wrongCheck] }, { token }), 'BAD_USER_INPUT', 'iccids').message).toBe(
        'Line 1: ICCID has an invalid check digit.',
      );
      // Every bad line, by its number in the batch (1-based), so the portal can point at them.
      const lines = [newIccid(), wrongCheck, newIccid(), '123'];
      expect(expectError(await app.gql(REGISTER, { i: lines }, { token }), 'BAD_USER_INPUT', 'iccids').message).toBe(
        'Line 2: ICCID has an invalid check digit; line 4: ICCID must be 19 or 20 digits.',
      );
    });

    it('is all or nothing: one bad ICCID or a duplicate stores none', async () => {
      const before = await count();
      const fresh = [newIccid(), newIccid()];
      expectError(await app.gql(REGISTER, { i: [...fresh, '123'] }, { token }), 'BAD_USER_INPUT', 'iccids');
      expectError(await app.gql(REGISTER, { i: [fresh[0], fresh[1], fresh[0]] }, { token }), 'CONFLICT', 'iccids');
      // A conflict at the end of the list rolls back the rows inserted before it.
      const [taken] = await registerSims(app, token, 1);
      expectError(await app.gql(REGISTER, { i: [...fresh, taken?.iccid] }, { token }), 'CONFLICT', 'iccids');
      expect(await count()).toBe(before + 1);
      expectData(await app.gql(REGISTER, { i: fresh }, { token }));
      expect(await count()).toBe(before + 3);
    });

    it('takes up to 1,000 ICCIDs at once', async () => {
      const before = await count();
      const iccids = Array.from({ length: 1000 }, () => newIccid());
      const data = expectData(
        await app.gql<{ registerSims: Sim[] }>('mutation($i: [String!]!) { registerSims(iccids: $i) { id } }', { i: iccids }, { token }),
      );
      expect(data.registerSims).toHaveLength(1000);
      expect(await count()).toBe(before + 1000);
      const tooMany = [...iccids.slice(0, 1000).map(() => newIccid()), newIccid()];
      expectError(await app.gql(REGISTER, { i: tooMany }, { token }), 'BAD_USER_INPUT', 'iccids');
    });

    it('answers CONFLICT for an ICCID registered in another Workspace, without saying where', async () => {
      const other = await createTenant(app);
      const [theirs] = await registerSims(app, other.admin.token, 1);
      const error = expectError(await app.gql(REGISTER, { i: [theirs?.iccid] }, { token }), 'CONFLICT', 'iccids');
      expect(error.message).toContain('on line 1 ');
      for (const hint of [theirs?.iccid, theirs?.id, other.workspace.id, other.workspace.name] as string[]) {
        expect(error.message).not.toContain(hint);
      }
    });

    it('answers byte for byte the same for an ICCID of another Workspace, one of this Workspace (even DELETED) and a repeat in the batch', async () => {
      const other = await createTenant(app);
      const [theirs] = await registerSims(app, other.admin.token, 1);
      const [mine, deleted] = await registerSims(app, token, 2);
      expectData(await app.gql(UPDATE, { id: deleted?.id, input: { status: 'DELETED' } }, { token }));
      const repeated = newIccid();
      const attempts = [
        [newIccid(), theirs?.iccid, newIccid()],
        [newIccid(), mine?.iccid, newIccid()],
        [newIccid(), deleted?.iccid, newIccid()],
        [repeated, repeated, newIccid()],
      ];
      const answers: string[] = [];
      for (const i of attempts) answers.push(JSON.stringify(await app.gql(REGISTER, { i }, { token })));
      const [first, ...rest] = answers;
      expect(rest).toEqual([first, first, first]);
      expect(JSON.parse(first as string)).toMatchObject({
        data: null,
        errors: [{ extensions: { code: 'CONFLICT', field: 'iccids' }, message: expect.stringContaining('on line 2 ') }],
      });
    });
  });

  describe('lifecycle', () => {
    const ALL = ['ISSUED', 'ACTIVATED', 'SUSPENDED', 'FACTORY_TEST', 'DELETED'] as const;

    /** A SIM brought to `status` along allowed transitions. */
    async function simIn(status: (typeof ALL)[number]): Promise<string> {
      const initial = status === 'FACTORY_TEST' ? 'FACTORY_TEST' : 'ISSUED';
      const data = expectData(await app.gql<{ registerSims: Sim[] }>(REGISTER, { i: [newIccid()], s: initial }, { token }));
      const id = data.registerSims[0]?.id as string;
      const path = { ISSUED: [], FACTORY_TEST: [], ACTIVATED: ['ACTIVATED'], SUSPENDED: ['ACTIVATED', 'SUSPENDED'], DELETED: ['DELETED'] }[
        status
      ];
      for (const step of path) expectData(await app.gql(UPDATE, { id, input: { status: step } }, { token }));
      return id;
    }

    const allowed = ALL.flatMap((from) => SIM_TRANSITIONS[from].map((to) => [from, to] as const));
    it('covers the documented lifecycle', () => {
      expect(allowed).toEqual(
        expect.arrayContaining([
          ['ISSUED', 'ACTIVATED'],
          ['ACTIVATED', 'SUSPENDED'],
          ['SUSPENDED', 'ACTIVATED'],
          ['FACTORY_TEST', 'ACTIVATED'],
          ['ISSUED', 'DELETED'],
          ['ACTIVATED', 'DELETED'],
          ['SUSPENDED', 'DELETED'],
          ['FACTORY_TEST', 'DELETED'],
        ]),
      );
      expect(allowed).toHaveLength(8);
    });

    it.each(allowed)('allows %s → %s', async (from, to) => {
      const id = await simIn(from);
      const data = expectData(await app.gql<{ updateSim: Sim }>(UPDATE, { id, input: { status: to } }, { token }));
      expect(data.updateSim.status).toBe(to);
    });

    it.each([
      ['ISSUED', 'SUSPENDED'],
      ['ISSUED', 'FACTORY_TEST'],
      ['ACTIVATED', 'ISSUED'],
      ['ACTIVATED', 'FACTORY_TEST'],
      ['SUSPENDED', 'ISSUED'],
      ['FACTORY_TEST', 'SUSPENDED'],
      ['DELETED', 'ACTIVATED'],
      ['DELETED', 'ISSUED'],
    ] as const)('refuses %s → %s with BAD_USER_INPUT on status', async (from, to) => {
      const id = await simIn(from);
      expectError(await app.gql(UPDATE, { id, input: { status: to } }, { token }), 'BAD_USER_INPUT', 'status');
      const data = expectData(await app.gql<{ sim: Sim }>(SIM, { id }, { token }));
      expect(data.sim.status).toBe(from);
    });

    it('takes a DELETED SIM out of its device, and never puts one into a device', async () => {
      const id = await simIn('ACTIVATED');
      const device = await createEndpoint(app, token, { simId: id });
      expectData(await app.gql(UPDATE, { id, input: { status: 'DELETED' } }, { token }));
      const data = expectData(
        await app.gql<{ endpoint: { sim: null } }>('query($id: ID!) { endpoint(id: $id) { sim { id } } }', { id: device.id }, { token }),
      );
      expect(data.endpoint.sim).toBeNull();
      expectError(
        await app.gql(
          'mutation($input: CreateEndpointInput!) { createEndpoint(input: $input) { id } }',
          { input: { name: 'x', simId: id } },
          { token },
        ),
        'BAD_USER_INPUT',
        'simId',
      );
    });
  });

  describe('updateSim identifiers', () => {
    it('sets, validates and clears IMSI and MSISDN', async () => {
      const [sim] = await registerSims(app, token, 1);
      const id = sim?.id;
      const set = expectData(
        await app.gql<{ updateSim: Sim }>(UPDATE, { id, input: { imsi: '901430000000001', msisdn: '+491701234567' } }, { token }),
      );
      expect(set.updateSim).toMatchObject({ imsi: '901430000000001', msisdn: '+491701234567' });
      for (const imsi of ['90143000000000', '9014300000000012', '90143000000000a']) {
        expectError(await app.gql(UPDATE, { id, input: { imsi } }, { token }), 'BAD_USER_INPUT', 'imsi');
      }
      for (const msisdn of ['491701234567', '+0491701234567', '+4917012345678901', '+49 170 1234567', '+']) {
        expectError(await app.gql(UPDATE, { id, input: { msisdn } }, { token }), 'BAD_USER_INPUT', 'msisdn');
      }
      const cleared = expectData(await app.gql<{ updateSim: Sim }>(UPDATE, { id, input: { imsi: null, msisdn: null } }, { token }));
      expect(cleared.updateSim).toMatchObject({ imsi: null, msisdn: null, status: 'ISSUED' });
    });

    it('records who changed what in the audit log, before and after', async () => {
      const [sim] = await registerSims(app, token, 1);
      expectData(await app.gql(UPDATE, { id: sim?.id, input: { status: 'ACTIVATED' } }, { token }));
      const data = expectData(
        await app.gql<{
          auditEvents: {
            edges: { node: { action: string; targetId: string; actorEmail: string; before: string | null; after: string | null } }[];
          };
        }>('{ auditEvents(first: 5) { edges { node { action targetId actorEmail before after } } } }', {}, { token }),
      );
      const events = data.auditEvents.edges.map((e) => e.node).filter((e) => e.targetId === sim?.id);
      expect(events.map((e) => e.action)).toEqual(['sim.updated', 'sim.registered']);
      expect(events[0]?.actorEmail).toBe(tenant.admin.email);
      expect(JSON.parse(events[0]?.before ?? '{}').status).toBe('ISSUED');
      expect(JSON.parse(events[0]?.after ?? '{}').status).toBe('ACTIVATED');
    });
  });
});
