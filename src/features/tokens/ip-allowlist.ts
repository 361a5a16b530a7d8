import { BlockList, isIP } from 'node:net';
import { badInput } from '../../errors';
import { normalizeIp } from '../../server/client-ip';

export const MAX_ALLOWED_IPS = 50;

/** Validates and normalizes allow-list entries: single IPs or CIDR ranges, IPv4 or IPv6. */
export function parseAllowedIps(entries: readonly string[] | null | undefined): string[] {
  if (!entries) return [];
  if (entries.length > MAX_ALLOWED_IPS) throw badInput('allowedIps', `At most ${MAX_ALLOWED_IPS} entries are allowed.`);
  return entries.map((entry) => {
    const normalized = normalizeEntry(entry.trim());
    if (!normalized)
      throw badInput('allowedIps', `"${entry}" is not an IP address or CIDR range (e.g. 203.0.113.7, 10.0.0.0/8, 2001:db8::/32).`);
    return normalized;
  });
}

function normalizeEntry(entry: string): string | null {
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length || !address) return null;
  const ip = normalizeIp(address);
  if (!ip) return null;
  if (bits === undefined) return ip;
  const max = isIP(ip) === 4 ? 32 : 128;
  const prefix = Number(bits);
  return /^\d{1,3}$/.test(bits) && prefix <= max ? `${ip}/${prefix}` : null;
}

/** True when the list is empty (no restriction) or `ip` falls in one of its entries. */
export function ipAllowed(allowed: readonly string[], ip: string | null): boolean {
  if (allowed.length === 0) return true;
  if (!ip) return false;
  const list = new BlockList();
  for (const entry of allowed) {
    const [address = '', bits] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list.check(ip, isIP(ip) === 4 ? 'ipv4' : 'ipv6');
}
