import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The secret that signs session tokens and next-auth cookies: AUTH_SECRET or NEXTAUTH_SECRET.
 * In development, when neither is set, one is generated once and kept in the data folder so sessions
 * survive restarts. In production a missing secret is a configuration error.
 */
export function resolveAuthSecret(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.AUTH_SECRET || env.NEXTAUTH_SECRET;
  if (configured) return configured;
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'AUTH_SECRET (or NEXTAUTH_SECRET) must be set in production: it signs every session. ' + 'Generate one with: openssl rand -base64 32',
    );
  }
  const file = path.join(dataFolder(env), 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function dataFolder(env: NodeJS.ProcessEnv): string {
  return env.PGLITE_DIR ? path.dirname(path.resolve(env.PGLITE_DIR)) : path.resolve('.data');
}
