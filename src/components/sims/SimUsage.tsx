'use client';

import { SimPageDailyUsageDocument, type SimPageDetailFragment } from '../api/generated/graphql';
import { useOperation } from '../api/use-operation';
import { DailyChart } from '../charts/DailyChart';
import { formatBytes, formatCount, formatDate, formatMoney } from '../format';
import { ErrorNotice, Loading } from '../states';
import { useWorkspace } from '../workspace/context';

/** The SIM's usage of the last 30 days (UTC): totals, then data volume per day. */
export function SimUsage({ sim }: { sim: SimPageDetailFragment }) {
  const { workspaceId } = useWorkspace();
  const u = sim.usage;
  const daily = useOperation(SimPageDailyUsageDocument, { id: sim.id }, { workspaceId });
  return (
    <section className="card" aria-labelledby="sim-usage-title">
      <h2 id="sim-usage-title">Usage, last 30 days</h2>
      <p className="muted small">
        {formatDate(u.startDate)} to {formatDate(u.endDate)} (UTC)
      </p>
      <dl className="details sim-details" aria-label="Usage totals">
        <div>
          <dt>Data sent</dt>
          <dd>{formatBytes(u.bytesUp)}</dd>
        </div>
        <div>
          <dt>Data received</dt>
          <dd>{formatBytes(u.bytesDown)}</dd>
        </div>
        <div>
          <dt>SMS sent / received</dt>
          <dd>
            {formatCount(u.smsSent)} / {formatCount(u.smsReceived)}
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>{formatMoney(u.cost, u.currency)}</dd>
        </div>
      </dl>
      {daily.state.status === 'loading' && <Loading label="Loading daily usage…" />}
      {daily.state.status === 'error' && (
        <ErrorNotice title="Daily usage could not be loaded" message={daily.state.error.message} onRetry={daily.reload} />
      )}
      {daily.state.status === 'ready' && daily.state.data.sim && (
        <DailyChart
          title="Data volume per day"
          kind="bar"
          format={formatBytes}
          series={[
            { key: 'bytesUp', name: 'Sent' },
            { key: 'bytesDown', name: 'Received' },
          ]}
          rows={daily.state.data.sim.dailyUsage.map((d) => ({ date: d.date, bytesUp: d.bytesUp, bytesDown: d.bytesDown }))}
          height={200}
        />
      )}
    </section>
  );
}
