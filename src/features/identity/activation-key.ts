import { createHash, randomBytes } from 'node:crypto';

export const ACTIVATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** A one-time key for an invited user: 256 random bits; only its SHA-256 is stored. */
export function newActivationKey(): { key: string; hash: string; expiresAt: Date } {
  const key = randomBytes(32).toString('base64url');
  return { key, hash: hashActivationKey(key), expiresAt: new Date(Date.now() + ACTIVATION_LIFETIME_MS) };
}

export function hashActivationKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
