import { httpRequest } from '../e2e/support/http';
import { createTestApp, expectData, type TestApp } from './app';
import { createTenant } from './factories';
import { startHttpServer } from './http-server';

const CREATE = 'mutation($ips: [String!]) { createApplicationToken(description: "allow-listed", allowedIps: $ips) { token } }';
const VIEWER = '{ viewer { role } }';

/** Forwarded headers a client can write; the portal must not believe any of them (TRUST_PROXY_HOPS=0). */
const FORGED_HEADERS: Record<string, string>[] = [
  { 'x-forwarded-for': '203.0.113.7' },
  { 'x-forwarded-for': '127.0.0.1, 203.0.113.7' },
  { 'x-forwarded-for': '::ffff:203.0.113.7' },
  { 'x-real-ip': '203.0.113.7' },
  { 'x-portal-client-address': '203.0.113.7' },
];

/**
 * The client's address comes from the socket: real connections from 127.0.0.2 (Linux routes all of
 * 127.0.0.0/8 to the loopback interface) carrying forged forwarded headers. Through `next start`:
 * e2e/client-address.test.ts.
 */
describe('the client address over a real socket', () => {
  let app: TestApp;
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let forOther: string;
  let forSocket: string;

  beforeAll(async () => {
    app = await createTestApp();
    server = await startHttpServer(app.runtime);
    const { admin } = await createTenant(app);
    const create = async (ip: string) =>
      expectData(await app.gql<{ createApplicationToken: { token: string } }>(CREATE, { ips: [ip] }, { token: admin.token }))
        .createApplicationToken.token;
    forOther = await create('203.0.113.7');
    forSocket = await create('127.0.0.2');
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  const viewer = async (token: string, headers: Record<string, string>) => {
    const response = await httpRequest(`${server.url}/api/graphql`, {
      method: 'POST',
      localAddress: '127.0.0.2',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ query: VIEWER }),
    });
    return (JSON.parse(response.text) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code ?? 'OK';
  };

  it.each(FORGED_HEADERS)('is the socket peer, whatever the client forwards: %o', async (forged) => {
    expect(await viewer(forOther, forged)).toBe('UNAUTHENTICATED');
    expect(await viewer(forSocket, forged)).toBe('OK');
  });
});
