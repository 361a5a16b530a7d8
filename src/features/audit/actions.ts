/**
 * Every action the audit log records, by area. A new kind of change adds its action here first, so
 * the log's vocabulary stays one closed list (the portal groups and words them from it).
 */
export const AUDIT_ACTIONS = {
  organization: [
    'organization.created',
    'organization.billing_updated',
    'organization.billing_profile_updated',
    'organization.workspace_limit_set',
    'organization.super_admin_assigned',
  ],
  workspace: ['workspace.created', 'workspace.linked', 'workspace.unlinked'],
  request: ['workspace_request.sent', 'workspace_request.approved', 'workspace_request.rejected', 'workspace_request.withdrawn'],
  user: ['user.created', 'user.invited', 'user.default_workspace_set'],
  membership: [
    'membership.added',
    'membership.updated',
    'membership.invited',
    'membership.activated',
    'membership.role_changed',
    'membership.status_changed',
    'membership.removed',
  ],
  token: ['application_token.created', 'application_token.revoked'],
  fleet: [
    'endpoint.created',
    'endpoint.updated',
    'endpoint.deleted',
    'sim.registered',
    'sim.updated',
    'service_policy.created',
    'service_policy.updated',
    'service_policy.deleted',
    'coverage_policy.created',
    'coverage_policy.updated',
    'coverage_policy.deleted',
    'usage.recorded',
  ],
  billing: ['billing.price_list_set', 'invoice.issued'],
} as const;

export type AuditArea = keyof typeof AUDIT_ACTIONS;
export type AuditAction = (typeof AUDIT_ACTIONS)[AuditArea][number];

/** The kinds of object an event is about (`targetType`). */
export type AuditTargetType =
  | 'organization'
  | 'workspace'
  | 'workspace_request'
  | 'user'
  | 'membership'
  | 'application_token'
  | 'endpoint'
  | 'sim'
  | 'service_policy'
  | 'coverage_policy'
  | 'usage'
  | 'price_list'
  | 'invoice';
