import { createHash, randomBytes } from 'node:crypto';

/** Recognizable in logs and by secret scanners. */
export const TOKEN_PREFIX = 'iotp_';

/** A new secret: 256 random bits; only its hash is stored, and a short prefix for display. */
export function newTokenSecret(): { secret: string; hash: string; prefix: string } {
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashTokenSecret(secret), prefix: secret.slice(0, TOKEN_PREFIX.length + 6) };
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
