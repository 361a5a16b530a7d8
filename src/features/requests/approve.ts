import { requireOperator } from '../../auth/guard';
import type { OrganizationRow, WorkspaceRequestRow, WorkspaceRow } from '../../db/schema';
import { badInput } from '../../errors';
import type { CreateOrganizationInput } from '../../graphql/generated/resolvers-types';
import type { ServiceContext, Verb } from '../../server/context';
import { validName } from '../../validation';
import { assertBelowLimit, assertCanBeMain, linkToMainOrganization } from '../linking/service';
import { createOrganization, createWorkspace, lockOrganization, type NewOrganizationInput, requireWorkspace } from '../ops/service';
import { decideRequest, lockPendingRequest } from './service';

interface ApproveInput {
  id: string;
  workspaceId?: string | null;
  name?: string | null;
  organization?: CreateOrganizationInput | null;
}

/**
 * Approves a pending request (operators): CREATE makes a new organization with its first Workspace,
 * LINK takes the named Workspace; either is then linked to the requesting main organization, with the
 * checks and SuperAdmin effects of linkWorkspace. Any refusal keeps nothing (one transaction).
 */
export const approveWorkspaceRequest: Verb<ApproveInput, WorkspaceRequestRow> = async ({ ctx, input }) => {
  const viewer = requireOperator(ctx);
  const request = await lockPendingRequest(ctx, input.id);
  const main = await lockOrganization(ctx, request.organizationId, 'id');
  const workspace =
    request.kind === 'CREATE'
      ? await createBillableWorkspace(ctx, request, main, input)
      : await requireWorkspace(ctx, requiredWorkspaceId(input.workspaceId), 'workspaceId');
  await linkToMainOrganization(ctx, main, workspace);
  return decideRequest(ctx, request, 'workspace_request.approved', {
    status: 'APPROVED',
    decidedAt: new Date(),
    decidedBy: viewer.user.id,
    resultWorkspaceId: workspace.id,
  });
};

function requiredWorkspaceId(id: string | null | undefined): string {
  if (!id) throw badInput('workspaceId', 'A LINK request needs the Workspace to link.');
  return id;
}

/**
 * A CREATE request's Workspace: a new organization (a Workspace is billed on its own, never by the
 * main organization) and its first Workspace, through the same verbs (validation, audit) ops use to
 * create them by hand. The package and the limit are checked before anything is created.
 */
async function createBillableWorkspace(
  ctx: ServiceContext,
  request: WorkspaceRequestRow,
  main: OrganizationRow,
  input: ApproveInput,
): Promise<WorkspaceRow> {
  const proposed = input.name ?? request.name;
  if (proposed == null) throw badInput('name', 'A CREATE request needs the new Workspace name (none was proposed).');
  const name = validName('name', proposed);
  assertCanBeMain(main);
  await assertBelowLimit(ctx, main);
  const organization = await createOrganization({ ctx, input: input.organization ?? defaultTerms(main, name, request.currency) });
  return createWorkspace({ ctx, input: { organizationId: organization.id, name } });
}

/**
 * Without explicit terms: named after the Workspace, in the proposed currency (else the main
 * organization's), with the main organization's VAT, billing contact and payment type. STANDARD,
 * because the package that matters for a linked Workspace is its main organization's.
 */
function defaultTerms(main: OrganizationRow, name: string, currency: string | null): NewOrganizationInput {
  return {
    name,
    currency: currency ?? main.currency,
    package: 'STANDARD',
    vatRate: Number(main.vatRate),
    vatNumber: main.vatNumber,
    billingEmail: main.billingEmail,
    paymentType: main.paymentType,
  };
}
