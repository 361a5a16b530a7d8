import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { type ReceivedSpan, startOtlpReceiver } from '../test/otlp-receiver';
import { httpRequest } from './support/http';
import { type PortalServer, startPortal } from './support/server';

/*
 * The production build (`next start`) with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a real OTLP/HTTP
 * receiver: health and readiness for load balancers, the JSON request log and the traces. On the
 * embedded database always, on PostgreSQL too when TEST_DATABASE_URL is set (pg's statement spans).
 */

async function admin(url: string, text: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const serverUrl = process.env.TEST_DATABASE_URL;
const databases: ['pglite' | 'postgres'][] = serverUrl ? [['pglite'], ['postgres']] : [['pglite']];

describe.each(databases)('observability of the production server on %s', (kind) => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let portal: PortalServer;
  let dropDatabase: (() => Promise<void>) | null = null;
  let databaseUrl: string | null = null;
  const gql = (query: string, variables: Record<string, unknown> = {}, token?: string) =>
    httpRequest(`${portal.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const env: Record<string, string> = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100' };
    if (kind === 'postgres' && serverUrl) {
      const name = `portal_e2e_${randomBytes(6).toString('hex')}`;
      await admin(serverUrl, `CREATE DATABASE ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      databaseUrl = env.DATABASE_URL;
      dropDatabase = () => admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
    portal = await startPortal({ env });
  }, 120_000);
  afterAll(async () => {
    await portal?.stop();
    await dropDatabase?.();
    await receiver?.close();
  });

  it('answers GET /api/health and GET /api/ready with 200, never cached, without credentials', async () => {
    const health = await httpRequest(`${portal.url}/api/health`);
    expect([health.status, JSON.parse(health.text), health.headers['cache-control']]).toEqual([200, { status: 'ok' }, 'no-store']);
    const ready = await httpRequest(`${portal.url}/api/ready`);
    expect([ready.status, JSON.parse(ready.text), ready.headers['cache-control']]).toEqual([200, { status: 'ready' }, 'no-store']);
  });

  it('logs one JSON line per request and exports spans naming the operation, with the request id', async () => {
    const signIn = await gql('mutation SignIn($e: String!, $p: String!) { signIn(email: $e, password: $p) { token user { id } } }', {
      e: portal.ops.email,
      p: portal.ops.password,
    });
    const { token, user } = (JSON.parse(signIn.text) as { data: { signIn: { token: string; user: { id: string } } } }).data.signIn;
    const probe = await gql('query Probe { viewer { user { id } } }', {}, token);
    expect(probe.status).toBe(200);
    const requestId = String(probe.headers['x-request-id']);

    const line = await waitFor(() => portal.logLines().find((l) => l.requestId === requestId), 'the request log line');
    expect(line).toEqual(
      expect.objectContaining({ msg: 'request', principal: `user:${user.id}`, operation: 'Probe', outcome: 'ok', status: 200 }),
    );
    expect(portal.logLines().filter((l) => l.requestId === requestId)).toHaveLength(1);

    const operation = await waitFor(
      () => receiver.spans.find((span) => span.name === 'query Probe' && span.attributes['portal.request.id'] === requestId),
      'the operation span',
    );
    const trace = () => receiver.spans.filter((span: ReceivedSpan) => span.traceId === operation.traceId);
    // Next.js's own span of the HTTP request (kind SERVER), carrying our request id and outcome too.
    // Next.js's own span of the HTTP request (kind SERVER) is the trace's root; its route span carries our id and outcome.
    const http = await waitFor(() => trace().find((span) => span.kind === 2 && !span.parentSpanId), 'the HTTP span');
    expect([http.name, http.attributes['http.status_code']]).toEqual(['POST /api/graphql', 200]);
    const route = trace().find((span) => span.name === 'executing api route (app) /api/graphql');
    expect(route?.attributes).toEqual(expect.objectContaining({ 'portal.request.id': requestId, 'portal.outcome': 'ok' }));
    expect(trace().find((span) => span.name === 'db.transaction')?.attributes['portal.request.id']).toBe(requestId);
    if (kind === 'postgres') {
      const statements = await waitFor(() => {
        const found = trace().filter((span) => span.name.startsWith('pg.query'));
        return found.length ? found : undefined;
      }, 'pg statement spans');
      // BEGIN … COMMIT of the request's transaction, each with the statement's text and never its values.
      expect(statements.map((span) => span.name.split(' ')[0])).toEqual(expect.arrayContaining(['pg.query:BEGIN', 'pg.query:COMMIT']));
    }
    expect(receiver.refused).toEqual([]);
    const exported = JSON.stringify(receiver.spans);
    expect(exported).not.toContain(token);
    expect(exported).not.toContain(portal.ops.password);
    expect(portal.logs()).not.toContain(portal.ops.password);
  });

  // Needs a database the test can reach beside the server, to make a statement fail: PostgreSQL.
  (kind === 'postgres' ? it : it.skip)(
    'gives an internal error one request id: body, x-request-id header, log line; and no values',
    async () => {
      if (!databaseUrl) throw new Error('no database');
      const login = await gql('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', {
        e: portal.ops.email,
        p: portal.ops.password,
      });
      const { token } = (JSON.parse(login.text) as { data: { signIn: { token: string } } }).data.signIn;
      // A genuinely failing statement: the database refuses this organization name.
      await admin(databaseUrl, "ALTER TABLE organizations ADD CONSTRAINT no_secrets CHECK (name NOT LIKE '%hunter2%')");
      const failed = await gql(
        'mutation NewOrg($n: String!) { createOrganization(input: { name: $n, currency: "EUR", package: PRO }) { id } }',
        { n: 'hunter2-secret' },
        token,
      );
      const requestId = String(failed.headers['x-request-id']);
      const [error] = (JSON.parse(failed.text) as { errors: { message: string; extensions: { code: string; requestId: string } }[] })
        .errors;
      expect(error?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId });
      const line = await waitFor(() => portal.logLines().find((l) => l.requestId === requestId), 'the error line');
      expect(line).toEqual(expect.objectContaining({ level: 'error', operation: 'NewOrg', outcome: 'internal' }));
      expect(portal.logLines().filter((l) => l.requestId === requestId || l.requestId === 'unknown')).toHaveLength(1);
      expect(portal.logs()).not.toContain('hunter2');
    },
  );
});
