import { requireOperator } from '../../auth/guard';
import { assertPasswordStrength, hashPassword } from '../../auth/passwords';
import { type Connection, type PageArgs, paginate } from '../../db/paging';
import type { MembershipRow, OrganizationRow, UserRow, WorkspaceRow } from '../../db/schema';
import { badInput, conflict, isUniqueViolation, isUuid, notFound } from '../../errors';
import { labelOf } from '../../field-labels';
import type { CreateOrganizationInput, PaymentType, Role } from '../../graphql/generated/resolvers-types';
import type { ServiceContext, Verb } from '../../server/context';
import { validCurrency, validEmail, validName, validText } from '../../validation';
import { recordAudit } from '../audit/record';
import { insertUser } from '../identity/queries';
import { findMembership, upsertActiveMembership } from '../memberships/queries';
import { storedRole } from '../memberships/roles';
import { countLinkedWorkspaces, insertWorkspace } from '../workspaces/queries';
import {
  countUsers,
  insertOrganization,
  listOrganizationRows,
  lockOrganizationRow,
  pageUsers,
  USERS_ORDER,
  updateOrganization,
  userSearchCondition,
} from './queries';

export const listOrganizations: Verb<undefined, OrganizationRow[]> = async ({ ctx }) => {
  requireOperator(ctx);
  return listOrganizationRows(ctx.db);
};

export const getOrganization: Verb<{ id: string }, OrganizationRow | null> = async ({ ctx, input }) => {
  requireOperator(ctx);
  return isUuid(input.id) ? ctx.loaders.organization.load(input.id) : null;
};

const MAX_SEARCH = 200;

/** Every user account, by email, narrowed by a search on email or name (the ops console's user pickers). */
export const listUsers: Verb<PageArgs & { search?: string | null }, Connection<UserRow>> = async ({ ctx, input }) => {
  requireOperator(ctx);
  const search = (input.search ?? '').trim();
  if (search.length > MAX_SEARCH) throw badInput('search', `Search must be at most ${MAX_SEARCH} characters.`);
  const scope = userSearchCondition(search);
  return paginate({
    ctx,
    order: USERS_ORDER,
    page: input,
    rows: (page) => pageUsers(ctx.db, scope, page),
    count: () => countUsers(ctx.db, scope),
  });
};

/** The API's input, plus the payment type, which only a CREATE approval copies (from the main organization). */
export type NewOrganizationInput = CreateOrganizationInput & { paymentType?: PaymentType };

export const createOrganization: Verb<NewOrganizationInput, OrganizationRow> = async ({ ctx, input }) => {
  requireOperator(ctx);
  const values = {
    name: validName('name', input.name),
    currency: validCurrency('currency', input.currency),
    package: input.package,
    vatRate: validVatRate(input.vatRate),
    vatNumber: input.vatNumber ? validText('vatNumber', input.vatNumber, 50) : null,
    billingEmail: input.billingEmail ? validEmail('billingEmail', input.billingEmail) : null,
    workspaceLimit: validLimit(input.workspaceLimit ?? 3, 'workspaceLimit'),
    paymentType: input.paymentType,
  };
  const org = await insertOrganization(ctx.db, values);
  await recordAudit(ctx, { workspaceId: null, action: 'organization.created', targetType: 'organization', targetId: org.id, after: org });
  return org;
};

export const createWorkspace: Verb<{ organizationId: string; name: string }, WorkspaceRow> = async ({ ctx, input }) => {
  requireOperator(ctx);
  const org = await requireOrganization(ctx, input.organizationId, 'organizationId');
  const workspace = await insertWorkspace(ctx.db, { organizationId: org.id, name: validName('name', input.name) });
  await recordAudit(ctx, {
    workspaceId: workspace.id,
    action: 'workspace.created',
    targetType: 'workspace',
    targetId: workspace.id,
    after: workspace,
  });
  return workspace;
};

export const createUser: Verb<{ email: string; name: string; password: string }, UserRow> = async ({ ctx, input }) => {
  requireOperator(ctx);
  const email = validEmail('email', input.email);
  const name = validName('name', input.name);
  assertPasswordStrength(input.password);
  try {
    const user = await insertUser(ctx.db, { email, name, passwordHash: await hashPassword(input.password) });
    await recordAudit(ctx, { workspaceId: null, action: 'user.created', targetType: 'user', targetId: user.id, after: user });
    return user;
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_lower_key')) throw conflict('A user with this email already exists.', 'email');
    throw error;
  }
};

export const addMember: Verb<{ workspaceId: string; userId: string; role: Role }, MembershipRow> = async ({ ctx, input }) => {
  requireOperator(ctx);
  const role = storedRole(input.role);
  const workspace = await requireWorkspace(ctx, input.workspaceId, 'workspaceId');
  const user = isUuid(input.userId) ? await ctx.loaders.user.load(input.userId) : null;
  if (!user) throw notFound('User', 'userId');
  const before = await findMembership(ctx.db, workspace.id, user.id);
  const membership = await upsertActiveMembership(ctx.db, workspace.id, user.id, role);
  await recordAudit(ctx, {
    workspaceId: workspace.id,
    action: before ? 'membership.updated' : 'membership.added',
    targetType: 'membership',
    targetId: `${workspace.id}:${user.id}`,
    before,
    after: membership,
  });
  return membership;
};

export const setWorkspaceLimit: Verb<{ mainOrganizationId: string; limit: number }, OrganizationRow> = async ({ ctx, input }) => {
  requireOperator(ctx);
  const org = await lockOrganization(ctx, input.mainOrganizationId, 'mainOrganizationId');
  const limit = validLimit(input.limit, 'limit');
  const current = await countLinkedWorkspaces(ctx.db, org.id);
  if (limit < current) throw badInput('limit', `The limit cannot be below the ${current} Workspaces linked now; unlink some first.`);
  const updated = await updateOrganization(ctx.db, org.id, { workspaceLimit: limit });
  if (!updated) throw notFound('Organization', 'mainOrganizationId');
  await recordAudit(ctx, {
    workspaceId: null,
    action: 'organization.workspace_limit_set',
    targetType: 'organization',
    targetId: org.id,
    before: { workspaceLimit: org.workspaceLimit },
    after: { workspaceLimit: limit },
  });
  return updated;
};

export async function requireOrganization(ctx: ServiceContext, id: string, field: string): Promise<OrganizationRow> {
  const org = isUuid(id) ? await ctx.loaders.organization.load(id) : null;
  if (!org) throw notFound('Organization', field);
  return org;
}

/** Reads an organization FOR UPDATE: linking and limit changes on one main organization serialize here. */
export async function lockOrganization(ctx: ServiceContext, id: string, field: string): Promise<OrganizationRow> {
  const org = isUuid(id) ? await lockOrganizationRow(ctx.db, id) : null;
  if (!org) throw notFound('Organization', field);
  return org;
}

export async function requireWorkspace(ctx: ServiceContext, id: string, field: string): Promise<WorkspaceRow> {
  const workspace = isUuid(id) ? await ctx.loaders.workspace.load(id) : null;
  if (!workspace) throw notFound('Workspace', field);
  return workspace;
}

function validVatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '0';
  if (!Number.isFinite(rate) || rate < 0 || rate > 100) throw badInput('vatRate', 'VAT rate must be between 0 and 100 (percent).');
  return rate.toFixed(2);
}

function validLimit(limit: number, field: string): number {
  if (!Number.isInteger(limit) || limit < 0 || limit > 1000)
    throw badInput(field, `${labelOf(field)} must be a whole number from 0 to 1000.`);
  return limit;
}
