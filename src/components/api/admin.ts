import type {
  ApplicationTokenStatus,
  MembershipStatus,
  Role,
  WorkspaceRequestKind,
  WorkspaceRequestStatus,
} from '@/graphql/generated/resolvers-types';
import { operation } from './client';
import { type Connection, PAGE_FIELDS } from './connection';

export type { ApplicationTokenStatus, MembershipStatus, WorkspaceRequestKind, WorkspaceRequestStatus };

// ---- Workspace users -------------------------------------------------------------------------------

export interface MemberItem {
  user: { id: string; name: string; email: string };
  role: Role;
  status: MembershipStatus;
  joinedAt: string;
}

const MEMBER_FIELDS = 'user { id name email } role status joinedAt';

export const WORKSPACE_USERS = operation<{ workspaceUsers: Connection<MemberItem> }, { first: number; after: string | null }>(`
query WorkspaceUsers($first: Int, $after: String) {
  workspaceUsers(first: $first, after: $after) { ${PAGE_FIELDS} edges { cursor node { ${MEMBER_FIELDS} } } }
}`);

export const ADD_USER = operation<{ addUserToWorkspace: MemberItem }, { email: string; role: Role }>(`
mutation AddUserToWorkspace($email: String!, $role: Role!) { addUserToWorkspace(email: $email, role: $role) { ${MEMBER_FIELDS} } }`);

export const SET_USER_ROLE = operation<{ setUserRole: MemberItem }, { userId: string; role: Role }>(`
mutation SetUserRole($userId: ID!, $role: Role!) { setUserRole(userId: $userId, role: $role) { ${MEMBER_FIELDS} } }`);

export const SET_USER_STATUS = operation<{ setUserStatus: MemberItem }, { userId: string; status: MembershipStatus }>(`
mutation SetUserStatus($userId: ID!, $status: MembershipStatus!) { setUserStatus(userId: $userId, status: $status) { ${MEMBER_FIELDS} } }`);

export const REMOVE_USER = operation<{ removeUserFromWorkspace: boolean }, { userId: string }>(`
mutation RemoveUserFromWorkspace($userId: ID!) { removeUserFromWorkspace(userId: $userId) }`);

/** The roles an Administrator may give (SUPER_ADMIN is never assignable). */
export const ASSIGNABLE_ROLES: readonly Role[] = ['ADMINISTRATOR', 'USER', 'OBSERVER'];

// ---- Audit log -------------------------------------------------------------------------------------

export interface AuditItem {
  id: string;
  createdAt: string;
  action: string;
  actorEmail: string | null;
  actor: { id: string; name: string } | null;
  targetType: string;
  targetId: string;
  before: string | null;
  after: string | null;
}

export const AUDIT_EVENTS = operation<{ auditEvents: Connection<AuditItem> }, { first: number; after: string | null }>(`
query AuditEvents($first: Int, $after: String) {
  auditEvents(first: $first, after: $after) {
    ${PAGE_FIELDS}
    edges { cursor node { id createdAt action actorEmail actor { id name } targetType targetId before after } }
  }
}`);

// ---- Application tokens ----------------------------------------------------------------------------

export interface TokenItem {
  id: string;
  description: string;
  prefix: string;
  createdBy: { id: string; name: string; email: string };
  createdAt: string;
  expiresAt: string | null;
  allowedIps: string[];
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: ApplicationTokenStatus;
}

const TOKEN_FIELDS = 'id description prefix createdBy { id name email } createdAt expiresAt allowedIps lastUsedAt revokedAt status';

export const APPLICATION_TOKENS = operation<
  { applicationTokens: Connection<TokenItem> },
  { first: number; after: string | null; includeRevoked: boolean }
>(`
query ApplicationTokens($first: Int, $after: String, $includeRevoked: Boolean) {
  applicationTokens(first: $first, after: $after, includeRevoked: $includeRevoked) {
    ${PAGE_FIELDS} edges { cursor node { ${TOKEN_FIELDS} } }
  }
}`);

export const CREATE_TOKEN = operation<
  { createApplicationToken: { token: string; applicationToken: TokenItem } },
  { description: string; expiresAt: string | null; allowedIps: string[] | null }
>(`
mutation CreateApplicationToken($description: String!, $expiresAt: DateTime, $allowedIps: [String!]) {
  createApplicationToken(description: $description, expiresAt: $expiresAt, allowedIps: $allowedIps) {
    token applicationToken { ${TOKEN_FIELDS} }
  }
}`);

export const REVOKE_TOKEN = operation<{ revokeApplicationToken: boolean }, { id: string }>(`
mutation RevokeApplicationToken($id: ID!) { revokeApplicationToken(id: $id) }`);

// ---- Workspace requests ----------------------------------------------------------------------------

export interface WorkspaceRequestItem {
  id: string;
  kind: WorkspaceRequestKind;
  status: WorkspaceRequestStatus;
  contactEmail: string;
  details: string;
  requestedBy: { name: string; email: string } | null;
  createdAt: string;
  decidedAt: string | null;
  rejectionReason: string | null;
  resultWorkspace: { id: string; name: string } | null;
}

const REQUEST_FIELDS =
  'id kind status contactEmail details requestedBy { name email } createdAt decidedAt rejectionReason resultWorkspace { id name }';

export const WORKSPACE_REQUESTS = operation<{ workspaceRequests: WorkspaceRequestItem[] }>(`
query WorkspaceRequests { workspaceRequests { ${REQUEST_FIELDS} } }`);

export const REQUEST_WORKSPACE = operation<
  { requestWorkspace: WorkspaceRequestItem },
  { kind: WorkspaceRequestKind; contactEmail: string; details: string }
>(`
mutation RequestWorkspace($kind: WorkspaceRequestKind!, $contactEmail: String!, $details: String!) {
  requestWorkspace(kind: $kind, contactEmail: $contactEmail, details: $details) { ${REQUEST_FIELDS} }
}`);
