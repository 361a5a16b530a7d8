import { sql } from 'drizzle-orm';
import { handleDailyCsv } from '../src/features/reports/csv';
import { handleGraphQL } from '../src/graphql/handler';
import { createTestApp, expectData, expectError, type TestApp } from './app';
import { createTenant, PASSWORD, unique } from './factories';
import type { LogLine } from './logs';

/** Every string anywhere in a log line, with where it is. */
function strings(value: unknown, path = ''): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => strings(item, `${path}.${key}`));
  return [];
}

/** The bound of src/server/safe-error.ts, plus its "…[N more]" marker. */
const LONGEST = 200 + '…[1000000 more]'.length;

describe('the request log', () => {
  let app: TestApp;
  let tenant: Awaited<ReturnType<typeof createTenant>>;
  const requestLines = (): LogLine[] => app.logs.lines().filter((line) => line.msg === 'request' || line.msg === 'request failed');
  const linesOf = (requestId: string | null) => app.logs.lines().filter((line) => line.requestId === requestId);

  beforeAll(async () => {
    app = await createTestApp();
    tenant = await createTenant(app);
  });
  beforeEach(() => app.logs.clear());
  afterAll(async () => {
    await app.close();
  });

  it('writes exactly one line per GraphQL request: id, principal, Workspace, operation, duration, outcome, status', async () => {
    const result = await app.gql('query Dashboard { viewer { user { id } } }', {}, { token: tenant.admin.token });
    expectData(result);
    const requestId = result.headers.get('x-request-id');
    expect(requestLines()).toHaveLength(1);
    expect(linesOf(requestId)).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request',
        requestId,
        method: 'POST',
        path: '/api/graphql',
        principal: `user:${tenant.admin.id}`,
        workspaceId: tenant.workspace.id,
        operation: 'Dashboard',
        operationType: 'query',
        outcome: 'ok',
        status: 200,
      }),
    ]);
    expect(typeof linesOf(requestId)[0]?.durationMs).toBe('number');
    expect(app.logs.text()).not.toContain(tenant.admin.token);
  });

  it('names an application token by its id, never its secret, and an anonymous caller as anonymous', async () => {
    const created = expectData(
      await app.gql<{ createApplicationToken: { token: string; applicationToken: { id: string } } }>(
        'mutation { createApplicationToken(description: "log test") { token applicationToken { id } } }',
        {},
        { token: tenant.admin.token },
      ),
    ).createApplicationToken;
    app.logs.clear();
    expectData(await app.gql('query Integrator { viewer { user { id } } }', {}, { token: created.token }));
    const stranger = await app.gql('query Stranger { viewer { user { id } } }');
    expectError(stranger, 'UNAUTHENTICATED');
    expect(requestLines().map((line) => [line.operation, line.principal, line.outcome, line.status])).toEqual([
      ['Integrator', `token:${created.applicationToken.id}`, 'ok', 200],
      ['Stranger', 'anonymous', 'UNAUTHENTICATED', stranger.status],
    ]);
    expect(app.logs.text()).not.toContain(created.token);
  });

  it('gives the outcome of a failed operation as its error code', async () => {
    const result = await app.gql('mutation Promote($u: ID!) { setUserRole(userId: $u, role: USER) { role } }', {
      u: '00000000-0000-4000-8000-000000000000',
    });
    expectError(result, 'UNAUTHENTICATED');
    const signedIn = await app.gql(
      'mutation Promote($u: ID!) { setUserRole(userId: $u, role: USER) { role } }',
      { u: '00000000-0000-4000-8000-000000000000' },
      { token: tenant.admin.token },
    );
    expectError(signedIn, 'NOT_FOUND');
    expect(requestLines().map((line) => [line.operation, line.operationType, line.outcome, line.status])).toEqual([
      ['Promote', 'mutation', 'UNAUTHENTICATED', result.status],
      ['Promote', 'mutation', 'NOT_FOUND', 200],
    ]);
  });

  it('logs the plain routes from the same pipeline, and bodies refused before it', async () => {
    const response = await handleDailyCsv(new Request('http://portal.test/api/reports/daily.csv'), app.runtime);
    expect(response.status).toBe(401);
    const notJson = await handleGraphQL(new Request('http://portal.test/api/graphql', { method: 'POST', body: '{' }), app.runtime);
    expect(notJson.status).toBe(400);
    expect(requestLines().map((line) => [line.path, line.principal, line.outcome, line.status, line.requestId])).toEqual([
      ['/api/reports/daily.csv', 'anonymous', 'UNAUTHENTICATED', 401, response.headers.get('x-request-id')],
      ['/api/graphql', 'anonymous', 'BAD_USER_INPUT', 400, notJson.headers.get('x-request-id')],
    ]);
  });

  it('never logs a password, even of a sign-in that failed', async () => {
    const secret = 'hunter2-secret';
    expectError(
      await app.gql('mutation SignIn($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', {
        e: `${unique('nobody')}@example.test`,
        p: secret,
      }),
      'UNAUTHENTICATED',
    );
    expect(requestLines()).toHaveLength(1);
    expect(app.logs.text()).not.toContain(secret);
  });

  it('bounds long values: a huge operation name is cut to a prefix', async () => {
    const name = `Q${'x'.repeat(5000)}`;
    expectData(await app.gql(`query ${name} { viewer { user { id } } }`, {}, { token: tenant.admin.token }));
    const [line] = requestLines();
    expect(String(line?.operation)).toMatch(/^Qx{199}…\[4801 more\]$/);
    expect(app.logs.text()).not.toContain('x'.repeat(300));
  });
});

describe('an internal error in the log', () => {
  let app: TestApp;
  let tenant: Awaited<ReturnType<typeof createTenant>>;
  const SECRET = 'hunter2-secret';

  beforeAll(async () => {
    app = await createTestApp();
    tenant = await createTenant(app);
    // A genuinely failing statement: the database refuses this device name (as the owner, outside any
    // request). PostgreSQL's error then carries the row, Drizzle's the bind parameters.
    await app.database.db.execute(sql.raw(`ALTER TABLE endpoints ADD CONSTRAINT no_secrets CHECK (name NOT LIKE '%${SECRET}%')`));
  });
  beforeEach(() => app.logs.clear());
  afterAll(async () => {
    await app.close();
  });

  it('is one error line with the request id the client got, scrubbed of bind parameters, values and secrets', async () => {
    const name = `${SECRET}-${'y'.repeat(150)}`;
    const result = await app.gql(
      'mutation AddDevice($name: String!, $tags: [String!]) { createEndpoint(input: { name: $name, tags: $tags }) { id } }',
      { name, tags: ['token-abcdef123456', 'z'.repeat(64)] },
      { token: tenant.admin.token },
    );
    const error = expectError(result, 'INTERNAL_SERVER_ERROR');
    const requestId = result.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.extensions?.requestId).toBe(requestId);
    expect(error.message).toBe(`Internal server error (request id ${requestId}).`);

    const lines = app.logs.lines();
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toEqual(
      expect.objectContaining({
        level: 'error',
        requestId,
        principal: `user:${tenant.admin.id}`,
        operation: 'AddDevice',
        outcome: 'internal',
        status: 200,
      }),
    );
    // The error and its cause are there, as far as they are harmless: type, code, constraint, a prefix of the query, frames.
    const err = line?.err as { message: string; query?: string; stack?: string[]; cause?: { code?: string; constraint?: string } };
    expect(err.message).toBe('Failed query');
    expect(err.query).toMatch(/^insert into "endpoints"/i);
    expect(err.stack?.length).toBeGreaterThan(0);
    expect(err.cause).toEqual(expect.objectContaining({ code: '23514', constraint: 'no_secrets' }));
    // Never a bind parameter (the name, the tags), never the row PostgreSQL quoted, never a long value.
    const text = app.logs.text();
    for (const value of [SECRET, 'token-abcdef123456', 'z'.repeat(64), 'yyyyyyyyyy']) expect(text).not.toContain(value);
    expect(text).not.toMatch(/"params"|"detail"|Failing row/);
    for (const { path, text: value } of strings(line)) {
      if (value.length > LONGEST) throw new Error(`${path} is ${value.length} characters long`);
    }
  });
});

describe('when the database is gone', () => {
  it('answers 500 with the request id of the header, the body and the log line', async () => {
    const app = await createTestApp();
    try {
      const { admin } = await createTenant(app);
      await app.database.close();
      app.logs.clear();
      const result = await app.gql('query Dashboard { viewer { user { id } } }', {}, { token: admin.token });
      expect(result.status).toBe(500);
      const error = expectError(result, 'INTERNAL_SERVER_ERROR');
      const requestId = result.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(error.extensions?.requestId).toBe(requestId);
      expect(app.logs.lines()).toEqual([
        expect.objectContaining({
          level: 'error',
          msg: 'request failed',
          requestId,
          outcome: 'internal',
          status: 500,
          err: expect.objectContaining({ message: expect.any(String) }),
        }),
      ]);
      expect(app.logs.text()).not.toContain(admin.token);
      expect(app.logs.text()).not.toContain(PASSWORD);
    } finally {
      await app.runtime.apollo.stop();
    }
  });
});
