import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleGraphQL } from '../src/graphql/handler';
import { readConfig } from '../src/server/config';
import { stampClientAddress } from '../src/server/peer-address';
import type { Runtime } from '../src/server/runtime';

/**
 * Serves the real GraphQL handler over HTTP on a free loopback port, the way the portal's server
 * calls it (each request stamped with its socket's address, as src/server/peer-address.ts does under
 * `next start`), for tests that need a real client: curl in the documentation examples, a typed
 * client, several processes.
 */
export async function startHttpServer(runtime: Runtime): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    void toRequest(req)
      .then((request) =>
        req.url === '/api/graphql' && req.method === 'POST' ? handleGraphQL(request, runtime) : new Response('Not found', { status: 404 }),
      )
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function toRequest(req: IncomingMessage): Promise<Request> {
  stampClientAddress(req, readConfig().trustProxyHops);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(key, value);
    else if (Array.isArray(value)) headers.set(key, value.join(', '));
  }
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  return new Request(`http://${headers.get('host') ?? 'localhost'}${req.url ?? '/'}`, { method: req.method, headers, body });
}
