'use client';

import { SimPageDailyUsageDocument, type SimPageDetailFragment } from '../api/generated/graphql';
import { useOperation } from '../api/use-operation';
import { UsagePanel } from '../charts/UsagePanel';
import { useWorkspace } from '../workspace/context';

/** The SIM's usage of the last 30 days (UTC): totals, then data volume per day. */
export function SimUsage({ sim }: { sim: SimPageDetailFragment }) {
  const { workspaceId } = useWorkspace();
  const daily = useOperation(SimPageDailyUsageDocument, { id: sim.id }, { workspaceId });
  return (
    <UsagePanel
      headingId="sim-usage-title"
      heading="Usage, last 30 days"
      totalsLabel="Usage totals"
      totalsClassName="details sim-details"
      usage={sim.usage}
      daily={daily.state}
      days={(data) => data.sim?.dailyUsage}
      reload={daily.reload}
    />
  );
}
