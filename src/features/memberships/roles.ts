import type { MembershipRow } from '../../db/schema';
import { badInput } from '../../errors';
import type { Role } from '../../graphql/generated/resolvers-types';

/** SUPER_ADMIN follows from the main organization and is never stored or assigned (CONTRACT.md). */
export function storedRole(role: Role): MembershipRow['role'] {
  if (role === 'SUPER_ADMIN') throw badInput('role', 'SUPER_ADMIN is not assignable; platform operations staff reassign the SuperAdmin.');
  return role;
}
