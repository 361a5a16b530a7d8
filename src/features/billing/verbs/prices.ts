import { requireOperator } from '../../../auth/guard';
import type { PriceListRow } from '../../../db/schema';
import { badInput } from '../../../errors';
import type { PriceListInput } from '../../../graphql/generated/resolvers-types';
import type { Verb } from '../../../server/context';
import { recordAudit } from '../../audit/record';
import { requireWorkspace } from '../../ops/service';
import { validDecimal } from '../money';
import { currentMonth, monthLabel, validMonth } from '../months';
import { upsertPriceList } from '../queries';

/**
 * Operators only: sets a Workspace's prices, in its organization's currency, from a month on (default
 * the current month; never an earlier one, whose invoices are issued). Setting prices again for the
 * same month replaces them. Later months keep using the newest price list until another one starts.
 */
export const setPriceList: Verb<{ workspaceId: string; input: PriceListInput }, PriceListRow> = async ({ ctx, input }) => {
  const viewer = requireOperator(ctx);
  const workspace = await requireWorkspace(ctx, input.workspaceId, 'workspaceId');
  const prices = input.input;
  const values = {
    feePerSim: validDecimal('feePerActivatedSim', prices.feePerActivatedSim, 4),
    pricePerMb: validDecimal('pricePerMb', prices.pricePerMb, 6),
    pricePerSms: validDecimal('pricePerSms', prices.pricePerSms, 4),
  };
  const month = prices.effectiveMonth ? validMonth('effectiveMonth', prices.effectiveMonth) : currentMonth();
  if (month < currentMonth())
    throw badInput('effectiveMonth', 'Prices cannot change for a month that has ended (its invoices are issued).');
  const organization = await ctx.loaders.organization.load(workspace.organizationId);
  if (!organization) throw new Error(`Workspace ${workspace.id} has no organization`);
  const stored = await upsertPriceList(ctx.db, {
    workspaceId: workspace.id,
    effectiveMonth: month,
    currency: organization.currency,
    ...values,
    setBy: viewer.user.id,
    setAt: new Date(),
  });
  if (!stored) throw new Error('upsert returned no price list');
  await recordAudit(ctx, {
    workspaceId: workspace.id,
    action: 'billing.price_list_set',
    targetType: 'price_list',
    targetId: `${workspace.id}:${monthLabel(month)}`,
    after: { effectiveMonth: monthLabel(month), currency: stored.currency, ...values },
  });
  return stored;
};
