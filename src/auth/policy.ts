import type { Viewer } from '../server/context';

/** A role in a Workspace (the GraphQL enum Role is the same list; src/graphql/resolvers.ts checks it). */
export type Role = 'SUPER_ADMIN' | 'ADMINISTRATOR' | 'USER' | 'OBSERVER';

const EVERYONE: readonly Role[] = ['SUPER_ADMIN', 'ADMINISTRATOR', 'USER', 'OBSERVER'];
const WRITERS: readonly Role[] = ['SUPER_ADMIN', 'ADMINISTRATOR', 'USER'];
const ADMINS: readonly Role[] = ['SUPER_ADMIN', 'ADMINISTRATOR'];

/** The role table of docs/domain.md, in one place: which roles may do what in a Workspace. */
export const PERMISSIONS = {
  'fleet:read': EVERYONE,
  'fleet:write': WRITERS,
  'members:manage': ADMINS,
  'tokens:own': EVERYONE,
  'tokens:manage': ADMINS,
  'audit:read': ADMINS,
  'workspace:request': ADMINS,
  'workspace:switch': EVERYONE,
  'reports:read': EVERYONE,
  'billing:read': ADMINS,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && PERMISSIONS[permission].includes(role);
}

/**
 * Platform operations staff acting as such: an operator signed in with their own credentials. An
 * application token never carries operator powers, even one created by an operator.
 */
export function actsAsOperator(viewer: Pick<Viewer, 'isOperator' | 'credential'> | null | undefined): boolean {
  return !!viewer && viewer.isOperator && viewer.credential !== 'application';
}
