import type { UserRow } from '../../db/schema';

/** The display name of an invited account until it is accepted: the email's local part. */
export function provisionalName(email: string): string {
  return email.split('@')[0] || email;
}

/**
 * How an INVITED member looks to the Workspace (and its audit trail) until they accept: the email as
 * the inviter typed it, the provisional name, no default Workspace, whatever the account holds. An
 * account that exists elsewhere thus looks exactly like an unknown email invited just now, so
 * inviting does not tell who has an account (docs/domain.md, memberships).
 */
export function invitedLook(user: UserRow, invitedEmail: string): UserRow {
  return { ...user, email: invitedEmail, name: provisionalName(invitedEmail), defaultWorkspaceId: null };
}
