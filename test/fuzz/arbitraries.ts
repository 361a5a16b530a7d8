import fc from 'fast-check';
import {
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { newIccid, newImei } from '../factories';

/** The kinds of object an id argument may name, told by the argument's name (`workspaceId`, `simId`, …). */
export const ID_KINDS = [
  'workspace',
  'organization',
  'user',
  'sim',
  'endpoint',
  'servicePolicy',
  'coveragePolicy',
  'token',
  'request',
] as const;
export type IdKind = (typeof ID_KINDS)[number];

/** Values the seeded database holds, so that some generated inputs name real (and foreign) objects. */
export interface Pools {
  /** Ids of the caller's Workspace and of the others, by kind. */
  ids: Record<IdKind, string[]>;
  /** Registered ICCIDs (own and foreign). */
  iccids: string[];
  /** Emails of existing accounts. */
  emails: string[];
}

/** A JSON value for one argument; `undefined` leaves an optional argument or input field out. */
export type Json = string | number | boolean | null | undefined | Json[] | { [key: string]: Json };

const MEGABYTE = 1024 * 1024;
const INT_EDGES = [0, 1, -1, 2, 49, 50, 500, 501, 1000, 1001, 10_000, 2 ** 31 - 1, -(2 ** 31)];
/** Outside GraphQL's 32-bit Int: graphql-js refuses them, as it must, with BAD_USER_INPUT. */
const INT_BEYOND = [2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53 + 2];
const FLOAT_EDGES = [
  0,
  -0,
  0.5,
  1e-7,
  5e-324,
  1.7976931348623157e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  2 ** 53 + 2,
];

/** Text no service expects: NUL, lone surrogates, SQL and LIKE syntax, controls, huge and empty. */
const HOSTILE_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00',
  '\ud83d',
  '🛰️🚚👩🏽‍🚀',
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  '%',
  '_',
  '\\',
  '%_\\%',
  '$1',
  '\u202e\u200b\ufeff',
  '\r\n\t',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'undefined',
  '{}',
  '[]',
];

/** Text that passes some validation, so that generated calls reach deeper into the services. */
const PLAUSIBLE_TEXT = [
  'Fleet',
  'Sensor 7',
  'EUR',
  'USD',
  'JPY',
  'XXX',
  'eur',
  'DE123456789',
  'ap@example.test',
  'new-user@example.test',
  'correct-horse-battery',
  'short',
  '2026-01',
  '2020-01',
  '9999-12',
  '0000-00',
  '2026-13',
  '19.00',
  '0',
  '100',
  '100.01',
  '-1',
  '0.0001',
  '12.123456789',
  '10.0.0.1',
  '203.0.113.0/24',
  '::1',
  '2001:db8::/32',
  '0.0.0.0/0',
  '999.1.1.1',
  'DE',
  'US',
  'ZZ',
  '26201',
  '310410',
  '1234',
  '+491701234567',
  '262011234567890',
  '356938035643809',
  'tag',
  'a'.repeat(64),
  'a'.repeat(65),
  'a'.repeat(200),
  'a'.repeat(201),
  'a'.repeat(2001),
];

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

/** Any string of UTF-16 code units (lone surrogates included), the kinds above, and 1 MB ones. */
export function textArbitrary(pools: Pools): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT, ...PLAUSIBLE_TEXT) },
    { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.constantFrom(...pools.emails, ...pools.iccids, ...Object.values(pools.ids).flat()) },
    { weight: 1, arbitrary: fc.constant(null).map(() => newIccid()) },
    { weight: 1, arbitrary: fc.emailAddress() },
    {
      weight: 1,
      arbitrary: fc.constantFrom('x'.repeat(MEGABYTE), '🛰'.repeat(MEGABYTE / 4), `${'a'.repeat(MEGABYTE)}\u0000`),
    },
  );
}

/** Own, foreign and random UUIDs, and strings that are no UUID at all. */
function idArbitrary(pools: Pools): fc.Arbitrary<string | number> {
  const all = Object.values(pools.ids).flat();
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...all) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom(...all).map((id) => id.toUpperCase()) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        '1',
        'not-a-uuid',
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
        '00000000000000000000000000000000',
        '{00000000-0000-0000-0000-000000000000}',
        ' 00000000-0000-4000-8000-000000000000',
        '00000000-0000-4000-8000-00000000000g',
      ),
    },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 40 }) },
  );
}

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);
const RECENT = { min: new Date('2019-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true };
const ANY_TIME = { min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true };

function dateArbitrary(pools: Pools): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.date(RECENT).map((date) => isoDay(date.getTime())) },
    { weight: 1, arbitrary: fc.date(ANY_TIME).map((date) => date.toISOString().slice(0, date.toISOString().indexOf('T'))) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '0001-01-01',
        '9999-12-31',
        '0000-01-01',
        '2026-02-30',
        '2026-13-01',
        '2024-02-29',
        '1969-12-31',
        '+275760-09-13',
        '2026-1-1',
        'today',
      ),
    },
    { weight: 1, arbitrary: textArbitrary(pools) },
  );
}

function dateTimeArbitrary(pools: Pools): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.date(RECENT).map((date) => date.toISOString()) },
    { weight: 2, arbitrary: fc.date(ANY_TIME).map((date) => date.toISOString()) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '+275760-09-13T00:00:00.000Z',
        '-271821-04-20T00:00:00.000Z',
        '0000-01-01T00:00:00Z',
        '0001-01-01T00:00:00+01:00',
        '9999-12-31T23:59:59.999Z',
        '9999-12-31T23:59:59-01:00',
        '2030-01-01T10:00:00',
        '2030-01-01',
        '2030-02-30T10:00:00Z',
        '2030-01-01T25:00:00Z',
        '2030-01-01T10:00:00+99:99',
      ),
    },
    { weight: 1, arbitrary: textArbitrary(pools) },
  );
}

function intArbitrary(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...INT_EDGES) },
    { weight: 2, arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) },
    { weight: 1, arbitrary: fc.constantFrom(...INT_BEYOND) },
  );
}

function floatArbitrary(): fc.Arbitrary<number> {
  // NaN and the infinities have no JSON form; JSON.stringify would send null.
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...FLOAT_EDGES) },
    { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 10 ** 12 }) },
  );
}

/** Every declared value of an enum, and (hostile) one it does not have. */
function enumArbitrary(type: GraphQLEnumType, hostile: boolean): fc.Arbitrary<string> {
  const values = fc.constantFrom(...type.getValues().map((value) => value.name));
  return hostile ? fc.oneof({ weight: 9, arbitrary: values }, { weight: 1, arbitrary: fc.constantFrom('NOPE', '', 'active') }) : values;
}

/**
 * How hostile one generated call is: the share of its leaf values drawn from the hostile generators
 * above rather than from plausible ones. A plausible call with one hostile leaf gets past the other
 * checks, to where a hostile value could reach SQL; an all-hostile call tries everything at once.
 */
export type Hostility = 0 | 1 | 3 | 10;
export const HOSTILITIES: Hostility[] = [0, 1, 3, 10];

interface Place {
  /** The operation (root field) called. */
  operation: string;
  /** The argument's or input field's name: plausible values depend on it (`email`, `iccid`, `simId`). */
  name: string;
  pools: Pools;
  hostility: Hostility;
}

/** A value for an input type: nullable positions are sometimes null, lists have 0 to 4 items. */
export function valueArbitrary(type: GraphQLInputType, place: Place): fc.Arbitrary<Json> {
  if (isNonNullType(type)) return requiredArbitrary(type.ofType, place);
  return fc.oneof({ weight: 8, arbitrary: requiredArbitrary(type, place) }, { weight: 1, arbitrary: fc.constant(null) });
}

function requiredArbitrary(type: GraphQLInputType, place: Place): fc.Arbitrary<Json> {
  if (isNonNullType(type)) return requiredArbitrary(type.ofType, place);
  if (isListType(type)) {
    const item = valueArbitrary(type.ofType, place);
    // A single value where a list is expected is coerced to a list of one (GraphQL's input coercion).
    return fc.oneof({ weight: 6, arbitrary: fc.array(item, { maxLength: place.hostility ? 4 : 2 }) }, { weight: 1, arbitrary: item });
  }
  if (isInputObjectType(type)) return inputObjectArbitrary(type, place);
  const { hostility } = place;
  if (hostility === 0) return leafArbitrary(type, place, false);
  if (hostility === 10) return leafArbitrary(type, place, true);
  return fc.oneof(
    { weight: 10 - hostility, arbitrary: leafArbitrary(type, place, false) },
    { weight: hostility, arbitrary: leafArbitrary(type, place, true) },
  );
}

function leafArbitrary(type: GraphQLInputType, place: Place, hostile: boolean): fc.Arbitrary<Json> {
  if (isEnumType(type)) return enumArbitrary(type, hostile);
  if (!isScalarType(type)) throw new Error(`no arbitrary for ${String(type)}`);
  const { pools, name } = place;
  switch (type.name) {
    case 'Int':
      return hostile ? intArbitrary() : fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(1, 10, 50));
    case 'Float':
      return hostile ? floatArbitrary() : fc.oneof(fc.integer({ min: 0, max: 10 ** 6 }), fc.constantFrom(0.25, 1.5));
    case 'Boolean':
      return fc.boolean();
    case 'ID':
      return hostile ? idArbitrary(pools) : fc.constantFrom(...idsNamedBy(name, place.operation, pools));
    case 'Date':
      return hostile ? dateArbitrary(pools) : fc.date(RECENT).map((date) => isoDay(date.getTime()));
    case 'DateTime':
      return hostile ? dateTimeArbitrary(pools) : fc.date(FUTURE).map((date) => date.toISOString());
    default:
      return hostile ? textArbitrary(pools) : plausibleText(name, pools);
  }
}

/** Kinds in the order an operation's name is searched for them (`approveWorkspaceRequest` is about a request). */
const BY_OPERATION: IdKind[] = [
  'request',
  'token',
  'servicePolicy',
  'coveragePolicy',
  'endpoint',
  'sim',
  'organization',
  'workspace',
  'user',
];

/**
 * The ids an argument's name suggests: `workspaceId` names Workspaces, `simId` SIMs; a bare `id` what
 * the operation is about (`deleteEndpoint(id)`: devices).
 */
function idsNamedBy(name: string, operation: string, pools: Pools): string[] {
  const lower = (text: string) => text.toLowerCase();
  const kind =
    name === 'id'
      ? BY_OPERATION.find((candidate) => lower(operation).includes(lower(candidate)))
      : (ID_KINDS.find((candidate) => lower(name).startsWith(lower(candidate))) ??
        (/^mainOrganization/.test(name) ? 'organization' : undefined));
  return kind ? pools.ids[kind] : Object.values(pools.ids).flat();
}

const FUTURE = { min: new Date(Date.now() + 86_400_000), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true };

/** Text of the kind the argument's name asks for, so that the call passes that argument's checks. */
function plausibleText(name: string, pools: Pools): fc.Arbitrary<string> {
  const month = (offset: number) =>
    new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
  const hints: [RegExp, () => fc.Arbitrary<string>][] = [
    [
      /email/i,
      () =>
        fc.oneof(
          fc.constantFrom(...pools.emails),
          fc.nat().map((n) => `fuzz-${n}@example.test`),
        ),
    ],
    [
      /^iccids?$/,
      () =>
        fc.oneof(
          fc.constantFrom(...pools.iccids),
          fc.constant(null).map(() => newIccid()),
        ),
    ],
    [/currency/, () => fc.constantFrom('EUR', 'USD', 'GBP', 'JPY')],
    [/month/i, () => fc.constantFrom(month(0), month(-1), month(-13), month(1))],
    [/vatRate|fee|price/i, () => fc.constantFrom('0', '19.00', '7.5', '0.1234', '100')],
    [/vatNumber/, () => fc.constantFrom('DE123456789', 'GB123456789')],
    [/imei/, () => fc.constant(null).map(() => newImei())],
    [/imsi/, () => fc.constantFrom('262011234567890', '310410123456789')],
    [/msisdn/, () => fc.constantFrom('+491701234567', '491701234568')],
    [/^(ipAddress|allowedIps)$/, () => fc.constantFrom('10.0.0.1', '203.0.113.0/24', '::1', '2001:db8::/32')],
    [/countries/, () => fc.constantFrom('DE', 'FR', 'US')],
    [/networks/, () => fc.constantFrom('26201', '310410')],
    [/password/i, () => fc.constantFrom('correct-horse-battery', 'another-long-password')],
    [/^(search|tag|tags)$/, () => fc.constantFrom('fuzz', '8988', 'Sens', 'de')],
    [/^after$/, () => fc.constantFrom('', 'bm90IGEgY3Vyc29y')],
  ];
  const hint = hints.find(([pattern]) => pattern.test(name));
  return hint
    ? hint[1]()
    : fc.oneof(
        fc.constantFrom('Fleet', 'Sensor 7', 'Ünïcödé 🛰️'),
        fc.nat().map((n) => `Fuzz ${n}`),
      );
}

/** An input object built from its fields; optional ones are sometimes left out, and (hostile) a stray key added. */
function inputObjectArbitrary(type: GraphQLInputObjectType, place: Place): fc.Arbitrary<Json> {
  const fields = Object.values(type.getFields());
  const shape = Object.fromEntries(fields.map((field) => [field.name, valueArbitrary(field.type, { ...place, name: field.name })]));
  const required = fields.filter((field) => isNonNullType(field.type)).map((field) => field.name);
  return fc.tuple(fc.record(shape, { requiredKeys: required }), fc.nat(20)).map(([record, dice]) => {
    const value: { [key: string]: Json } = { ...record };
    if (place.hostility && dice === 0) value.unknownField = 'x';
    return value;
  });
}

/** Arguments of one field at one hostility: every required one, optional ones sometimes left out. */
export function argumentsArbitrary(
  operation: GraphQLField<unknown, unknown>,
  pools: Pools,
  hostility: Hostility,
): fc.Arbitrary<Record<string, Json>> {
  const args = operation.args;
  const place = (name: string) => ({ operation: operation.name, name, pools, hostility });
  const shape = Object.fromEntries(args.map((argument) => [argument.name, valueArbitrary(argument.type, place(argument.name))]));
  const required = args.filter((argument) => isNonNullType(argument.type)).map((argument) => argument.name);
  return fc.record(shape, { requiredKeys: required });
}
