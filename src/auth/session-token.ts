import { jwtVerify, SignJWT } from 'jose';
import { unauthenticated } from '../errors';

/** A user session bound to one Workspace (null only for an operator with no membership). */
export interface SessionClaims {
  userId: string;
  workspaceId: string | null;
}

const ISSUER = 'iot-portal';
const AUDIENCE = 'iot-portal:session';
const LIFETIME = '12h';

const key = (secret: string) => new TextEncoder().encode(secret);

export async function signSessionToken(claims: SessionClaims, secret: string): Promise<string> {
  return new SignJWT({ wid: claims.workspaceId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(LIFETIME)
    .sign(key(secret));
}

/** Verifies signature and expiry; the caller still checks live access to the Workspace. */
export async function verifySessionToken(token: string, secret: string): Promise<SessionClaims> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const wid = payload.wid;
    if (!payload.sub || (wid !== null && typeof wid !== 'string')) throw new Error('malformed claims');
    return { userId: payload.sub, workspaceId: wid };
  } catch {
    throw unauthenticated('The token is invalid or has expired; sign in again.');
  }
}

/** Session tokens are JWTs (three dot-separated parts); application tokens are not. */
export const looksLikeSessionToken = (token: string) => token.split('.').length === 3;
