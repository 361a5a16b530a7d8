import { and, asc, count, eq } from 'drizzle-orm';
import { requireOperator } from '../../auth/guard';
import { assertPasswordStrength, hashPassword } from '../../auth/passwords';
import {
  type MembershipRow,
  memberships,
  type OrganizationRow,
  organizations,
  type UserRow,
  users,
  type WorkspaceRow,
  workspaceLinks,
  workspaces,
} from '../../db/schema';
import { badInput, conflict, isUniqueViolation, isUuid, notFound } from '../../errors';
import type { ServiceContext } from '../../server/context';
import type { CreateOrganizationInput, Role } from '../../graphql/generated/resolvers-types';
import { validCurrency, validEmail, validName, validText } from '../../validation';
import { recordAudit } from '../audit/record';
import { storedRole } from '../memberships/roles';

type Verb<I, O> = (args: { ctx: ServiceContext; input: I }) => Promise<O>;

export const listOrganizations = async ({ ctx }: { ctx: ServiceContext }): Promise<OrganizationRow[]> => {
  requireOperator(ctx);
  return ctx.db.select().from(organizations).orderBy(asc(organizations.name));
};

export const getOrganization: Verb<{ id: string }, OrganizationRow | null> = async ({ ctx, input }) => {
  requireOperator(ctx);
  return isUuid(input.id) ? ctx.loaders.organization.load(input.id) : null;
};

export const createOrganization: Verb<CreateOrganizationInput, OrganizationRow> = async ({ ctx, input }) => {
  requireOperator(ctx);
  const values = {
    name: validName('name', input.name),
    currency: validCurrency('currency', input.currency),
    package: input.package,
    vatRate: validVatRate(input.vatRate),
    vatNumber: input.vatNumber ? validText('vatNumber', input.vatNumber, 50) : null,
    billingEmail: input.billingEmail ? validEmail('billingEmail', input.billingEmail) : null,
    workspaceLimit: validLimit(input.workspaceLimit ?? 3, 'workspaceLimit'),
  };
  const [org] = await ctx.db.insert(organizations).values(values).returning();
  if (!org) throw new Error('insert returned no organization');
  await recordAudit(ctx, { workspaceId: null, action: 'organization.created', targetType: 'organization', targetId: org.id, after: org });
  return org;
};

export const createWorkspace: Verb<{ organizationId: string; name: string }, WorkspaceRow> = async ({ ctx, input }) => {
  requireOperator(ctx);
  const org = await requireOrganization(ctx, input.organizationId, 'organizationId');
  const [workspace] = await ctx.db
    .insert(workspaces)
    .values({ organizationId: org.id, name: validName('name', input.name) })
    .returning();
  if (!workspace) throw new Error('insert returned no workspace');
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
    const [user] = await ctx.db
      .insert(users)
      .values({ email, name, passwordHash: await hashPassword(input.password) })
      .returning();
    if (!user) throw new Error('insert returned no user');
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
  const [before] = await ctx.db.select().from(memberships).where(membershipKey(workspace.id, user.id));
  const [membership] = await ctx.db
    .insert(memberships)
    .values({ workspaceId: workspace.id, userId: user.id, role, status: 'ACTIVE' })
    .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role, status: 'ACTIVE' } })
    .returning();
  if (!membership) throw new Error('upsert returned no membership');
  await recordAudit(ctx, {
    workspaceId: workspace.id,
    action: before ? 'membership.updated' : 'membership.added',
    targetType: 'membership',
    targetId: `${workspace.id}:${user.id}`,
    before: before ?? null,
    after: membership,
  });
  return membership;
};

export const setWorkspaceLimit: Verb<{ mainOrganizationId: string; limit: number }, OrganizationRow> = async ({ ctx, input }) => {
  requireOperator(ctx);
  const org = await lockOrganization(ctx, input.mainOrganizationId, 'mainOrganizationId');
  const limit = validLimit(input.limit, 'limit');
  const [linked] = await ctx.db.select({ n: count() }).from(workspaceLinks).where(eq(workspaceLinks.mainOrganizationId, org.id));
  const current = linked?.n ?? 0;
  if (limit < current) throw badInput('limit', `The limit cannot be below the ${current} Workspaces linked now; unlink some first.`);
  const [updated] = await ctx.db.update(organizations).set({ workspaceLimit: limit }).where(eq(organizations.id, org.id)).returning();
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
  const [org] = isUuid(id) ? await ctx.db.select().from(organizations).where(eq(organizations.id, id)).for('update') : [];
  if (!org) throw notFound('Organization', field);
  return org;
}

export async function requireWorkspace(ctx: ServiceContext, id: string, field: string): Promise<WorkspaceRow> {
  const workspace = isUuid(id) ? await ctx.loaders.workspace.load(id) : null;
  if (!workspace) throw notFound('Workspace', field);
  return workspace;
}

export function membershipKey(workspaceId: string, userId: string) {
  return and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId));
}

function validVatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '0';
  if (!Number.isFinite(rate) || rate < 0 || rate > 100) throw badInput('vatRate', 'vatRate must be between 0 and 100 (percent).');
  return rate.toFixed(2);
}

function validLimit(limit: number, field: string): number {
  if (!Number.isInteger(limit) || limit < 0 || limit > 1000) throw badInput(field, `${field} must be a whole number from 0 to 1000.`);
  return limit;
}
