import { requireOperator, requireRole, requireViewer } from '../../auth/guard';
import { actsAsOperator } from '../../auth/policy';
import type { WorkspaceRequestRow } from '../../db/schema';
import { conflict, forbidden, isUniqueViolation, isUuid, notFound } from '../../errors';
import type { WorkspaceRequestKind, WorkspaceRequestStatus } from '../../graphql/generated/resolvers-types';
import type { ServiceContext, Verb } from '../../server/context';
import { validCurrency, validEmail, validName, validText } from '../../validation';
import { recordAudit } from '../audit/record';
import { insertRequest, listRequests, listRequestsOfOrganization, lockRequest, updateRequest } from './queries';

export const DETAILS_MAX = 2000;

/** The main organization a request from the active Workspace is for: its link's, else its own. */
export async function mainOrganizationOf(ctx: ServiceContext, workspace: { id: string; organizationId: string }): Promise<string> {
  const link = await ctx.loaders.link.load(workspace.id);
  return link?.mainOrganizationId ?? workspace.organizationId;
}

/** Administrators may send (and withdraw) only from the main organization's own Workspace; the SuperAdmin from any linked one. */
function assertMaySend(ctx: ServiceContext, organizationId: string): void {
  const { active } = requireRole(ctx, 'workspace:request');
  if (active.role !== 'SUPER_ADMIN' && active.workspace.organizationId !== organizationId) {
    throw forbidden("Requests are sent from the main organization's Workspace, or by the SuperAdmin.");
  }
}

/** Asks ops to create or link a Workspace for the main organization (Administrators of its own Workspace, the SuperAdmin). */
export const requestWorkspace: Verb<
  { kind: WorkspaceRequestKind; contactEmail: string; details: string; name?: string | null; currency?: string | null },
  WorkspaceRequestRow
> = async ({ ctx, input }) => {
  const { viewer, active } = requireRole(ctx, 'workspace:request');
  const organizationId = await mainOrganizationOf(ctx, active.workspace);
  assertMaySend(ctx, organizationId);
  const org = await ctx.loaders.organization.load(organizationId);
  if (org?.package !== 'PRO') throw forbidden('Workspaces need the Pro package; contact sales to upgrade.');
  const values = {
    organizationId,
    kind: input.kind,
    contactEmail: validEmail('contactEmail', input.contactEmail),
    details: validText('details', input.details, DETAILS_MAX),
    // Proposals for ops (the approval's defaults); null when absent, validated like the real thing when given.
    name: input.name == null ? null : validName('name', input.name),
    currency: input.currency == null ? null : validCurrency('currency', input.currency),
    requestedBy: viewer.user.id,
  };
  try {
    const request = await insertRequest(ctx.db, active.workspace.id, values);
    await recordAudit(ctx, {
      workspaceId: active.workspace.id,
      action: 'workspace_request.sent',
      targetType: 'workspace_request',
      targetId: request.id,
      before: null,
      after: request,
    });
    return request;
  } catch (error) {
    if (isUniqueViolation(error, 'workspace_requests_one_pending_per_org')) {
      throw conflict('Your organization already has a pending request; wait until ops have processed it.');
    }
    throw error;
  }
};

/** Operators: every request (optionally by status). Administrators and the SuperAdmin: their main organization's. */
export const listWorkspaceRequests: Verb<{ status?: WorkspaceRequestStatus | null }, WorkspaceRequestRow[]> = async ({ ctx, input }) => {
  const viewer = requireViewer(ctx);
  if (actsAsOperator(viewer)) return listRequests(ctx.db, input.status ?? null);
  const { active } = requireRole(ctx, 'workspace:request');
  return listRequestsOfOrganization(ctx.db, await mainOrganizationOf(ctx, active.workspace));
};

/** Reads a pending request FOR UPDATE, so that two people cannot decide it twice: a decided one is a CONFLICT. */
export async function lockPendingRequest(ctx: ServiceContext, id: string): Promise<WorkspaceRequestRow> {
  const request = isUuid(id) ? await lockRequest(ctx.db, id) : null;
  if (!request) throw notFound('Workspace request', 'id');
  assertPending(request);
  return request;
}

function assertPending(request: WorkspaceRequestRow): void {
  if (request.status !== 'PENDING') throw conflict(`This request was already ${request.status.toLowerCase()}.`, 'id');
}

/** Records a decision on a locked request and audits it with the request before and after. */
export async function decideRequest(
  ctx: ServiceContext,
  request: WorkspaceRequestRow,
  action: 'workspace_request.approved' | 'workspace_request.rejected' | 'workspace_request.withdrawn',
  decided: Parameters<typeof updateRequest>[2],
): Promise<WorkspaceRequestRow> {
  const updated = await updateRequest(ctx.db, request, decided);
  if (!updated) throw new Error('request vanished while locked');
  await recordAudit(ctx, {
    workspaceId: request.workspaceId,
    action,
    targetType: 'workspace_request',
    targetId: request.id,
    before: request,
    after: updated,
  });
  return updated;
}

/** Rejects a pending request with a reason (operators). */
export const rejectWorkspaceRequest: Verb<{ id: string; reason: string }, WorkspaceRequestRow> = async ({ ctx, input }) => {
  const viewer = requireOperator(ctx);
  const reason = validText('reason', input.reason, DETAILS_MAX);
  const request = await lockPendingRequest(ctx, input.id);
  return decideRequest(ctx, request, 'workspace_request.rejected', {
    status: 'REJECTED',
    decidedAt: new Date(),
    decidedBy: viewer.user.id,
    rejectionReason: reason,
  });
};

/**
 * Takes back a pending request, which frees the organization to send another: its sender, or whoever
 * may send one now (an Administrator of the main organization's own Workspace, the SuperAdmin). A
 * request of another main organization, or one sent from a Workspace the viewer cannot enter, is NOT_FOUND.
 */
export const withdrawWorkspaceRequest: Verb<{ id: string }, WorkspaceRequestRow> = async ({ ctx, input }) => {
  const viewer = requireViewer(ctx);
  const active = viewer.active;
  if (!active) throw forbidden('This needs an active Workspace; switch to one first.');
  const organizationId = await mainOrganizationOf(ctx, active.workspace);
  // Row-level security limits the read to the viewer's Workspaces (operators: all, hence the organization check).
  const request = isUuid(input.id) ? await lockRequest(ctx.db, input.id) : null;
  if (!request || request.organizationId !== organizationId) throw notFound('Workspace request', 'id');
  if (request.requestedBy !== viewer.user.id) assertMaySend(ctx, organizationId);
  assertPending(request);
  return decideRequest(ctx, request, 'workspace_request.withdrawn', {
    status: 'WITHDRAWN',
    decidedAt: new Date(),
    decidedBy: viewer.user.id,
  });
};
