import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import { createTenant, PASSWORD, unique } from '../../../test/factories';

/**
 * users(search, first, after): the operators' directory of user accounts behind the ops console's
 * user pickers. Search matches any part of the email or the name in any letter case, pages go by
 * email, and nobody but an operator gets an answer.
 */

const USERS = `query($search: String, $first: Int, $after: String) {
  users(search: $search, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id email name } }
  }
}`;

interface Users {
  users: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; email: string; name: string } }[];
  };
}

describe('users (operators)', () => {
  let app: TestApp;
  let ops: string;
  /** Unique to this run, so users of other test files on the same database never match. */
  let tag: string;
  let created: { id: string; email: string; name: string }[];

  beforeAll(async () => {
    app = await createTestApp();
    ops = await app.opsToken();
    tag = unique('dir').replace(/-/g, '');
    created = [];
    // Created out of email order, with the tag in mixed case in either the email or the name.
    const people = [
      { email: `carol.${tag}@example.test`, name: 'Carol Diaz' },
      { email: `alice.${tag}@example.test`, name: 'Alice Martin' },
      { email: `zed.${tag.slice(0, 6)}x@example.test`, name: `Bob ${tag.toUpperCase()} Stone` },
      { email: `dave.${tag}@example.test`, name: 'Dave 50%_off' },
    ];
    for (const p of people) {
      const result = await app.gql<{ createUser: { id: string; email: string; name: string } }>(
        'mutation($e: String!, $n: String!, $p: String!) { createUser(email: $e, name: $n, password: $p) { id email name } }',
        { e: p.email, n: p.name, p: PASSWORD },
        { token: ops },
      );
      created.push(expectData(result).createUser);
    }
  });
  afterAll(() => app.close());

  const list = async (variables: Record<string, unknown>) => expectData(await app.gql<Users>(USERS, variables, { token: ops })).users;
  const emails = (page: Users['users']) => page.edges.map((e) => e.node.email);

  it('matches any part of the email or the name, in any letter case, ordered by email', async () => {
    const page = await list({ search: tag.toUpperCase() });
    // Bob matches by name only (his email holds just part of the tag); the others by email.
    expect(emails(page)).toEqual(
      [`alice.${tag}`, `carol.${tag}`, `dave.${tag}`, `zed.${tag.slice(0, 6)}x`].map((e) => `${e}@example.test`),
    );
    expect(page.totalCount).toBe(4);
    expect(page.pageInfo.hasNextPage).toBe(false);
    // Part of a name, in another case.
    const carol = await list({ search: `  diaz ` });
    expect(carol.edges.map((e) => e.node.id)).toContain(created[0]?.id);
    expect(carol.edges.every((e) => /diaz/i.test(e.node.name) || /diaz/i.test(e.node.email))).toBe(true);
  });

  it("matches LIKE's wildcards literally", async () => {
    const page = await list({ search: '50%_off' });
    expect(emails(page)).toEqual([`dave.${tag}@example.test`]);
    expect((await list({ search: `${tag}%` })).totalCount).toBe(0);
    expect((await list({ search: `alice_${tag}` })).totalCount).toBe(0);
  });

  it('pages with after, by email, without repeating or skipping', async () => {
    const first = await list({ search: tag, first: 3 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.totalCount).toBe(4);
    const second = await list({ search: tag, first: 3, after: first.pageInfo.endCursor });
    expect([...emails(first), ...emails(second)]).toEqual(emails(await list({ search: tag })));
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(second.totalCount).toBe(4);
  });

  it('lists every user without a search, the operator included', async () => {
    const page = await list({ first: 500 });
    expect(page.totalCount).toBeGreaterThanOrEqual(5);
    expect(emails(page)).toEqual(expect.arrayContaining(['ops@portal.test', ...created.map((u) => u.email)]));
  });

  it('refuses a malformed cursor and an overlong search with BAD_USER_INPUT', async () => {
    expectError(await app.gql(USERS, { after: 'garbage' }, { token: ops }), 'BAD_USER_INPUT', 'after');
    expectError(await app.gql(USERS, { search: 'x'.repeat(201) }, { token: ops }), 'BAD_USER_INPUT', 'search');
  });

  it('is FORBIDDEN to anyone but an operator, like organizations', async () => {
    const { admin } = await createTenant(app);
    const asAdmin = await app.gql(USERS, { search: tag }, { token: admin.token });
    expectError(asAdmin, 'FORBIDDEN');
    expect(asAdmin.data).toBeNull();
    expectError(await app.gql('{ organizations { id } }', {}, { token: admin.token }), 'FORBIDDEN');
    expectError(await app.gql(USERS, { search: tag }), 'UNAUTHENTICATED');
  });
});
