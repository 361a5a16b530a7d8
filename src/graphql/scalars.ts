import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

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
    // A GraphQLError is reported as bad input (with the variable's name), not as an internal error.
    throw new GraphQLError('Date must be a calendar date formatted YYYY-MM-DD.');
  }
  return value;
}

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !/(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError('DateTime must be an ISO 8601 date-time with a time zone, e.g. 2026-12-01T10:00:00Z.');
  }
  return new Date(value).toISOString();
}
