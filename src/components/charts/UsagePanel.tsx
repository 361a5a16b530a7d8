'use client';

import type { OperationState } from '../api/use-operation';
import { formatBytes, formatCount, formatDate, formatMoney } from '../format';
import { ErrorNotice, Loading } from '../states';
import { DailyChart } from './DailyChart';

/** A usage period's totals, as the API's `Usage` type answers them. */
export interface UsageTotals {
  startDate: string;
  endDate: string;
  bytesUp: number;
  bytesDown: number;
  smsSent: number;
  smsReceived: number;
  cost: number;
  currency: string;
}

interface DailyVolume {
  date: string;
  bytesUp: number;
  bytesDown: number;
}

/**
 * The usage card of a device's and a SIM's page: the period, its totals, then data volume per day
 * from a separate query (`daily`; `days` picks the days out of its answer, none when the item is gone).
 */
export function UsagePanel<TData>({
  headingId,
  heading,
  periodNote = '',
  totalsLabel,
  totalsClassName = 'details',
  usage: u,
  daily,
  days,
  reload,
}: {
  headingId: string;
  heading: string;
  /** Said after the period, e.g. whose usage it is. */
  periodNote?: string;
  /** The accessible name of the totals list. */
  totalsLabel: string;
  totalsClassName?: string;
  usage: UsageTotals;
  daily: OperationState<TData>;
  days: (data: TData) => DailyVolume[] | null | undefined;
  reload: () => void;
}) {
  const rows = daily.status === 'ready' ? days(daily.data) : null;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <p className="muted small">
        {formatDate(u.startDate)} to {formatDate(u.endDate)} (UTC){periodNote}
      </p>
      <dl className={totalsClassName} aria-label={totalsLabel}>
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
      {daily.status === 'loading' && <Loading label="Loading daily usage…" />}
      {daily.status === 'error' && <ErrorNotice title="Daily usage could not be loaded" message={daily.error.message} onRetry={reload} />}
      {rows && (
        <DailyChart
          title="Data volume per day"
          kind="bar"
          format={formatBytes}
          series={[
            { key: 'bytesUp', name: 'Sent' },
            { key: 'bytesDown', name: 'Received' },
          ]}
          rows={rows.map((d) => ({ date: d.date, bytesUp: d.bytesUp, bytesDown: d.bytesDown }))}
          height={200}
        />
      )}
    </section>
  );
}
