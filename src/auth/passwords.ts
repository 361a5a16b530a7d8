import { hash, verify } from '@node-rs/argon2';
import { badInput } from '../errors';

// argon2id (the library's default algorithm) with OWASP's recommended minimums.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Hash anyway for unknown users so the response time does not reveal which emails exist.
  if (!passwordHash) {
    await hash(password, OPTIONS);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export function assertPasswordStrength(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN) badInputThrow(field, `Password must be at least ${PASSWORD_MIN} characters.`);
  if (password.length > PASSWORD_MAX) badInputThrow(field, `Password must be at most ${PASSWORD_MAX} characters.`);
}

function badInputThrow(field: string, message: string): never {
  throw badInput(field, message);
}
