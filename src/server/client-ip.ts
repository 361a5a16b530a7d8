import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { processSingleton } from './process-singleton';

/**
 * The private request header that carries the client's address from the HTTP server to the routes
 * (src/server/peer-address.ts sets it on every request, overwriting whatever the client sent). Route
 * handlers see only headers, not the socket, so this is how the socket's address reaches them.
 */
export const CLIENT_ADDRESS_HEADER = 'x-portal-client-address';

/*
 * The header's value starts with a key made at random once per process and never sent out. A
 * request that reached the server before the address stamp was installed (the first moments after
 * `next start` listens) keeps whatever the client wrote there; without the key, that counts as no
 * address at all.
 */
const processKey = processSingleton('clientAddressKey', () => randomBytes(24).toString('base64url'));

/** The header's value that says "this request's client is `address`" (null: unknown). */
export function clientAddressHeaderValue(address: string | null): string {
  return `${processKey} ${address ?? ''}`;
}

/** The caller's address, for IP allow-lists and per-address limits, as the HTTP server stamped it; null when unknown. */
export function clientIpOf(headers: Headers): string | null {
  const value = headers.get(CLIENT_ADDRESS_HEADER) ?? '';
  const space = value.indexOf(' ');
  if (space < 0 || !sameKey(value.slice(0, space))) return null;
  return normalizeIp(value.slice(space + 1));
}

function sameKey(candidate: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(processKey);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The client's address from the socket's peer and, behind `hops` trusted reverse proxies, their
 * X-Forwarded-For. The chain is the X-Forwarded-For entries followed by the peer; each proxy appends
 * the address it received the request from, so the client is the `hops`-th entry from the right:
 * whatever the client itself wrote is further left and never counts. With 0 hops the header is
 * ignored. A chain shorter than expected yields its leftmost entry (the request passed fewer proxies).
 */
export function clientAddressOf(
  forwardedFor: string | readonly string[] | undefined,
  peer: string | undefined,
  hops: number,
): string | null {
  if (!peer) return null;
  if (hops <= 0) return normalizeIp(peer);
  const forwarded = [forwardedFor ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .map((part) => part.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return normalizeIp(chain[Math.max(0, chain.length - 1 - hops)] ?? '');
}

/** Strips IPv6 zone ids and the IPv4-mapped prefix (::ffff:10.0.0.1 → 10.0.0.1). */
export function normalizeIp(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  const ip = mapped?.[1] ?? bare;
  return isIP(ip) ? ip.toLowerCase() : null;
}
