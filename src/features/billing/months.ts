import { badInput } from '../../errors';
import { labelOf } from '../../field-labels';

/** Months are kept as their first day (YYYY-MM-01, UTC) and shown as YYYY-MM. */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A YYYY-MM argument as the first day of that month. */
export function validMonth(field: string, value: string): string {
  const match = MONTH.exec(value.trim());
  if (!match || match[1] === '0000') throw badInput(field, `${labelOf(field)} must be a month formatted YYYY-MM, e.g. 2026-01.`);
  return `${match[1]}-${match[2]}-01`;
}

/** The first day of the current month in UTC. */
export function currentMonth(now = new Date()): string {
  return `${now.toISOString().slice(0, 7)}-01`;
}

/** The first day of the month of an instant, in UTC. */
export function monthOf(instant: Date): string {
  return currentMonth(instant);
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
}

/** The last day of a month (YYYY-MM-DD). */
export function lastDayOf(month: string): string {
  return new Date(Date.parse(`${nextMonth(month)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** YYYY-MM-01 -> YYYY-MM. */
export const monthLabel = (month: string) => month.slice(0, 7);

/** Every month from `newest` back to `oldest`, newest first. */
export function monthsDescending(newest: string, oldest: string): string[] {
  const months: string[] = [];
  for (let m = newest; m >= oldest; m = previousMonth(m)) months.push(m);
  return months;
}
