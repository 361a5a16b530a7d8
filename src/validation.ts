import { badInput } from './errors';
import { labelOf } from './field-labels';

export const NAME_MAX = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** A trimmed display name of 1 to `max` characters. */
export function validName(field: string, value: string, max = NAME_MAX): string {
  const name = value.trim();
  if (!name || name.length > max) throw badInput(field, `${labelOf(field)} must be 1 to ${max} characters.`);
  return name;
}

export function validEmail(field: string, value: string): string {
  const email = value.trim();
  if (email.length > 254 || !EMAIL.test(email)) throw badInput(field, `${labelOf(field)} is not a valid email address.`);
  return email;
}

/** An ISO 4217 code, as the runtime's ICU knows them (e.g. EUR, USD, GBP). */
export function validCurrency(field: string, value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !CURRENCIES.has(code))
    throw badInput(field, `${labelOf(field)} must be an ISO 4217 currency code such as EUR.`);
  return code;
}

export function validText(field: string, value: string, max: number): string {
  const text = value.trim();
  if (!text || text.length > max) throw badInput(field, `${labelOf(field)} must be 1 to ${max} characters.`);
  return text;
}
