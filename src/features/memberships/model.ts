import type { MembershipStatus, Role } from '../../graphql/generated/resolvers-types';

/**
 * What a Membership resolves from: a memberships row, or the effective membership of a Workspace's
 * SuperAdmin (role SUPER_ADMIN, which is never stored). A MembershipRow is one as it is.
 */
export interface MembershipModel {
  workspaceId: string;
  userId: string;
  role: Role;
  status: MembershipStatus;
  joinedAt: Date;
}
