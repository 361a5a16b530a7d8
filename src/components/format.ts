import type { Package, Role } from './api/generated/graphql';

const ROLE_LABELS: Record<Role, string> = {
  SUPER_ADMIN: 'SuperAdmin',
  ADMINISTRATOR: 'Administrator',
  USER: 'User',
  OBSERVER: 'Observer',
};

const PACKAGE_LABELS: Record<Package, string> = { STANDARD: 'Standard', PRO: 'Pro' };

export const roleLabel = (role: Role): string => ROLE_LABELS[role];
export const packageLabel = (pkg: Package): string => PACKAGE_LABELS[pkg];

/** A date as the reader's locale writes it, e.g. "3 Mar 2026". */
export function formatDate(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** A date and time as the reader's locale writes it, e.g. "3 Mar 2026, 14:05". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? value
    : date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A byte count in decimal units (1 MB = 1,000,000 bytes, as the bills count). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toLocaleString(undefined, { maximumFractionDigits: unit === 0 ? 0 : value < 10 ? 2 : 1 })} ${units[unit]}`;
}

/** An amount in a currency, e.g. "€1,234.50"; an unknown code is written after the number. */
export function formatMoney(amount: number | string, currency: string): string {
  const value = typeof amount === 'string' ? Number(amount) : amount;
  try {
    // The currency's own minor unit (EUR 2, JPY 0, BHD 3): usage costs carry sub-cent precision.
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

/** A whole number with the reader's grouping, e.g. "12,345". */
export const formatCount = (value: number): string => value.toLocaleString();

/** An UPPER_SNAKE enum value as words: "FACTORY_TEST" → "Factory test". */
export function enumLabel(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Today (UTC) as YYYY-MM-DD, or `days` before/after it. */
export function isoDay(offsetDays = 0, from: Date = new Date()): string {
  return new Date(from.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** How long ago, in the largest whole unit: "3 days ago", "5 minutes ago" (exact time: formatDateTime). */
export function formatAge(value: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(value).getTime() - now) / 1000);
  if (Number.isNaN(seconds)) return value;
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  return rtf.format(seconds, 'second');
}
