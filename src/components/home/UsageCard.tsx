'use client';

import { ChartColumn } from 'lucide-react';
import { useState } from 'react';
import { WorkspaceDailyStatsDocument, type WorkspaceDailyStatsQuery } from '../api/generated/graphql';
import { useOperation } from '../api/use-operation';
import { DailyChart } from '../charts/DailyChart';
import { formatBytes, formatCount, formatDate, formatMoney, isoDay } from '../format';
import { ErrorNotice, Loading } from '../states';
import { useWorkspace } from '../workspace/context';

/** Usage of the last 30 days (UTC) of this Workspace: totals and data volume per day. */
export function UsageCard() {
  const { workspaceId, workspace } = useWorkspace();
  // The dates are fixed once per mount so a re-render does not ask again at midnight.
  const [[startDate, endDate]] = useState(() => [isoDay(-29), isoDay(0)] as const);
  const { state, reload } = useOperation(WorkspaceDailyStatsDocument, { startDate, endDate, workspaceIds: [workspaceId] }, { workspaceId });
  return (
    <section className="card" aria-labelledby="home-usage-title">
      <h2 id="home-usage-title" className="home-card-title">
        <ChartColumn size={18} aria-hidden="true" />
        Usage, last 30 days
      </h2>
      {state.status === 'loading' && <Loading label="Loading usage…" />}
      {state.status === 'error' && <ErrorNotice title="Usage could not be loaded" message={state.error.message} onRetry={reload} />}
      {state.status === 'ready' && (
        <UsageView report={state.data.workspaceDailyStats} currency={workspace.organization.currency} workspaceId={workspaceId} />
      )}
    </section>
  );
}

type Report = WorkspaceDailyStatsQuery['workspaceDailyStats'];

function UsageView({ report, currency, workspaceId }: { report: Report; currency: string; workspaceId: string }) {
  const mine = report.workspaces.find((w) => w.workspace.id === workspaceId);
  const days = mine?.days ?? [];
  const sum = (pick: (d: (typeof days)[number]) => number) => days.reduce((total, d) => total + pick(d), 0);
  const cost = sum((d) => d.cost);
  return (
    <>
      <p className="muted small">
        {formatDate(report.startDate)} to {formatDate(report.endDate)} (UTC)
      </p>
      <dl className="details home-usage-totals" aria-label="Usage totals">
        <div>
          <dt>Data sent</dt>
          <dd>{formatBytes(sum((d) => d.bytesUp))}</dd>
        </div>
        <div>
          <dt>Data received</dt>
          <dd>{formatBytes(sum((d) => d.bytesDown))}</dd>
        </div>
        <div>
          <dt>SMS sent / received</dt>
          <dd>
            {formatCount(sum((d) => d.smsSent))} / {formatCount(sum((d) => d.smsReceived))}
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>{formatMoney(cost, mine?.currency ?? currency)}</dd>
        </div>
      </dl>
      <DailyChart
        title="Data volume per day"
        kind="bar"
        format={formatBytes}
        series={[
          { key: 'bytesUp', name: 'Sent' },
          { key: 'bytesDown', name: 'Received' },
        ]}
        rows={days.map((d) => ({ date: d.date, bytesUp: d.bytesUp, bytesDown: d.bytesDown }))}
        height={200}
      />
    </>
  );
}
