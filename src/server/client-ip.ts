import { isIP } from 'node:net';

/**
 * The caller's address, for IP allow-lists and per-address limits. Next.js puts the socket address in
 * X-Forwarded-For when no proxy did; behind reverse proxies that append to it, the entry added by the
 * nearest trusted proxy is the real one: TRUST_PROXY_HOPS counts how many proxies to skip (default 0:
 * the rightmost entry). Deploy behind a proxy that sets X-Forwarded-For, or clients can claim any address.
 */
export function clientIpOf(headers: Headers, hops = Number(process.env.TRUST_PROXY_HOPS ?? 0)): string | null {
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const candidate = chain[Math.max(0, chain.length - 1 - (Number.isInteger(hops) && hops > 0 ? hops : 0))] ?? headers.get('x-real-ip');
  return candidate ? normalizeIp(candidate) : null;
}

/** Strips IPv6 zone ids and the IPv4-mapped prefix (::ffff:10.0.0.1 → 10.0.0.1). */
export function normalizeIp(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  const ip = mapped?.[1] ?? bare;
  return isIP(ip) ? ip.toLowerCase() : null;
}
