import { sql } from 'drizzle-orm';
import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import { statementCount } from '../../../test/db';
import { addMember, createTenant, createWorkspace, memberWithRole } from '../../../test/factories';
import { fromAddress } from '../../../test/limits';
import { queryRows } from '../../db/rows';

const CREATE =
  'mutation($d: String!, $e: DateTime, $ips: [String!]) { createApplicationToken(description: $d, expiresAt: $e, allowedIps: $ips) { token applicationToken { id prefix description allowedIps expiresAt status createdBy { id } } } }';
const REVOKE = 'mutation($id: ID!) { revokeApplicationToken(id: $id) }';
const LIST =
  'query($all: Boolean) { applicationTokens(includeRevoked: $all) { totalCount edges { node { id prefix status createdBy { id } } } } }';
const VIEWER = '{ viewer { role activeWorkspace { id } } }';

type Created = {
  createApplicationToken: {
    token: string;
    applicationToken: { id: string; prefix: string; allowedIps: string[]; status: string; createdBy: { id: string } };
  };
};
type Listed = {
  applicationTokens: { totalCount: number; edges: { node: { id: string; prefix: string; status: string; createdBy: { id: string } } }[] };
};

describe('application tokens', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  async function create(token: string, variables: Record<string, unknown> = {}) {
    return expectData(await app.gql<Created>(CREATE, { d: 'CI pipeline', ...variables }, { token })).createApplicationToken;
  }
  const viewerWith = (secret: string, ip?: string) =>
    app.gql<{ viewer: { role: string; activeWorkspace: { id: string } } }>(
      VIEWER,
      {},
      { token: secret, headers: ip ? fromAddress(ip) : {} },
    );

  it('shows the secret once, stores only its hash, and works as a Bearer token in its Workspace', async () => {
    const { workspace, admin } = await createTenant(app);
    const created = await create(admin.token);
    expect(created.token).toMatch(/^iotp_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(created.applicationToken.prefix)).toBe(true);
    expect(created.applicationToken).toMatchObject({ status: 'ACTIVE', createdBy: { id: admin.id } });
    const rows = await queryRows<{ secret_hash: string }>(
      app.database.db,
      sql`SELECT * FROM application_tokens WHERE id = ${created.applicationToken.id}`,
    );
    expect(JSON.stringify(rows)).not.toContain(created.token.slice(5));
    expect(rows[0]?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    // Listing never shows the secret: the API has no field for it, only the prefix.
    const listed = expectData(await app.gql<Listed>(LIST, {}, { token: admin.token }));
    expect(listed.applicationTokens.edges.map((e) => e.node.prefix)).toEqual([created.applicationToken.prefix]);
    const viewer = expectData(await viewerWith(created.token)).viewer;
    expect(viewer).toEqual({ role: 'ADMINISTRATOR', activeWorkspace: { id: workspace.id } });
  });

  it("acts with its creator's current role, and stops when the creator loses access", async () => {
    const { workspace, admin } = await createTenant(app);
    const user = await memberWithRole(app, workspace.id, 'USER');
    const { token } = await create(user.token);
    expect(expectData(await viewerWith(token)).viewer.role).toBe('USER');
    expectData(
      await app.gql('mutation($u: ID!) { setUserRole(userId: $u, role: OBSERVER) { role } }', { u: user.id }, { token: admin.token }),
    );
    expect(expectData(await viewerWith(token)).viewer.role).toBe('OBSERVER');
    expectData(
      await app.gql(
        'mutation($u: ID!) { setUserStatus(userId: $u, status: SUSPENDED) { status } }',
        { u: user.id },
        { token: admin.token },
      ),
    );
    expectError(await viewerWith(token), 'UNAUTHENTICATED');
  });

  it('cannot switch Workspaces, reach other Workspaces, create tokens, or act as an operator', async () => {
    const { org, admin } = await createTenant(app);
    const second = await createWorkspace(app, org.id);
    await addMember(app, second.id, admin.id, 'ADMINISTRATOR');
    const { token } = await create(admin.token);
    expectError(
      await app.gql('mutation($w: ID!) { switchWorkspace(workspaceId: $w) { token } }', { w: second.id }, { token }),
      'FORBIDDEN',
    );
    const listed = expectData(
      await app.gql<{ workspaces: { workspace: { id: string } }[] }>('{ workspaces { workspace { id } } }', {}, { token }),
    );
    expect(listed.workspaces).toHaveLength(1);
    expect(
      expectData(await app.gql<{ workspace: null }>('query($id: ID!) { workspace(id: $id) { id } }', { id: second.id }, { token }))
        .workspace,
    ).toBeNull();
    expectError(await app.gql(CREATE, { d: 'child' }, { token }), 'FORBIDDEN');
  });

  it('expires', async () => {
    const { admin } = await createTenant(app);
    expectError(await app.gql(CREATE, { d: 'past', e: '2020-01-01T00:00:00Z' }, { token: admin.token }), 'BAD_USER_INPUT', 'expiresAt');
    const created = await create(admin.token, { e: new Date(Date.now() + 60_000).toISOString() });
    expectData(await viewerWith(created.token));
    await app.database.db.execute(
      sql`UPDATE application_tokens SET expires_at = now() - interval '1 second' WHERE id = ${created.applicationToken.id}`,
    );
    expectError(await viewerWith(created.token), 'UNAUTHENTICATED');
    const listed = expectData(await app.gql<Listed>(LIST, {}, { token: admin.token }));
    expect(listed.applicationTokens.edges.find((e) => e.node.id === created.applicationToken.id)?.node.status).toBe('EXPIRED');
  });

  it('honours the IP allow-list: single addresses and CIDR ranges, IPv4 and IPv6', async () => {
    const { admin } = await createTenant(app);
    const created = await create(admin.token, { ips: ['203.0.113.7', '10.0.0.0/8', '2001:db8::/32', '::1'] });
    expect(created.applicationToken.allowedIps).toEqual(['203.0.113.7', '10.0.0.0/8', '2001:db8::/32', '::1']);
    for (const ip of ['203.0.113.7', '10.200.3.4', '::ffff:10.1.1.1', '2001:db8:1::5', '::1'])
      expectData(await viewerWith(created.token, ip));
    for (const ip of ['203.0.113.8', '11.0.0.1', '2001:db9::1', '::2']) expectError(await viewerWith(created.token, ip), 'UNAUTHENTICATED');
    expectError(await viewerWith(created.token), 'UNAUTHENTICATED'); // no address known: refused
    for (const bad of ['300.1.1.1', '10.0.0.0/33', 'example.com', '2001:db8::/129']) {
      expectError(await app.gql(CREATE, { d: 'x', ips: [bad] }, { token: admin.token }), 'BAD_USER_INPUT', 'allowedIps');
    }
  });

  it('checks the allow-list against the address the server stamped, never a forwarded header the client wrote', async () => {
    const { admin } = await createTenant(app);
    const { token } = await create(admin.token, { ips: ['203.0.113.7'] });
    const forgeries: Record<string, string>[] = [
      { 'x-forwarded-for': '203.0.113.7' },
      { 'x-forwarded-for': '127.0.0.1, 203.0.113.7' },
      { 'x-forwarded-for': '::ffff:203.0.113.7' },
      { 'x-real-ip': '203.0.113.7' },
      { forwarded: 'for=203.0.113.7' },
      // The private header itself, without the process's key (src/server/client-ip.ts):
      { 'x-portal-client-address': '203.0.113.7' },
      { 'x-portal-client-address': 'guessed-key 203.0.113.7' },
    ];
    for (const forged of forgeries) {
      expectError(await app.gql(VIEWER, {}, { token, headers: forged }), 'UNAUTHENTICATED');
      expectError(await app.gql(VIEWER, {}, { token, headers: { ...forged, ...fromAddress('127.0.0.2') } }), 'UNAUTHENTICATED');
    }
    expectData(await app.gql(VIEWER, {}, { token, headers: { ...fromAddress('::ffff:203.0.113.7'), 'x-forwarded-for': '127.0.0.9' } }));
  });

  it('revokes at once: own tokens for everyone, any token for Administrators; audit events for both', async () => {
    const { workspace, admin } = await createTenant(app);
    const user = await memberWithRole(app, workspace.id, 'USER');
    const observer = await memberWithRole(app, workspace.id, 'OBSERVER');
    const mine = await create(observer.token);
    const users = await create(user.token);
    const admins = await create(admin.token);
    // Observers create and revoke their own.
    expect(
      expectData(await app.gql<{ revokeApplicationToken: boolean }>(REVOKE, { id: mine.applicationToken.id }, { token: observer.token }))
        .revokeApplicationToken,
    ).toBe(true);
    expectError(await viewerWith(mine.token), 'UNAUTHENTICATED');
    // Users may not revoke someone else's.
    expectError(await app.gql(REVOKE, { id: admins.applicationToken.id }, { token: user.token }), 'FORBIDDEN');
    // Users list only their own; Administrators all.
    const userList = expectData(await app.gql<Listed>(LIST, {}, { token: user.token }));
    expect(userList.applicationTokens.edges.map((e) => e.node.id)).toEqual([users.applicationToken.id]);
    const adminList = expectData(await app.gql<Listed>(LIST, { all: true }, { token: admin.token }));
    expect(adminList.applicationTokens.totalCount).toBe(3);
    expectData(await app.gql(REVOKE, { id: users.applicationToken.id }, { token: admin.token }));
    expectError(await viewerWith(users.token), 'UNAUTHENTICATED');
    const events = expectData(
      await app.gql<{ auditEvents: { edges: { node: { action: string } }[] } }>(
        '{ auditEvents(first: 50) { edges { node { action } } } }',
        {},
        { token: admin.token },
      ),
    );
    const actions = events.auditEvents.edges.map((e) => e.node.action);
    expect(actions.filter((a) => a === 'application_token.created')).toHaveLength(3);
    expect(actions.filter((a) => a === 'application_token.revoked')).toHaveLength(2);
  });

  it("keeps Workspaces apart: another Workspace's token id is NOT_FOUND and never listed", async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    const theirs = await create(b.admin.token);
    expectError(await app.gql(REVOKE, { id: theirs.applicationToken.id }, { token: a.admin.token }), 'NOT_FOUND', 'id');
    expectError(await app.gql(REVOKE, { id: 'not-a-uuid' }, { token: a.admin.token }), 'NOT_FOUND', 'id');
    const listed = expectData(await app.gql<Listed>(LIST, { all: true }, { token: a.admin.token }));
    expect(listed.applicationTokens.edges.map((e) => e.node.id)).not.toContain(theirs.applicationToken.id);
    // The token still works: the failed revoke changed nothing.
    expectData(await viewerWith(theirs.token));
  });

  it('pages newest first with stable cursors', async () => {
    const { admin } = await createTenant(app);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create(admin.token, { d: `token ${i}` })).applicationToken.id);
    const page = (after?: string) =>
      app.gql<{ applicationTokens: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
        'query($a: String) { applicationTokens(first: 2, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
        { a: after },
        { token: admin.token },
      );
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const data = expectData(await page(after)).applicationTokens;
      seen.push(...data.edges.map((e) => e.node.id));
      if (!data.pageInfo.hasNextPage) break;
      after = data.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids].reverse());
    expectError(await app.gql('{ applicationTokens(first: 501) { totalCount } }', {}, { token: admin.token }), 'BAD_USER_INPUT', 'first');
    // A garbage but well-formed cursor (base64url JSON of the right shape) was once an internal error.
    const forged = Buffer.from(JSON.stringify(['not a date', 'not an id'])).toString('base64url');
    for (const bad of ['garbage', forged]) expectError(await page(bad), 'BAD_USER_INPUT', 'after');
  });

  it('costs as many statements for a page of 12 tokens as for a page of 2', async () => {
    const { workspace, admin } = await createTenant(app);
    const users = [admin, await memberWithRole(app, workspace.id, 'USER'), await memberWithRole(app, workspace.id, 'OBSERVER')];
    for (let i = 0; i < 12; i++) await create(users[i % users.length]?.token ?? admin.token, { d: `token ${i}` });
    const statementsFor = async (first: number) => {
      const before = statementCount();
      const data = expectData(
        await app.gql<Listed>(
          'query($n: Int) { applicationTokens(first: $n) { totalCount edges { node { id status createdBy { id email } } } } }',
          { n: first },
          { token: admin.token },
        ),
      );
      return { statements: statementCount() - before, edges: data.applicationTokens.edges.length };
    };
    const small = await statementsFor(2);
    const large = await statementsFor(12);
    expect([small.edges, large.edges]).toEqual([2, 12]);
    expect(large.statements).toBe(small.statements);
    // The count is real: the transaction, the page, the count and the creators.
    expect(small.statements).toBeGreaterThan(4);
  });

  it('needs a description', async () => {
    const { admin } = await createTenant(app);
    expectError(await app.gql(CREATE, { d: '  ' }, { token: admin.token }), 'BAD_USER_INPUT', 'description');
    expectError(await app.gql(CREATE, { d: 'x'.repeat(201) }, { token: admin.token }), 'BAD_USER_INPUT', 'description');
  });
});

describe('application token "last used"', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('is set on use, and not rewritten on every request', async () => {
    const { admin } = await createTenant(app);
    const created = expectData(await app.gql<Created>(CREATE, { d: 'poller' }, { token: admin.token })).createApplicationToken;
    const lastUsed = async () =>
      (
        await queryRows<{ last_used_at: Date | string | null }>(
          app.database.db,
          sql`SELECT last_used_at FROM application_tokens WHERE id = ${created.applicationToken.id}`,
        )
      )[0]?.last_used_at ?? null;
    expect(await lastUsed()).toBeNull();
    expectData(await app.gql(VIEWER, {}, { token: created.token }));
    const first = await lastUsed();
    expect(first).not.toBeNull();
    for (let i = 0; i < 5; i++) expectData(await app.gql(VIEWER, {}, { token: created.token }));
    expect(String(await lastUsed())).toBe(String(first));
    const listed = expectData(
      await app.gql<{ applicationTokens: { edges: { node: { lastUsedAt: string | null } }[] } }>(
        '{ applicationTokens { edges { node { lastUsedAt } } } }',
        {},
        { token: admin.token },
      ),
    );
    expect(listed.applicationTokens.edges[0]?.node.lastUsedAt).not.toBeNull();
  });
});
