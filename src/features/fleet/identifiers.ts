import { isIP } from 'node:net';
import { badInput } from '../../errors';
import { labelOf } from '../../field-labels';

/*
 * Validators for the identifiers of the fleet. Each trims its input, returns the normalized value and
 * throws BAD_USER_INPUT naming `field` when the value is malformed.
 */

/** True when the digit string ends with a valid Luhn (mod 10) check digit. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits) || digits.length < 2) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/** The Luhn check digit to append to `payload` (a digit string). */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    // Double every second digit counting from the right, starting with the rightmost one.
    let digit = payload.charCodeAt(payload.length - 1 - i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** `payload` followed by its Luhn check digit. */
export const withLuhn = (payload: string): string => `${payload}${luhnCheckDigit(payload)}`;

/** ICCID: 19 or 20 digits, the last one a Luhn check digit (ITU-T E.118). */
export function validIccid(field: string, value: string): string {
  const iccid = value.trim();
  const problem = iccidProblem(field, iccid);
  if (problem) throw badInput(field, problem);
  return iccid;
}

/** What is wrong with an ICCID (19 or 20 digits, Luhn check digit), in words; null when nothing is. */
export function iccidProblem(field: string, iccid: string): string | null {
  if (!/^\d{19,20}$/.test(iccid)) return `${labelOf(field)} must be 19 or 20 digits.`;
  if (!luhnValid(iccid)) return `${labelOf(field)} has an invalid check digit.`;
  return null;
}

/** IMSI: exactly 15 digits. */
export function validImsi(field: string, value: string): string {
  const imsi = value.trim();
  if (!/^\d{15}$/.test(imsi)) throw badInput(field, `${labelOf(field)} must be exactly 15 digits.`);
  return imsi;
}

/** MSISDN in E.164: a plus sign, a non-zero first digit, at most 15 digits in all. */
export function validMsisdn(field: string, value: string): string {
  const msisdn = value.trim();
  if (!/^\+[1-9]\d{1,14}$/.test(msisdn)) throw badInput(field, `${labelOf(field)} must be an E.164 number such as +491701234567.`);
  return msisdn;
}

/** IMEI: exactly 15 digits, the last one a Luhn check digit. */
export function validImei(field: string, value: string): string {
  const imei = value.trim();
  if (!/^\d{15}$/.test(imei)) throw badInput(field, `${labelOf(field)} must be exactly 15 digits.`);
  if (!luhnValid(imei)) throw badInput(field, `${labelOf(field)} has an invalid check digit.`);
  return imei;
}

/** An IPv4 or IPv6 address (no prefix length, no zone). */
export function validIpAddress(field: string, value: string): string {
  const ip = value.trim();
  if (isIP(ip) === 0 || ip.includes('%')) throw badInput(field, `${labelOf(field)} must be an IPv4 or IPv6 address.`);
  return ip;
}

export const MAX_TAGS = 20;
export const TAG_MAX_LENGTH = 64;

/** Up to 20 tags of 1 to 64 characters each, trimmed; duplicates collapse, order is kept. */
export function validTags(field: string, values: readonly string[]): string[] {
  const tags = [...new Set(values.map((v) => v.trim()))];
  if (tags.some((t) => !t)) throw badInput(field, `Each tag must be 1 to ${TAG_MAX_LENGTH} characters (one is empty).`);
  const long = tags.find((t) => t.length > TAG_MAX_LENGTH);
  if (long !== undefined) throw badInput(field, `Each tag must be 1 to ${TAG_MAX_LENGTH} characters ("${clip(long)}" is longer).`);
  if (tags.length > MAX_TAGS) throw badInput(field, `A device may have at most ${MAX_TAGS} tags.`);
  return tags;
}

const clip = (value: string) => (value.length > 30 ? `${value.slice(0, 30)}…` : value);
