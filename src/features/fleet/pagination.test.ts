import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import { statementCount } from '../../../test/db';
import { createEndpoint, createTenant, newImei, registerSims } from '../../../test/factories';
import { outboxIdle } from '../mail/sender';
import { seedFleetDemo } from './seed';

interface Node {
  id: string;
  name: string;
  status: string;
  tags: string[];
  imei: string | null;
  sim: { iccid: string; imsi: string | null; msisdn: string | null } | null;
}
interface Page<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const ENDPOINTS = `query($n: Int, $a: String, $f: EndpointFilter, $o: EndpointOrder) {
  endpoints(first: $n, after: $a, filter: $f, orderBy: $o) {
    totalCount edges { cursor node { id name status tags imei sim { iccid imsi msisdn } } } pageInfo { hasNextPage endCursor } } }`;
const SIMS = `query($n: Int, $a: String, $f: SimFilter, $o: SimOrder) {
  sims(first: $n, after: $a, filter: $f, orderBy: $o) {
    totalCount edges { cursor node { id iccid status endpoint { name } } } pageInfo { hasNextPage endCursor } } }`;

const KINDS = ['Pump', 'Meter', 'tracker', 'Gateway'];

describe('fleet lists: keyset pages, filters, sorts', () => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await createTestApp();
    token = (await createTenant(app)).admin.token;
    // 24 devices: four kinds, every third DISABLED, tags by position, SIMs in the first 16 (IMSI and MSISDN on even ones).
    const sims = await registerSims(app, token, 20);
    for (let i = 0; i < 24; i++) {
      const sim = sims[i];
      if (sim && i < 16 && i % 2 === 0) {
        expectData(
          await app.gql(
            'mutation($id: ID!, $imsi: String, $m: String) { updateSim(id: $id, input: { imsi: $imsi, msisdn: $m, status: ACTIVATED }) { id } }',
            {
              id: sim.id,
              imsi: `90143${String(1000000000 + i)}`,
              m: `+4917${String(10000000 + i)}`,
            },
            { token },
          ),
        );
      }
      await createEndpoint(app, token, {
        name: `${KINDS[i % 4]} ${String(i).padStart(2, '0')}`,
        status: i % 3 === 0 ? 'DISABLED' : 'ENABLED',
        tags: [i % 2 ? 'north' : 'south', ...(i % 5 === 0 ? ['vip'] : [])],
        imei: newImei(),
        simId: i < 16 ? sim?.id : undefined,
      });
    }
    await createEndpoint(app, token, { name: '100% Pump_x' });
  });
  afterAll(() => app.close());

  const endpoints = async (variables: Record<string, unknown>) =>
    expectData(await app.gql<{ endpoints: Page<Node> }>(ENDPOINTS, variables, { token })).endpoints;
  const sims = async (variables: Record<string, unknown>) =>
    expectData(
      await app.gql<{ sims: Page<{ id: string; iccid: string; status: string; endpoint: { name: string } | null }> }>(SIMS, variables, {
        token,
      }),
    ).sims;

  /** Every page of a list, `size` at a time; `between` runs alongside the first three page reads. */
  async function pages<T>(
    fetch: (variables: Record<string, unknown>) => Promise<Page<T>>,
    variables: Record<string, unknown>,
    size: number,
    between?: () => Promise<unknown>,
  ): Promise<T[]> {
    const seen: T[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const [page]: [Page<T>, unknown] = await Promise.all([
        fetch({ ...variables, n: size, a: after }),
        guard < 3 ? between?.() : undefined,
      ]);
      seen.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) return seen;
      after = page.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  }

  describe('limits', () => {
    it('defaults to 50, allows 1 to 500, and refuses anything else on first', async () => {
      for (const n of [0, -1, 501]) {
        expectError(await app.gql(ENDPOINTS, { n }, { token }), 'BAD_USER_INPUT', 'first');
        expectError(await app.gql(SIMS, { n }, { token }), 'BAD_USER_INPUT', 'first');
      }
      expect((await endpoints({ n: 500 })).edges).toHaveLength(25);
      expect((await endpoints({ n: 1 })).pageInfo.hasNextPage).toBe(true);
    });

    it('refuses a cursor that is not one, or that belongs to another sort order, on after', async () => {
      expectError(await app.gql(ENDPOINTS, { a: 'garbage' }, { token }), 'BAD_USER_INPUT', 'after');
      const byName = await endpoints({ n: 2, o: 'NAME_ASC' });
      expectError(await app.gql(ENDPOINTS, { a: byName.pageInfo.endCursor, o: 'CREATED_DESC' }, { token }), 'BAD_USER_INPUT', 'after');
      const forged = Buffer.from(JSON.stringify(['NAME_ASC', 'x', 'not-a-uuid'])).toString('base64url');
      expectError(await app.gql(ENDPOINTS, { a: forged, o: 'NAME_ASC' }, { token }), 'BAD_USER_INPUT', 'after');
    });
  });

  describe('stable under concurrent inserts', () => {
    let inserted = 0;
    /** Inserts devices whose names sort first, last and in the middle, while the pages are read. */
    const insertSome = async () => {
      inserted++;
      await Promise.all(['AAA', 'Meter 05½', 'zzz'].map((prefix) => createEndpoint(app, token, { name: `${prefix} new ${inserted}` })));
    };

    it.each(['NAME_ASC', 'NAME_DESC', 'CREATED_ASC', 'CREATED_DESC'])('endpoints by %s neither repeat nor skip', async (order) => {
      const before = (await endpoints({ n: 500, o: order })).edges.map((e) => e.node.id);
      const seen = (await pages(endpoints, { o: order }, 4, insertSome)).map((n) => n.id);
      expect(new Set(seen).size).toBe(seen.length);
      // Every device that existed before is there once, in the same relative order.
      expect(seen.filter((id) => before.includes(id))).toEqual(before);
    });

    it.each(['ICCID_ASC', 'ICCID_DESC', 'CREATED_ASC', 'CREATED_DESC'])('SIMs by %s neither repeat nor skip', async (order) => {
      const before = (await sims({ n: 500, o: order })).edges.map((e) => e.node.id);
      const seen = (await pages(sims, { o: order }, 3, () => registerSims(app, token, 2))).map((n) => n.id);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => before.includes(id))).toEqual(before);
    });
  });

  describe('filters and sorts combined', () => {
    /** The whole list in `order`, filtered in JavaScript: the expected answer. */
    async function expected(order: string, keep: (n: Node) => boolean): Promise<string[]> {
      return (await endpoints({ n: 500, o: order })).edges
        .map((e) => e.node)
        .filter(keep)
        .map((n) => n.id);
    }

    it.each([
      [
        'status + tag + name search',
        { status: ['DISABLED'], tag: 'north', search: 'pUmP' },
        (n: Node) => n.status === 'DISABLED' && n.tags.includes('north') && n.name.toLowerCase().includes('pump'),
      ],
      ['two statuses + tag', { status: ['ENABLED', 'DISABLED'], tag: 'vip' }, (n: Node) => n.tags.includes('vip')],
      ['search for a name with LIKE wildcards', { search: '100%' }, (n: Node) => n.name.includes('100%')],
      ['wildcards match literally', { search: '_' }, (n: Node) => n.name.includes('_')],
      [
        'tag + search by ICCID prefix',
        { tag: 'south', search: '8988' },
        (n: Node) => n.tags.includes('south') && !!n.sim?.iccid.startsWith('8988'),
      ],
    ] as const)('%s, in every order, page by page', async (_, filter, keep) => {
      for (const order of ['NAME_ASC', 'NAME_DESC', 'CREATED_ASC', 'CREATED_DESC']) {
        const want = await expected(order, keep);
        const got = await pages(endpoints, { f: filter, o: order }, 2);
        expect(got.map((n) => n.id)).toEqual(want);
        expect((await endpoints({ n: 1, f: filter, o: order })).totalCount).toBe(want.length);
      }
    });

    it('finds a device by the prefix of its SIM’s ICCID, IMSI or MSISDN (the + optional), or of its IMEI', async () => {
      const all = (await endpoints({ n: 500 })).edges.map((e) => e.node);
      const withIds = all.find((n) => n.name === 'Pump 08') ?? (all.find((n) => n.sim?.imsi && n.sim.msisdn) as Node);
      const sim = withIds.sim as NonNullable<Node['sim']>;
      for (const search of [sim.iccid.slice(0, 18), sim.iccid, sim.imsi, sim.msisdn, sim.msisdn?.slice(1), withIds.imei?.slice(0, 14)]) {
        const found = (await endpoints({ n: 500, f: { search } })).edges.map((e) => e.node.id);
        expect([search, found]).toEqual([search, [withIds.id]]);
      }
    });

    it('filters SIMs by status, device and tag, and finds them by their device’s name', async () => {
      const all = (await sims({ n: 500, o: 'ICCID_DESC' })).edges.map((e) => e.node);
      const active = all.filter((s) => s.status === 'ACTIVATED');
      expect((await pages(sims, { f: { status: ['ACTIVATED'] }, o: 'ICCID_DESC' }, 3)).map((s) => s.id)).toEqual(active.map((s) => s.id));
      const free = all.filter((s) => s.status === 'ISSUED' && !s.endpoint);
      expect((await pages(sims, { f: { status: ['ISSUED'], assigned: false }, o: 'ICCID_DESC' }, 3)).map((s) => s.id)).toEqual(
        free.map((s) => s.id),
      );
      const inDevices = all.filter((s) => s.endpoint);
      expect((await sims({ n: 500, f: { assigned: true }, o: 'ICCID_DESC' })).edges.map((e) => e.node.id)).toEqual(
        inDevices.map((s) => s.id),
      );
      const meters = (await sims({ n: 500, f: { search: 'meter 0' } })).edges.map((e) => e.node.endpoint?.name);
      expect(meters.length).toBeGreaterThan(0);
      expect(meters.every((name) => name?.startsWith('Meter 0'))).toBe(true);
      const north = (await sims({ n: 500, f: { tag: 'north' } })).totalCount;
      expect(north).toBe(8);
    });
  });

  describe('statements per page', () => {
    let seeded: string;
    beforeAll(async () => {
      const tenant = await createTenant(app);
      await seedFleetDemo(app.database.db, [tenant.workspace.id]);
      seeded = tenant.admin.token;
    });

    /** SQL statements run by one request (none run in the background meanwhile). */
    async function statementsFor(query: string, variables: Record<string, unknown>): Promise<{ statements: number; edges: number }> {
      await outboxIdle();
      const before = statementCount();
      const data = expectData(await app.gql<Record<string, Page<unknown>>>(query, variables, { token: seeded }));
      const statements = statementCount() - before;
      return { statements, edges: Object.values(data)[0]?.edges.length ?? 0 };
    }

    it('is the same for a page of 10 devices and a page of 500, with every nested field', async () => {
      const query = `query($n: Int) { endpoints(first: $n, orderBy: NAME_ASC) { totalCount edges { node { id name tags
        sim { iccid status endpoint { id } usage { bytesDown currency } } servicePolicy { name } coveragePolicy { name countries }
        usage { bytesUp cost currency } } } } }`;
      const small = await statementsFor(query, { n: 10 });
      const large = await statementsFor(query, { n: 500 });
      expect([small.edges, large.edges]).toEqual([10, 500]);
      expect(large.statements).toBe(small.statements);
      // The count is real: the transaction, the page, the count and one batch per nested field kind.
      expect(small.statements).toBeGreaterThan(8);
    });

    it('is the same for a page of 10 SIMs and a page of 500', async () => {
      // Only SIMs in devices, so both pages ask for every nested field (a page of stock SIMs would load less).
      const query = `query($n: Int) { sims(first: $n, filter: { assigned: true }) { totalCount edges { node { iccid endpoint { name tags sim { id } servicePolicy { name } } usage { cost } } } } }`;
      const small = await statementsFor(query, { n: 10 });
      const large = await statementsFor(query, { n: 500 });
      expect([small.edges, large.edges]).toEqual([10, 500]);
      expect(large.statements).toBe(small.statements);
      // The count is real: the transaction, the page, the count and one batch per nested field kind.
      expect(small.statements).toBeGreaterThan(8);
    });

    it('gives 50 rows by default', async () => {
      const page = expectData(
        await app.gql<{ endpoints: Page<unknown> }>(
          '{ endpoints { totalCount edges { cursor } pageInfo { hasNextPage } } }',
          {},
          { token: seeded },
        ),
      ).endpoints;
      expect(page.edges).toHaveLength(50);
      expect(page.totalCount).toBe(2000);
      expect(page.pageInfo.hasNextPage).toBe(true);
    });
  });
});
