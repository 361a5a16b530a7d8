import { badInput } from '../../errors';

/**
 * Money is exact: amounts travel as decimal strings, are computed in PostgreSQL numeric, and are
 * never parsed into JavaScript numbers. This module only validates and re-formats decimal strings.
 */

/** Digits of a currency's minor unit, as the runtime's ICU (CLDR) knows them: EUR 2, JPY 0, BHD 3. */
export function minorUnits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * A non-negative decimal string with at most `scale` decimals and `integerDigits` digits before the
 * point; returned without leading zeros (e.g. "007.50" -> "7.50").
 */
export function validDecimal(field: string, value: string, scale: number, integerDigits = 10): string {
  const match = DECIMAL.exec(value.trim());
  const whole = match?.[1]?.replace(/^0+(?=\d)/, '') ?? '';
  const fraction = match?.[2] ?? '';
  if (!match || whole.length > integerDigits || fraction.length > scale) {
    throw badInput(
      field,
      `${field} must be a decimal number such as "12.50", 0 or more, with at most ${integerDigits} digits before the point and ${scale} after it.`,
    );
  }
  return fraction ? `${whole}.${fraction}` : whole;
}

/** A decimal string with exactly `digits` decimals. Only zeros may be dropped (amounts are rounded in SQL first). */
export function fixedDecimal(value: string, digits: number): string {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const kept = fraction.slice(0, digits);
  if (/[^0]/.test(fraction.slice(digits))) throw new Error(`${value} is not rounded to ${digits} decimals`);
  const text = digits > 0 ? `${whole}.${kept.padEnd(digits, '0')}` : whole;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/** A decimal string without trailing zeros, but with at least `minDigits` decimals (unit prices, quantities). */
export function trimDecimal(value: string, minDigits = 0): string {
  const [whole = '0', fraction = ''] = value.split('.');
  let kept = fraction.replace(/0+$/, '');
  if (kept.length < minDigits) kept = kept.padEnd(minDigits, '0');
  return kept ? `${whole}.${kept}` : whole;
}

/** "1234.50 EUR" style text for documents (no grouping, so the figure stays exact and unambiguous). */
export const moneyText = (amount: string, currency: string) => `${amount} ${currency}`;
