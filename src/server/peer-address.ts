import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { CLIENT_ADDRESS_HEADER, clientAddressHeaderValue, clientAddressOf } from './client-ip';
import { processSingleton } from './process-singleton';

/** Events whose first argument is an incoming request (checkContinue: `Expect: 100-continue`). */
const REQUEST_EVENTS: ReadonlySet<string | symbol> = new Set(['request', 'checkContinue', 'checkExpectation']);

/**
 * Stamps every request this process's HTTP(S) servers receive with the client's address, computed
 * from the socket (src/server/client-ip.ts, clientAddressOf), in CLIENT_ADDRESS_HEADER, replacing any
 * value the client sent. Next.js gives route handlers no access to the socket (and puts a client's
 * own X-Forwarded-For through unchanged), so the address is taken where the request arrives: in the
 * servers' `emit`, before any listener (Next's) sees it. Installed once, from the instrumentation
 * hook (src/instrumentation.ts), which runs in the process that serves the requests.
 */
export function installPeerAddress(hops: number): void {
  processSingleton('peerAddressInstalled', () => {
    for (const prototype of [http.Server.prototype, https.Server.prototype]) wrapEmit(prototype, hops);
    return true;
  });
}

/** Sets the request's client address header from its socket (and X-Forwarded-For behind `hops` proxies). */
export function stampClientAddress(request: IncomingMessage, hops: number): void {
  const address = clientAddressOf(request.headers['x-forwarded-for'], request.socket?.remoteAddress, hops);
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddressHeaderValue(address);
}

function wrapEmit(prototype: http.Server | https.Server, hops: number): void {
  const emit = prototype.emit;
  function stampingEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (REQUEST_EVENTS.has(event) && isIncomingMessage(args[0])) stampClientAddress(args[0], hops);
    return Reflect.apply(emit, this, [event, ...args]);
  }
  Object.defineProperty(prototype, 'emit', { value: stampingEmit, configurable: true, writable: true });
}

function isIncomingMessage(value: unknown): value is IncomingMessage {
  return value instanceof http.IncomingMessage;
}
