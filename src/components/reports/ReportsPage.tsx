'use client';

import { useMemo, useState } from 'react';
import {
  type DailyUsagePointFragment,
  WorkspaceDailyStatsDocument,
  type WorkspaceDailyStatsQuery,
  type WorkspaceStatsItemFragment,
} from '../api/generated/graphql';
import { useOperation } from '../api/use-operation';
import { type ChartRow, DailyChart, SERIES_COLOURS } from '../charts/DailyChart';
import { formatBytes, formatCount, formatDate, formatMoney, isoDay, roleLabel } from '../format';
import { EmptyState, ErrorNotice, Loading } from '../states';
import { PageHeader } from '../ui/PageHeader';
import { TableScroll } from '../ui/TableScroll';
import { useWorkspace } from '../workspace/context';

const MAX_DAYS = 366;
const DAY_MS = 86_400_000;
const daysBetween = (start: string, end: string) => (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS + 1;

/**
 * The centralized report: usage per day of any set of Workspaces the viewer can enter, a chart per
 * metric (cost: one per currency), totals per currency (never summed across currencies), and a CSV.
 */
export function ReportsPage() {
  const ctx = useWorkspace();
  const [endDate, setEndDate] = useState(() => isoDay(0));
  const [startDate, setStartDate] = useState(() => isoDay(-29));
  const [selected, setSelected] = useState<string[]>(() => ctx.workspaces.map((w) => w.workspace.id));

  const ordered = ctx.workspaces.filter((w) => selected.includes(w.workspace.id)).map((w) => w.workspace.id);
  const rangeError =
    !startDate || !endDate
      ? 'Choose a start and an end date.'
      : startDate > endDate
        ? 'The start date must not be after the end date.'
        : daysBetween(startDate, endDate) > MAX_DAYS
          ? `A report covers at most ${MAX_DAYS} days.`
          : null;
  const csvHref = `/api/reports/daily.csv?${new URLSearchParams({ startDate, endDate, workspaceIds: ordered.join(',') }).toString()}`;

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => (on ? [...current.filter((x) => x !== id), id] : current.filter((x) => x !== id)));

  return (
    <>
      <PageHeader
        title="Reports"
        workspaceName={ctx.workspace.name}
        lead="Usage per day across the Workspaces you can enter. Each Workspace is billed in its own currency: costs are totalled per currency, never across currencies."
      />
      <form className="card report-form" aria-label="Report settings" onSubmit={(e) => e.preventDefault()}>
        <div className="report-dates">
          <label className="field">
            <span>From</span>
            <input type="date" value={startDate} max={endDate || undefined} onChange={(e) => setStartDate(e.target.value)} />
          </label>
          <label className="field">
            <span>To</span>
            <input type="date" value={endDate} min={startDate || undefined} onChange={(e) => setEndDate(e.target.value)} />
          </label>
          <fieldset className="quick-ranges">
            <legend className="visually-hidden">Quick ranges</legend>
            {[7, 30, 90].map((days) => (
              <button
                key={days}
                type="button"
                className="button button-small"
                onClick={() => {
                  setEndDate(isoDay(0));
                  setStartDate(isoDay(-(days - 1)));
                }}
              >
                Last {days} days
              </button>
            ))}
          </fieldset>
        </div>
        <fieldset className="workspace-choice">
          <legend>Workspaces</legend>
          {ctx.workspaces.map((w) => (
            <label key={w.workspace.id} className="checkbox">
              <input
                type="checkbox"
                checked={selected.includes(w.workspace.id)}
                onChange={(e) => toggle(w.workspace.id, e.target.checked)}
              />
              {w.workspace.name}{' '}
              <span className="muted small">
                ({w.workspace.organization.name} · {roleLabel(w.role)})
              </span>
            </label>
          ))}
          <div className="row-actions">
            <button type="button" className="button button-small" onClick={() => setSelected(ctx.workspaces.map((w) => w.workspace.id))}>
              Select all
            </button>
            <button type="button" className="button button-small" onClick={() => setSelected([])}>
              Clear
            </button>
          </div>
        </fieldset>
        {rangeError && (
          <p className="form-error" role="alert">
            {rangeError}
          </p>
        )}
      </form>
      {rangeError ? null : ordered.length === 0 ? (
        <EmptyState title="No Workspace chosen">Tick at least one Workspace above.</EmptyState>
      ) : (
        <Report startDate={startDate} endDate={endDate} workspaceIds={ordered} csvHref={csvHref} />
      )}
    </>
  );
}

function Report({
  startDate,
  endDate,
  workspaceIds,
  csvHref,
}: {
  startDate: string;
  endDate: string;
  workspaceIds: string[];
  csvHref: string;
}) {
  const { workspaceId } = useWorkspace();
  const { state, reload } = useOperation(WorkspaceDailyStatsDocument, { startDate, endDate, workspaceIds }, { workspaceId });
  if (state.status === 'loading') return <Loading label="Loading the report…" />;
  if (state.status === 'error')
    return <ErrorNotice title="The report could not be loaded" message={state.error.message} onRetry={reload} />;
  return <ReportView report={state.data.workspaceDailyStats} csvHref={csvHref} />;
}

type ReportData = WorkspaceDailyStatsQuery['workspaceDailyStats'];

/** One row per day; each Workspace's value under `w<index>`. */
function rowsOf(workspaces: WorkspaceStatsItemFragment[], value: (d: DailyUsagePointFragment) => number): ChartRow[] {
  const dates = workspaces[0]?.days.map((d) => d.date) ?? [];
  return dates.map((date, i) => {
    const row: ChartRow = { date };
    workspaces.forEach((w, index) => {
      const day = w.days[i];
      row[`w${index}`] = day ? value(day) : 0;
    });
    return row;
  });
}

function ReportView({ report, csvHref }: { report: ReportData; csvHref: string }) {
  const charts = useMemo(() => {
    const all = report.workspaces;
    // Each Workspace keeps its colour in every chart.
    const seriesOf = (list: WorkspaceStatsItemFragment[]) =>
      list.map((w) => {
        const index = all.indexOf(w);
        return { key: `w${index}`, name: w.workspace.name, colour: SERIES_COLOURS[index % SERIES_COLOURS.length] };
      });
    const currencies = [...new Set(all.map((w) => w.currency))].sort();
    return {
      data: { rows: rowsOf(all, (d) => d.bytesUp + d.bytesDown), series: seriesOf(all) },
      sms: { rows: rowsOf(all, (d) => d.smsSent + d.smsReceived), series: seriesOf(all) },
      cost: currencies.map((currency) => {
        const inCurrency = all.filter((w) => w.currency === currency);
        return { currency, rows: rowsOf(all, (d) => d.cost), series: seriesOf(inCurrency) };
      }),
    };
  }, [report]);

  return (
    <>
      <div className="report-meta">
        <p className="muted">
          {formatDate(report.startDate)} to {formatDate(report.endDate)} (UTC days) · {report.workspaces.length} Workspace
          {report.workspaces.length === 1 ? '' : 's'}
        </p>
        <a className="button button-small" href={csvHref} download>
          Download CSV
        </a>
      </div>
      <section className="card" aria-labelledby="totals-title">
        <h2 id="totals-title">Totals per currency</h2>
        <p className="muted small">Each currency on its own line: amounts in different currencies are never added together.</p>
        <TableScroll label="Totals per currency table" className="table-scroll">
          <table className="table" aria-labelledby="totals-title">
            <thead>
              <tr>
                <th scope="col">Currency</th>
                <th scope="col">Workspaces</th>
                <th scope="col" className="num">
                  Data sent
                </th>
                <th scope="col" className="num">
                  Data received
                </th>
                <th scope="col" className="num">
                  SMS sent
                </th>
                <th scope="col" className="num">
                  SMS received
                </th>
                <th scope="col" className="num">
                  Cost
                </th>
              </tr>
            </thead>
            <tbody>
              {report.totals.map((t) => (
                <tr key={t.currency}>
                  <th scope="row">{t.currency}</th>
                  <td className="small">
                    {report.workspaces
                      .filter((w) => w.currency === t.currency)
                      .map((w) => w.workspace.name)
                      .join(', ')}
                  </td>
                  <td className="num">{formatBytes(t.bytesUp)}</td>
                  <td className="num">{formatBytes(t.bytesDown)}</td>
                  <td className="num">{formatCount(t.smsSent)}</td>
                  <td className="num">{formatCount(t.smsReceived)}</td>
                  <td className="num strong">{formatMoney(t.costDecimal, t.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      <section className="card" aria-labelledby="charts-title">
        <h2 id="charts-title">Per day</h2>
        <div className="charts">
          <DailyChart title="Data volume (sent + received)" rows={charts.data.rows} series={charts.data.series} format={formatBytes} />
          <DailyChart title="SMS (sent + received)" rows={charts.sms.rows} series={charts.sms.series} format={formatCount} />
          {charts.cost.map((c) => (
            <DailyChart
              key={c.currency}
              title={`Cost in ${c.currency}`}
              kind="bar"
              rows={c.rows}
              series={c.series}
              format={(v) => formatMoney(v, c.currency)}
            />
          ))}
        </div>
      </section>
      <section className="card" aria-labelledby="per-workspace-title">
        <h2 id="per-workspace-title">Per Workspace</h2>
        <TableScroll label="Per Workspace table" className="table-scroll">
          <table className="table" aria-labelledby="per-workspace-title">
            <thead>
              <tr>
                <th scope="col">Workspace</th>
                <th scope="col" className="num">
                  Data
                </th>
                <th scope="col" className="num">
                  SMS
                </th>
                <th scope="col" className="num">
                  Cost
                </th>
              </tr>
            </thead>
            <tbody>
              {report.workspaces.map((w) => {
                const sum = (f: (d: DailyUsagePointFragment) => number) => w.days.reduce((acc, d) => acc + f(d), 0);
                return (
                  <tr key={w.workspace.id}>
                    <th scope="row">{w.workspace.name}</th>
                    <td className="num">{formatBytes(sum((d) => d.bytesUp + d.bytesDown))}</td>
                    <td className="num">{formatCount(sum((d) => d.smsSent + d.smsReceived))}</td>
                    <td className="num">{formatMoney(Math.round(sum((d) => d.cost) * 10_000) / 10_000, w.currency)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </>
  );
}
