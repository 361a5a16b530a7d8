import { readFileSync } from 'node:fs';
import net from 'node:net';
import { api } from './support/api';
import { type HttpResponse, httpRequest } from './support/http';
import { memberToken, opsSession, PASSWORD } from './support/portal-fixtures';
import { type PortalServer, startPortal } from './support/server';

/**
 * What a client can send the production build (`next start`) must not get past it: forwarded
 * headers that claim another address (real sockets from other loopback addresses: Linux routes all
 * of 127.0.0.0/8 to lo), bodies far over the limit, cookies that do not decode. And refusals keep
 * their code across the build's bundles: the sign-in throttle's RATE_LIMITED, the request id of
 * internal errors. Two servers: one with the defaults (TRUST_PROXY_HOPS=0) and a low rate limit, one
 * behind "one proxy".
 */

const RATE_PER_MINUTE = 30;
const GQL = '/api/graphql';
const VIEWER = '{ viewer { user { email } } }';
const CREATE_TOKEN = 'mutation($ips: [String!]) { createApplicationToken(description: "allow-listed", allowedIps: $ips) { token } }';

interface GraphQLAnswer {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string; retryAfter?: number; requestId?: string } }[];
}

/** Every way a client can claim to be 203.0.113.7 (the last: the private header the server stamps). */
const FORGED: Record<string, string>[] = [
  { 'x-forwarded-for': '203.0.113.7' },
  { 'x-forwarded-for': '127.0.0.1, 203.0.113.7' },
  { 'x-forwarded-for': '::ffff:203.0.113.7' },
  { 'x-real-ip': '203.0.113.7' },
  { forwarded: 'for=203.0.113.7' },
  { 'x-portal-client-address': '203.0.113.7' },
];

function post(portal: PortalServer, body: unknown, headers: Record<string, string> = {}, from?: string): Promise<HttpResponse> {
  return httpRequest(`${portal.url}${GQL}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    localAddress: from,
  });
}

const answer = (response: HttpResponse) => JSON.parse(response.text) as GraphQLAnswer;
const codeOf = (response: HttpResponse) => answer(response).errors?.[0]?.extensions?.code ?? 'OK';

interface Fixture {
  /** Two application tokens of one Administrator: one allow-listed for 203.0.113.7, one for 127.0.0.2. */
  forOther: string;
  forSocket: string;
  /** A new member of the Workspace (sign-in tests each need one: failures also count per email). */
  newMember(): Promise<string>;
}

async function seed(portal: PortalServer): Promise<Fixture> {
  const ops = await opsSession(portal);
  const workspace = await ops.workspace(await ops.organization('Edge GmbH', 'EUR', 'PRO'), 'Edge');
  const newMember = async () => {
    const member = await ops.user('Edge Admin');
    await ops.member(workspace.id, member.id, 'ADMINISTRATOR');
    return member.email;
  };
  const session = await memberToken(portal, await newMember());
  const create = async (ip: string) =>
    (await api<{ createApplicationToken: { token: string } }>(portal.url, CREATE_TOKEN, { ips: [ip] }, session)).createApplicationToken
      .token;
  return { forOther: await create('203.0.113.7'), forSocket: await create('127.0.0.2'), newMember };
}

const viewerAs = async (portal: PortalServer, token: string, headers: Record<string, string>, from: string) =>
  codeOf(await post(portal, { query: VIEWER }, { authorization: `Bearer ${token}`, ...headers }, from));

/** A browser sign-in through next-auth's own endpoints (CSRF token, then the credentials callback). */
async function browserSignIn(portal: PortalServer, email: string, password: string, headers: Record<string, string>, from: string) {
  const csrf = await httpRequest(`${portal.url}/api/auth/csrf`, { localAddress: from });
  const csrfCookie = cookiesOf(csrf);
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const response = await httpRequest(`${portal.url}/api/auth/callback/credentials`, {
    method: 'POST',
    localAddress: from,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie, ...headers },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
  });
  const url = new URL((JSON.parse(response.text) as { url: string }).url);
  return { error: url.searchParams.get('error'), cookie: cookiesOf(response) };
}

function cookiesOf(response: HttpResponse): string {
  return (response.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0]).join('; ');
}

/**
 * POSTs `bytes` of body (Content-Length declared, or chunked) over a raw socket and tells, when the
 * answer's status line arrives, how much of the body had been handed to the socket: a server that
 * buffers the body answers only after all of it; one that refuses while streaming, after about the
 * limit plus socket buffers. (Node's HTTP client can report the EPIPE of its next write before the
 * answer it already received, so it is not used here.)
 */
function postLarge(portal: PortalServer, bytes: number, declared: boolean): Promise<{ status: number; sentBeforeAnswer: number }> {
  const { hostname, port } = new URL(portal.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const piece = declared ? chunk : Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    let sent = 0;
    let head = '';
    socket.on('data', (data: Buffer) => {
      head += data.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
      if (!status) return;
      resolve({ status: Number(status), sentBeforeAnswer: sent });
      socket.destroy();
    });
    socket.on('error', (error) => {
      if (!head) reject(error);
    });
    const framing = declared ? `content-length: ${bytes}` : 'transfer-encoding: chunked';
    socket.write(`POST ${GQL} HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\n${framing}\r\n\r\n`);
    const write = () => {
      while (sent < bytes && !head) {
        sent += chunk.length;
        if (!socket.write(piece)) return void socket.once('drain', write);
      }
      if (!declared && !head) socket.write('0\r\n\r\n');
    };
    write();
  });
}

const rssBytes = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

describe('the production build refuses what a client forges (TRUST_PROXY_HOPS=0)', () => {
  let portal: PortalServer;
  let fixture: Fixture;

  beforeAll(async () => {
    portal = await startPortal({ env: { TRUST_PROXY_HOPS: '0', RATE_LIMIT_PER_MINUTE: String(RATE_PER_MINUTE) } });
    fixture = await seed(portal);
  }, 120_000);
  afterAll(() => portal?.stop());

  it('checks allow-lists against the socket address, whatever forwarded headers claim', async () => {
    for (const forged of FORGED) {
      expect([forged, await viewerAs(portal, fixture.forOther, forged, '127.0.0.2')]).toEqual([forged, 'UNAUTHENTICATED']);
      expect([forged, await viewerAs(portal, fixture.forSocket, forged, '127.0.0.2')]).toEqual([forged, 'OK']);
    }
  });

  it('counts anonymous callers by socket address: rotating X-Forwarded-For does not escape the limit', async () => {
    const codes: string[] = [];
    for (let i = 0; i < RATE_PER_MINUTE + 5; i++) {
      const forged = { 'x-forwarded-for': `198.51.100.${i}`, 'x-real-ip': `198.51.100.${i}` };
      const response = await post(portal, { query: '{ __typename }' }, forged, '127.0.0.3');
      codes.push(response.status === 429 ? 'RATE_LIMITED' : codeOf(response));
    }
    expect(codes.slice(0, RATE_PER_MINUTE - 5).every((code) => code === 'OK')).toBe(true);
    expect(codes.slice(-3)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(codeOf(await post(portal, { query: '{ __typename }' }, {}, '127.0.0.4'))).toBe('OK');
  });

  it('throttles API sign-ins by socket address: the 6th wrong password answers 429 RATE_LIMITED with Retry-After', async () => {
    const email = await fixture.newMember();
    const attempt = (i: number) =>
      post(
        portal,
        { query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', variables: { e: email, p: 'wrong' } },
        { 'x-forwarded-for': `198.51.100.${i}` },
        '127.0.0.5',
      );
    for (let i = 0; i < 5; i++) expect(codeOf(await attempt(i))).toBe('UNAUTHENTICATED');
    const sixth = await attempt(5);
    expect(sixth.status).toBe(429);
    const error = answer(sixth).errors?.[0];
    expect(error?.extensions?.code).toBe('RATE_LIMITED');
    expect(error?.extensions?.retryAfter).toBeGreaterThan(0);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles browser sign-ins (next-auth) by socket address too', async () => {
    const from = '127.0.0.6';
    const email = await fixture.newMember();
    for (let i = 0; i < 5; i++) {
      const { error } = await browserSignIn(portal, email, 'wrong', { 'x-forwarded-for': `198.51.100.${i}` }, from);
      expect(error).toBe('Wrong email or password.');
    }
    const sixth = await browserSignIn(portal, email, PASSWORD, { 'x-forwarded-for': '198.51.100.99' }, from);
    expect(sixth.error).toMatch(/^Too many failed sign-ins/);
  });

  it('reads the session cookie beside a cookie that does not decode (theme=100%)', async () => {
    const email = await fixture.newMember();
    const { error, cookie } = await browserSignIn(portal, email, PASSWORD, {}, '127.0.0.7');
    expect(error).toBeNull();
    expect(cookie).toContain('next-auth.session-token=');
    const viewer = await post(portal, { query: VIEWER }, { cookie: `theme=100%; ${cookie}` }, '127.0.0.7');
    expect(viewer.status).toBe(200);
    expect(answer(viewer).data).toEqual({ viewer: { user: { email } } });
    const csv = await httpRequest(`${portal.url}/api/reports/daily.csv`, { headers: { cookie: `${cookie}; theme=100%` } });
    expect(csv.status).toBe(200);
    expect(csv.text).toMatch(/^workspace_id,/);
  });

  it('gives internal errors the request id of the X-Request-Id header', async () => {
    // A NUL character reached PostgreSQL and failed there (internal); the input checks may now refuse
    // it as BAD_USER_INPUT. Either way, an error that names a request id names this request's.
    const response = await post(portal, {
      query: 'mutation($e: String!) { signIn(email: $e, password: "x") { token } }',
      variables: { e: 'nul\u0000@example.test' },
    });
    const requestId = response.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const error = answer(response).errors?.[0];
    expect(['INTERNAL_SERVER_ERROR', 'BAD_USER_INPUT']).toContain(error?.extensions?.code);
    if (error?.extensions?.code === 'INTERNAL_SERVER_ERROR') expect(error.extensions.requestId).toBe(requestId);
  });

  it('refuses 50 MB bodies (413) while they stream in, without buffering them', async () => {
    const MB = 1024 * 1024;
    const before = rssBytes(portal.pid);
    for (let i = 0; i < 6; i++) {
      const { status, sentBeforeAnswer } = await postLarge(portal, 50 * MB, i % 2 === 0);
      expect(status).toBe(413);
      // The limit is 4 MB; loopback socket buffers hold a few more. Reading it all would take 50.
      expect(sentBeforeAnswer).toBeLessThan(25 * MB);
    }
    // Buffering would hold each 50 MB body (and its string copy); a generous bound for everything else.
    expect(rssBytes(portal.pid) - before).toBeLessThan(100 * MB);
    expect(codeOf(await post(portal, { query: '{ __typename }' }, {}, '127.0.0.8'))).toBe('OK');
  });
});

describe('behind one proxy (TRUST_PROXY_HOPS=1)', () => {
  let portal: PortalServer;
  let fixture: Fixture;

  beforeAll(async () => {
    portal = await startPortal({ env: { TRUST_PROXY_HOPS: '1' } });
    fixture = await seed(portal);
  }, 120_000);
  afterAll(() => portal?.stop());

  it('takes the address the proxy appended, never one the client wrote before it', async () => {
    // The "proxy" at 127.0.0.2 appends its client, 203.0.113.7, to what the client sent.
    const proxied = { 'x-forwarded-for': '127.0.0.2, 203.0.113.7' };
    expect(await viewerAs(portal, fixture.forOther, proxied, '127.0.0.2')).toBe('OK');
    expect(await viewerAs(portal, fixture.forSocket, proxied, '127.0.0.2')).toBe('UNAUTHENTICATED');
    const clientForged = { 'x-forwarded-for': '203.0.113.7, 198.51.100.1' };
    expect(await viewerAs(portal, fixture.forOther, clientForged, '127.0.0.2')).toBe('UNAUTHENTICATED');
    expect(await viewerAs(portal, fixture.forOther, { 'x-forwarded-for': '::ffff:203.0.113.7' }, '127.0.0.2')).toBe('OK');
  });
});
