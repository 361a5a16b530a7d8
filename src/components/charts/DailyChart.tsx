'use client';

import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { TableScroll } from '../ui/TableScroll';

/** Colours that stay apart for common colour-vision deficiencies (Okabe–Ito). */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export interface ChartSeries {
  /** The field of each row holding this series' value. */
  key: string;
  name: string;
  /** A fixed colour (e.g. the same Workspace in every chart); default: by position. */
  colour?: string;
}

export type ChartRow = { date: string } & Record<string, number | string>;

/**
 * A per-day chart (bars or lines), one series per entry of `series`, with the same numbers in a table
 * for screen readers and anyone who wants them exactly.
 */
export function DailyChart({
  title,
  rows,
  series,
  format,
  kind = 'line',
  height = 240,
}: {
  title: string;
  rows: ChartRow[];
  series: ChartSeries[];
  format: (value: number) => string;
  kind?: 'line' | 'bar';
  height?: number;
}) {
  const titleId = useId();
  const shortDate = (value: string) => value.slice(5);
  const tooltipFormat = (value: unknown) => (typeof value === 'number' ? format(value) : String(value));
  const children = [
    <CartesianGrid key="grid" strokeDasharray="3 3" stroke="#e3e6ea" />,
    <XAxis key="x" dataKey="date" tickFormatter={shortDate} fontSize={12} minTickGap={16} />,
    <YAxis key="y" tickFormatter={(v: number) => format(v)} fontSize={12} width={80} />,
    <Tooltip key="tip" formatter={tooltipFormat} />,
    <Legend key="legend" itemSorter={null} />,
  ];
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="chart-title">
        {title}
      </figcaption>
      <div
        className="chart-canvas"
        role="img"
        aria-label={`${title}: chart of ${rows.length} days for ${series.map((s) => s.name).join(', ')}`}
      >
        <ResponsiveContainer width="100%" height={height}>
          {kind === 'bar' ? (
            <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              {children}
              {series.map((s, i) => (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.name}
                  fill={s.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length]}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          ) : (
            <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              {children}
              {series.map((s, i) => (
                <Line
                  key={s.key}
                  dataKey={s.key}
                  name={s.name}
                  type="linear"
                  stroke={s.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length]}
                  strokeWidth={2}
                  dot={rows.length <= 14}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          )}
        </ResponsiveContainer>
      </div>
      <details className="chart-data">
        <summary>Show the numbers</summary>
        <TableScroll label={title} className="table-scroll">
          <table className="table table-compact">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="num">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.date}>
                  <th scope="row">{row.date}</th>
                  {series.map((s) => (
                    <td key={s.key} className="num">
                      {format(Number(row[s.key] ?? 0))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </figure>
  );
}
