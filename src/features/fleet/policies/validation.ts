import { badInput } from '../../../errors';
import { labelOf } from '../../../field-labels';
import { validText } from '../../../validation';

const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
export const MAX_COUNTRIES = 300;
export const MAX_NETWORKS = 500;
export const DATA_PLAN_MAX = 200;

/** ISO 3166-1 alpha-2 codes the runtime knows (upper-cased, duplicates collapse). */
export function validCountries(field: string, values: readonly string[]): string[] {
  const codes = [...new Set(values.map((v) => v.trim().toUpperCase()))];
  if (codes.length > MAX_COUNTRIES) throw badInput(field, `At most ${MAX_COUNTRIES} countries.`);
  for (const code of codes) {
    if (!/^[A-Z]{2}$/.test(code) || code === 'ZZ' || !REGIONS.of(code))
      throw badInput(field, `"${code}" is not an ISO 3166-1 alpha-2 country code.`);
  }
  return codes;
}

/** PLMN ids: MCC (3 digits) and MNC (2 or 3 digits). */
export function validNetworks(field: string, values: readonly string[]): string[] {
  const plmns = [...new Set(values.map((v) => v.trim()))];
  if (plmns.length > MAX_NETWORKS) throw badInput(field, `At most ${MAX_NETWORKS} networks.`);
  for (const plmn of plmns) {
    if (!/^\d{5,6}$/.test(plmn)) throw badInput(field, `"${plmn}" is not a PLMN id (MCC and MNC: 5 or 6 digits).`);
  }
  return plmns;
}

/** A monthly limit: a whole number, 0 or more; null means unlimited. */
export function validLimit(field: string, value: number | null): number | null {
  if (value === null) return null;
  if (!Number.isInteger(value) || value < 0)
    throw badInput(field, `${labelOf(field)} must be a whole number, 0 or more (none: unlimited).`);
  return value;
}

export const validDataPlan = (value: string | null): string | null =>
  value === null || !value.trim() ? null : validText('dataPlan', value, DATA_PLAN_MAX);
