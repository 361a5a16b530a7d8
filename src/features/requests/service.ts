import { requireOperator, requireRole, requireViewer } from '../../auth/guard';
import { actsAsOperator } from '../../auth/policy';
import type { WorkspaceRequestRow, WorkspaceRow } from '../../db/schema';
import { badInput, conflict, forbidden, isUniqueViolation, isUuid, notFound } from '../../errors';
import type { WorkspaceRequestKind, WorkspaceRequestStatus } from '../../graphql/generated/resolvers-types';
import type { ServiceContext, Verb } from '../../server/context';
import { validCurrency, validEmail, validName, validText } from '../../validation';
import { recordAudit } from '../audit/record';
import { assertBelowLimit, linkToMainOrganization } from '../linking/service';
import { lockOrganization, requireWorkspace } from '../ops/service';
import { insertWorkspace } from '../workspaces/queries';
import { insertRequest, listRequests, listRequestsOfOrganization, lockRequest, updateRequest } from './queries';

export const DETAILS_MAX = 2000;

/** The main organization a request from the active Workspace is for: its link's, else its own. */
async function mainOrganizationOf(ctx: ServiceContext, workspace: { id: string; organizationId: string }): Promise<string> {
  const link = await ctx.loaders.link.load(workspace.id);
  return link?.mainOrganizationId ?? workspace.organizationId;
}

/** Asks ops to create or link a Workspace for the main organization (Administrators of its own Workspace, the SuperAdmin). */
export const requestWorkspace: Verb<
  { kind: WorkspaceRequestKind; contactEmail: string; details: string; name?: string | null; currency?: string | null },
  WorkspaceRequestRow
> = async ({ ctx, input }) => {
  const { viewer, active } = requireRole(ctx, 'workspace:request');
  const organizationId = await mainOrganizationOf(ctx, active.workspace);
  // Administrators may ask only from the main organization's own Workspace; the SuperAdmin from any linked one.
  if (active.role !== 'SUPER_ADMIN' && active.workspace.organizationId !== organizationId) {
    throw forbidden("Requests are sent from the main organization's Workspace, or by the SuperAdmin.");
  }
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

/** Reads a pending request FOR UPDATE, so two operators cannot process it twice. */
async function lockPendingRequest(ctx: ServiceContext, id: string): Promise<WorkspaceRequestRow> {
  const request = isUuid(id) ? await lockRequest(ctx.db, id) : null;
  if (!request) throw notFound('Workspace request', 'id');
  if (request.status !== 'PENDING') throw conflict(`This request was already ${request.status.toLowerCase()}.`, 'id');
  return request;
}

/** Approves a pending request (operators): creates the Workspace (CREATE) or takes the named one (LINK), and links it. */
export const approveWorkspaceRequest: Verb<
  { id: string; workspaceId?: string | null; name?: string | null },
  WorkspaceRequestRow
> = async ({ ctx, input }) => {
  const viewer = requireOperator(ctx);
  const request = await lockPendingRequest(ctx, input.id);
  const org = await lockOrganization(ctx, request.organizationId, 'id');
  let workspace: WorkspaceRow;
  if (request.kind === 'CREATE') {
    if (!input.name) throw badInput('name', 'A CREATE request needs the new Workspace name.');
    const name = validName('name', input.name);
    await assertBelowLimit(ctx, org); // before creating anything
    workspace = await insertWorkspace(ctx.db, { organizationId: org.id, name });
    await recordAudit(ctx, {
      workspaceId: workspace.id,
      action: 'workspace.created',
      targetType: 'workspace',
      targetId: workspace.id,
      after: workspace,
    });
  } else {
    if (!input.workspaceId) throw badInput('workspaceId', 'A LINK request needs the Workspace to link.');
    workspace = await requireWorkspace(ctx, input.workspaceId, 'workspaceId');
  }
  await linkToMainOrganization(ctx, org, workspace);
  const decided = { status: 'APPROVED' as const, decidedAt: new Date(), decidedBy: viewer.user.id, resultWorkspaceId: workspace.id };
  const updated = await updateRequest(ctx.db, request, decided);
  if (!updated) throw new Error('request vanished while locked');
  await recordAudit(ctx, {
    workspaceId: request.workspaceId,
    action: 'workspace_request.approved',
    targetType: 'workspace_request',
    targetId: request.id,
    before: { status: 'PENDING' },
    after: decided,
  });
  return updated;
};

/** Rejects a pending request with a reason (operators). */
export const rejectWorkspaceRequest: Verb<{ id: string; reason: string }, WorkspaceRequestRow> = async ({ ctx, input }) => {
  const viewer = requireOperator(ctx);
  const reason = validText('reason', input.reason, DETAILS_MAX);
  const request = await lockPendingRequest(ctx, input.id);
  const decided = { status: 'REJECTED' as const, decidedAt: new Date(), decidedBy: viewer.user.id, rejectionReason: reason };
  const updated = await updateRequest(ctx.db, request, decided);
  if (!updated) throw new Error('request vanished while locked');
  await recordAudit(ctx, {
    workspaceId: request.workspaceId,
    action: 'workspace_request.rejected',
    targetType: 'workspace_request',
    targetId: request.id,
    before: { status: 'PENDING' },
    after: decided,
  });
  return updated;
};
