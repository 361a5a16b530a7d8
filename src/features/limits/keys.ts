import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { Viewer } from '../../server/context';

/**
 * Who a request is counted against: an application token by its id (each token has its own budget),
 * a user by id (their sessions and browser tabs share one), an anonymous caller by address.
 */
export function principalKey(viewer: Viewer): string {
  return viewer.credential === 'application' && viewer.tokenId ? `token:${viewer.tokenId}` : `user:${viewer.user.id}`;
}

export function addressKey(ip: string | null): string {
  return `ip:${addressOf(ip)}`;
}

/**
 * The address a limit applies to. IPv6 counts by /64: one subscriber usually holds a whole /64, so
 * counting single IPv6 addresses would let one caller spread over billions of keys.
 */
export function addressOf(ip: string | null): string {
  if (!ip) return 'unknown';
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(ip: string): string[] {
  const [head = '', tail] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) occupies two groups.
  const last = right.length ? right : left;
  const v4 = last.at(-1)?.includes('.') ? last.pop() : undefined;
  if (v4) {
    const [a = 0, b = 0, c = 0, d = 0] = v4.split('.').map(Number);
    last.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => group.replace(/^0+(?=.)/, ''));
}

/** Emails appear in keys only hashed: Redis holds no personal data. */
export function emailKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}
