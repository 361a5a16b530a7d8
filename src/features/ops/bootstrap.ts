import { assertPasswordStrength, hashPassword, verifyPassword } from '../../auth/passwords';
import type { Database } from '../../db/schema-types';
import { validEmail } from '../../validation';
import { findUserByEmail, insertUser, updateUser } from '../identity/queries';

/** Makes sure the platform operator named by OPS_EMAIL / OPS_PASSWORD exists with that password. */
export async function ensureOperator(db: Database, email: string, password: string): Promise<void> {
  const address = validEmail('OPS_EMAIL', email);
  assertPasswordStrength(password, 'OPS_PASSWORD');
  const existing = await findUserByEmail(db, address);
  if (!existing) {
    await insertUser(db, { email: address, name: 'Platform operations', passwordHash: await hashPassword(password), isOperator: true });
    return;
  }
  const samePassword = await verifyPassword(existing.passwordHash, password);
  await updateUser(db, existing.id, { isOperator: true, ...(samePassword ? {} : { passwordHash: await hashPassword(password) }) });
}
