import { GraphQLError, GraphQLScalarType, Kind, type ObjectValueNode, type ValueNode } from 'graphql';

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

/** A JSON value: what JSON.parse can return. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Any JSON value (Event.data). Output: the value as it is, Dates as ISO strings; anything JSON cannot
 * carry (undefined, functions, NaN, bigints, cycles) is a server bug and fails loudly. Input: a
 * variable's JSON as sent, or a literal (objects, lists, strings, numbers, booleans, null, variables).
 */
export const JSONScalar = new GraphQLScalarType<JsonValue, JsonValue>({
  name: 'JSON',
  serialize: (value) => toJson(value, new Set()),
  parseValue: (value) => toJson(value, new Set()),
  parseLiteral: (ast, variables) => fromLiteral(ast, variables ?? null),
});

function toJson(value: unknown, path: Set<object>): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new GraphQLError('JSON cannot hold NaN or Infinity.');
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') throw new GraphQLError(`JSON cannot hold a value of type ${typeof value}.`);
  if (path.has(value)) throw new GraphQLError('JSON cannot hold a cycle.');
  path.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => toJson(item, path));
    const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
    return Object.fromEntries(entries.map(([key, inner]) => [key, toJson(inner, path)]));
  } finally {
    path.delete(value);
  }
}

function fromLiteral(ast: ValueNode, variables: Record<string, unknown> | null): JsonValue {
  switch (ast.kind) {
    case Kind.NULL:
      return null;
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return toJson(Number(ast.value), new Set());
    case Kind.LIST:
      return ast.values.map((item) => fromLiteral(item, variables));
    case Kind.OBJECT:
      return objectLiteral(ast, variables);
    case Kind.VARIABLE:
      return toJson(variables?.[ast.name.value] ?? null, new Set());
    default:
      throw new GraphQLError('JSON literals are objects, lists, strings, numbers, booleans or null.');
  }
}

function objectLiteral(ast: ObjectValueNode, variables: Record<string, unknown> | null): JsonValue {
  const object: { [key: string]: JsonValue } = {};
  for (const field of ast.fields) object[field.name.value] = fromLiteral(field.value, variables);
  return object;
}
