import { AppError } from '../../errors';
import { luhnValid, validIccid, validImei, validImsi, validIpAddress, validMsisdn, validTags, withLuhn } from './identifiers';

/** The BAD_USER_INPUT field a validator throws, or null when the value passes. */
function refusal(validate: (field: string, value: string) => unknown, value: string): string | null {
  try {
    validate('theField', value);
    return null;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'BAD_USER_INPUT') throw error;
    return error.field ?? '';
  }
}

/** `digits` with its last (check) digit changed: a Luhn failure. */
const breakCheck = (digits: string) => digits.slice(0, -1) + String((Number(digits.at(-1)) + 1) % 10);

describe('fleet identifiers', () => {
  it('computes Luhn check digits', () => {
    expect(luhnValid('79927398713')).toBe(true); // the textbook example
    expect(luhnValid('79927398710')).toBe(false);
    expect(withLuhn('7992739871')).toBe('79927398713');
    expect(luhnValid('490154203237518')).toBe(true); // a published IMEI
    expect(luhnValid('89014103211118510720')).toBe(true); // a published 20-digit ICCID
  });

  it.each([
    ['19 digits', withLuhn('898830300000000001'), null],
    ['20 digits', '89014103211118510720', null],
    ['surrounding spaces', ` ${withLuhn('898830300000000001')} `, null],
    ['Luhn failure (19)', breakCheck(withLuhn('898830300000000001')), 'theField'],
    ['Luhn failure (20)', breakCheck('89014103211118510720'), 'theField'],
    ['18 digits', withLuhn('89883030000000000'), 'theField'],
    ['21 digits', withLuhn('89883030000000000000'), 'theField'],
    ['a letter', '8988303000000000A01', 'theField'],
    ['empty', '', 'theField'],
  ])('ICCID: %s', (_, value, field) => expect(refusal(validIccid, value)).toBe(field));

  it.each([
    ['15 digits', '901430000000001', null],
    ['14 digits', '90143000000000', 'theField'],
    ['16 digits', '9014300000000012', 'theField'],
    ['a letter', '90143000000000X', 'theField'],
    ['a sign', '+90143000000000', 'theField'],
  ])('IMSI: %s', (_, value, field) => expect(refusal(validImsi, value)).toBe(field));

  it.each([
    ['E.164', '+491701234567', null],
    ['shortest', '+12', null],
    ['15 digits', '+123456789012345', null],
    ['16 digits', '+1234567890123456', 'theField'],
    ['no plus', '491701234567', 'theField'],
    ['leading zero', '+0491701234567', 'theField'],
    ['spaces inside', '+49 170 1234567', 'theField'],
    ['dashes', '+49-170-1234567', 'theField'],
  ])('MSISDN: %s', (_, value, field) => expect(refusal(validMsisdn, value)).toBe(field));

  it.each([
    ['15 digits with Luhn', '490154203237518', null],
    ['Luhn failure', breakCheck('490154203237518'), 'theField'],
    ['14 digits', '49015420323751', 'theField'],
    ['16 digits (IMEISV)', '4901542032375101', 'theField'],
    ['a letter', '49015420323751A', 'theField'],
  ])('IMEI: %s', (_, value, field) => expect(refusal(validImei, value)).toBe(field));

  it.each([
    ['IPv4', '192.0.2.10', null],
    ['IPv6', '2001:db8::1', null],
    ['IPv4-mapped IPv6', '::ffff:192.0.2.10', null],
    ['octet too big', '192.0.2.256', 'theField'],
    ['three octets', '192.0.2', 'theField'],
    ['with a prefix length', '192.0.2.0/24', 'theField'],
    ['with a zone', 'fe80::1%eth0', 'theField'],
    ['a host name', 'device.example', 'theField'],
  ])('IP address: %s', (_, value, field) => expect(refusal(validIpAddress, value)).toBe(field));

  it('accepts up to 20 tags of up to 64 characters, trimmed, without duplicates', () => {
    expect(validTags('tags', [' a ', 'b', 'a'])).toEqual(['a', 'b']);
    expect(
      validTags(
        'tags',
        Array.from({ length: 20 }, (_, i) => `t${i}`),
      ),
    ).toHaveLength(20);
    expect(() =>
      validTags(
        'tags',
        Array.from({ length: 21 }, (_, i) => `t${i}`),
      ),
    ).toThrow(AppError);
    expect(() => validTags('tags', ['x'.repeat(65)])).toThrow(AppError);
    expect(() => validTags('tags', [''])).toThrow(AppError);
  });
});
