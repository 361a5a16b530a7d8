import { badInput } from '../../errors';
import { labelOf } from '../../field-labels';

/** A report covers at most this many days (a leap year). */
export const MAX_REPORT_DAYS = 366;
/** Without dates a report covers the last 30 days up to today (UTC). */
export const DEFAULT_REPORT_DAYS = 30;

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The first day PostgreSQL and the Date scalar know (there is no year 0000): no range starts before it. */
const FIRST_DAY = '0001-01-01';

export interface DateRange {
  startDate: string;
  endDate: string;
}

const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Today's date in UTC, YYYY-MM-DD. */
export const todayUtc = (now = new Date()) => toDay(now.getTime());

/** A YYYY-MM-DD string that is a real calendar date (routes take dates from query strings). */
export function validDate(field: string, value: string): string {
  if (!DATE.test(value) || Number.isNaN(toTime(value)) || toDay(toTime(value)) !== value || value < FIRST_DAY) {
    throw badInput(field, `${labelOf(field)} must be a calendar date from ${FIRST_DAY}, formatted YYYY-MM-DD.`);
  }
  return value;
}

/**
 * The range of a report. Defaults: endDate today (UTC), startDate 29 days before endDate (30 days), but
 * not before 0001-01-01.
 * startDate after endDate, or more than 366 days, is BAD_USER_INPUT naming startDate.
 */
export function reportRange(startDate: string | null | undefined, endDate: string | null | undefined, now = new Date()): DateRange {
  const end = endDate ?? todayUtc(now);
  // The default start never precedes the first day: 30 days before 0001-01-01 would be in year 0000.
  const start = startDate ?? toDay(Math.max(toTime(end) - (DEFAULT_REPORT_DAYS - 1) * DAY_MS, toTime(FIRST_DAY)));
  const days = dayCount({ startDate: start, endDate: end });
  if (days < 1) throw badInput('startDate', `Start date (${start}) must not be after the end date (${end}).`);
  if (days > MAX_REPORT_DAYS)
    throw badInput('startDate', `A report covers at most ${MAX_REPORT_DAYS} days; ${start} to ${end} is ${days}.`);
  return { startDate: start, endDate: end };
}

/** How many days a range covers, both ends included. */
export function dayCount(range: DateRange): number {
  return Math.round((toTime(range.endDate) - toTime(range.startDate)) / DAY_MS) + 1;
}
