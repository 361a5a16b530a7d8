import { requireOperator, requireRole } from '../../../auth/guard';
import type { OrganizationRow } from '../../../db/schema';
import { badInput, conflict } from '../../../errors';
import type { OrganizationBillingInput, UpdateBillingProfileInput } from '../../../graphql/generated/resolvers-types';
import type { ServiceContext, Verb } from '../../../server/context';
import { validCurrency, validEmail, validText } from '../../../validation';
import type { AuditAction } from '../../audit/actions';
import { recordAudit } from '../../audit/record';
import { requireOrganization } from '../../ops/service';
import { validDecimal } from '../money';
import { countLinkedWorkspaces, type OrganizationBillingChanges, updateOrganizationRow } from '../queries';

/** What `billingProfile` returns: the active Workspace's organization, seen from that Workspace. */
export interface BillingProfileModel {
  organization: OrganizationRow;
  workspaceId: string;
}

const VAT_NUMBER_MAX = 50;

/** The billing profile of the active Workspace's organization. Administrator or SuperAdmin. */
export const billingProfile: Verb<undefined, BillingProfileModel> = async ({ ctx }) => {
  const { active } = requireRole(ctx, 'billing:read');
  return { organization: await organizationOf(ctx, active.workspace.organizationId), workspaceId: active.workspace.id };
};

/**
 * Administrators (and the SuperAdmin) of a Workspace may change its organization's VAT number and
 * billing email; currency, VAT rate, package and payment type change only through ops.
 */
export const updateBillingProfile: Verb<UpdateBillingProfileInput, BillingProfileModel> = async ({ ctx, input }) => {
  const { active } = requireRole(ctx, 'billing:read');
  const before = await organizationOf(ctx, active.workspace.organizationId);
  const changes: Pick<OrganizationBillingChanges, 'vatNumber' | 'billingEmail'> = {};
  if (input.vatNumber !== undefined)
    changes.vatNumber = input.vatNumber === null ? null : validText('vatNumber', input.vatNumber, VAT_NUMBER_MAX);
  if (input.billingEmail !== undefined)
    changes.billingEmail = input.billingEmail === null ? null : validEmail('billingEmail', input.billingEmail);
  const organization = await applyChanges(ctx, before, changes, active.workspace.id, 'organization.billing_profile_updated');
  return { organization, workspaceId: active.workspace.id };
};

/** Operators only: changes an organization's billing terms (currency, VAT, package, payment type, contacts). */
export const updateOrganizationBilling: Verb<{ organizationId: string; input: OrganizationBillingInput }, OrganizationRow> = async ({
  ctx,
  input,
}) => {
  requireOperator(ctx);
  const before = await requireOrganization(ctx, input.organizationId, 'organizationId');
  const given = input.input;
  const changes: OrganizationBillingChanges = {};
  if (given.currency != null) changes.currency = validCurrency('currency', given.currency);
  if (given.vatRate != null) changes.vatRate = validVatRate(given.vatRate);
  if (given.vatNumber !== undefined)
    changes.vatNumber = given.vatNumber === null ? null : validText('vatNumber', given.vatNumber, VAT_NUMBER_MAX);
  if (given.billingEmail !== undefined)
    changes.billingEmail = given.billingEmail === null ? null : validEmail('billingEmail', given.billingEmail);
  if (given.paymentType != null) changes.paymentType = given.paymentType;
  if (given.package != null) {
    changes.package = given.package;
    if (given.package === 'STANDARD' && before.package !== 'STANDARD') {
      if ((await countLinkedWorkspaces(ctx.db, before.id)) > 0)
        throw conflict('The organization links Workspaces, which needs the Pro package; unlink them first.', 'package');
    }
  }
  return applyChanges(ctx, before, changes, null, 'organization.billing_updated');
};

async function applyChanges(
  ctx: ServiceContext,
  before: OrganizationRow,
  changes: OrganizationBillingChanges,
  workspaceId: string | null,
  action: AuditAction,
): Promise<OrganizationRow> {
  if (!Object.keys(changes).length) return before;
  const updated = await updateOrganizationRow(ctx.db, before.id, changes);
  if (!updated) throw new Error(`organization ${before.id} vanished`);
  ctx.loaders.organization.clear(before.id).prime(before.id, updated);
  const previous = Object.fromEntries(Object.keys(changes).map((key) => [key, before[key as keyof OrganizationRow]]));
  await recordAudit(ctx, { workspaceId, action, targetType: 'organization', targetId: before.id, before: previous, after: changes });
  return updated;
}

/** A VAT rate in percent: a decimal string from 0 to 100 with at most 2 decimals. */
function validVatRate(value: string): string {
  const rate = validDecimal('vatRate', value, 2, 3);
  const [whole = '0', fraction = ''] = rate.split('.');
  if (Number(whole) > 100 || (Number(whole) === 100 && /[1-9]/.test(fraction)))
    throw badInput('vatRate', 'VAT rate must be between 0 and 100 (percent).');
  return rate;
}

async function organizationOf(ctx: ServiceContext, id: string): Promise<OrganizationRow> {
  const organization = await ctx.loaders.organization.load(id);
  if (!organization) throw new Error(`organization ${id} is not readable`);
  return organization;
}
