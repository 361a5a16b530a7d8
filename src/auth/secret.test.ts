import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveAuthSecret } from './secret';

describe('the session-signing secret', () => {
  it('comes from AUTH_SECRET or NEXTAUTH_SECRET when set', () => {
    expect(resolveAuthSecret({ NODE_ENV: 'production', AUTH_SECRET: 'a' })).toBe('a');
    expect(resolveAuthSecret({ NODE_ENV: 'production', NEXTAUTH_SECRET: 'b' })).toBe('b');
  });

  it('is required in production, with a message that says how to make one', () => {
    expect(() => resolveAuthSecret({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET.*must be set in production.*openssl rand/s);
  });

  it('is generated once in development and kept, private, in the data folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'portal-secret-'));
    const env: NodeJS.ProcessEnv = { NODE_ENV: 'development', PGLITE_DIR: path.join(dir, 'pglite') };
    const first = resolveAuthSecret(env);
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(resolveAuthSecret(env)).toBe(first);
    const file = path.join(dir, 'auth-secret');
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
  });
});
