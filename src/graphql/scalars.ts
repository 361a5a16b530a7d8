import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/*
 * The instants and days an input may name: years 0001 to 9999, RFC 3339's four-digit years. Beyond them
 * nothing can be stored: JavaScript writes later years with six digits and a sign (+275760-09-13), which
 * PostgreSQL reads as a time zone offset, and year 0000 does not exist in PostgreSQL (both raised SQL
 * errors, answered as internal ones).
 */
const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00.000Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');
const inRange = (time: number) => time >= FIRST_INSTANT && time <= LAST_INSTANT;

/** YYYY-MM-DD, validated as a real calendar date. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null),
});

/** ISO 8601 instants; inputs must carry a time zone. */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
});

function parseDate(value: unknown): string {
  const time = typeof value === 'string' && DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  // Date.parse rolls 2026-02-30 over to March; a real calendar date survives the round trip.
  if (typeof value !== 'string' || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) {
    // A GraphQLError is reported as bad input (named by src/graphql/input-edge.ts), not as an internal error.
    throw new GraphQLError('Date must be a calendar date formatted YYYY-MM-DD.');
  }
  if (!inRange(time)) throw new GraphQLError('Date must be a day from 0001-01-01 to 9999-12-31.');
  return value;
}

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !/(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError('DateTime must be an ISO 8601 date-time with a time zone, e.g. 2026-12-01T10:00:00Z.');
  }
  const time = Date.parse(value);
  if (!inRange(time)) throw new GraphQLError('DateTime must be an instant from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z (UTC).');
  return new Date(time).toISOString();
}
