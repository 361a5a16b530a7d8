import { decode } from 'next-auth/jwt';
import type { Credentials } from '../features/identity/resolve-viewer';
import { clientIpOf } from './client-ip';

const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

/** Reads what the request presents: a Bearer token, or the browser's next-auth session cookie. */
export async function readCredentials(request: Request, secret: string): Promise<Credentials> {
  const clientIp = clientIpOf(request.headers);
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return { kind: 'bearer', token: match?.[1] ?? '', clientIp };
  }
  const cookie = sessionCookie(request.headers.get('cookie'));
  if (!cookie) return { kind: 'none', clientIp };
  const jwt = await decode({ token: cookie, secret }).catch(() => null);
  if (!jwt?.sub) return { kind: 'none', clientIp };
  return { kind: 'browser', userId: jwt.sub, workspaceId: request.headers.get('x-workspace-id') || null, clientIp };
}

function sessionCookie(header: string | null): string | null {
  if (!header) return null;
  const cookies = parseCookies(header);
  for (const name of SESSION_COOKIES) {
    const whole = cookies.get(name);
    if (whole) return whole;
    // next-auth splits large cookies into name.0, name.1, ...
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`) ?? '');
    if (chunks.length) return chunks.join('');
  }
  return null;
}

/**
 * The Cookie header's name=value pairs. The browser sends every cookie of the site, also ones other
 * pages set (`theme=100%`): one that does not decode is skipped, never an error.
 */
function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const value = decodeCookieValue(part.slice(i + 1).trim());
    if (value !== null) cookies.set(part.slice(0, i).trim(), value);
  }
  return cookies;
}

function decodeCookieValue(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
