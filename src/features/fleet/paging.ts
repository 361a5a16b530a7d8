import { asc, desc, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { badInput, isUuid } from '../../errors';
import { decodeCursor, encodeCursor } from '../../graphql/connection';

/*
 * Keyset pagination for the fleet lists. A sort order is a list of columns ending in a unique one;
 * the cursor holds the order's name and the last row's values of those columns, and the next page is
 * "(columns) > (values)" (or < when descending): no OFFSET, and rows inserted meanwhile can neither
 * repeat nor push others off a page.
 */

type KeyType = 'text' | 'uuid' | 'bigint';

export interface KeyColumn<Row> {
  column: AnyPgColumn;
  type: KeyType;
  of: (row: Row) => string | number;
}

export interface SortOrder<Row> {
  name: string;
  keys: readonly KeyColumn<Row>[];
  descending: boolean;
}

export interface Keyset<Row> {
  order: SortOrder<Row>;
  /** The condition "after the cursor", or undefined on the first page. */
  after: SQL | undefined;
  orderBy: SQL[];
  cursorOf: (row: Row) => string;
}

/** Parses `after` for `order` (a cursor of another order is BAD_USER_INPUT) and builds the keyset pieces. */
export function keyset<Row>(order: SortOrder<Row>, after: string | null | undefined): Keyset<Row> {
  const values = decodeCursor(after, order.keys.length + 1);
  let condition: SQL | undefined;
  if (values) {
    const [name, ...rest] = values;
    if (name !== order.name) throw badInput('after', 'after is a cursor of another sort order; start again from the first page.');
    const params = order.keys.map((key, i) => typedValue(key.type, rest[i]));
    const columns = sql.join(
      order.keys.map((k) => sql`${k.column}`),
      sql`, `,
    );
    condition = sql`(${columns}) ${sql.raw(order.descending ? '<' : '>')} (${sql.join(params, sql`, `)})`;
  }
  return {
    order,
    after: condition,
    orderBy: order.keys.map((k) => (order.descending ? desc(k.column) : asc(k.column))),
    cursorOf: (row) => encodeCursor([order.name, ...order.keys.map((k) => k.of(row))]),
  };
}

function typedValue(type: KeyType, value: string | number | undefined): SQL {
  if (type === 'bigint' && typeof value === 'number' && Number.isSafeInteger(value)) return sql`${value}::bigint`;
  if (type === 'uuid' && typeof value === 'string' && isUuid(value)) return sql`${value}::uuid`;
  if (type === 'text' && typeof value === 'string') return sql`${value}::text`;
  throw badInput('after', 'after is not a cursor from this list.');
}

/** A search term: trimmed, at most 100 characters; null when empty. */
export function searchTerm(value: string | null | undefined): string | null {
  const term = value?.trim() ?? '';
  if (!term) return null;
  if (term.length > 100) throw badInput('search', 'search must be at most 100 characters.');
  return term;
}

/** A LIKE pattern matching strings that start with `prefix` (lower-cased; % _ \ escaped). */
export function lowerPrefixPattern(prefix: string): string {
  return `${prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Matches `column` values starting with the digit string `prefix`, as an index-friendly range:
 * column >= prefix AND column < prefix-plus-one ("8949" -> "8950"; all nines have no upper bound).
 * For digit-only values every collation orders like this.
 */
export function digitPrefix(column: AnyPgColumn, prefix: string, lead = ''): SQL {
  const upper = incrementDigits(prefix);
  return upper === null ? sql`${column} >= ${lead + prefix}` : sql`(${column} >= ${lead + prefix} AND ${column} < ${lead + upper})`;
}

function incrementDigits(digits: string): string | null {
  const chars = [...digits];
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] !== '9') {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.slice(0, i + 1).join('');
    }
  }
  return null;
}

/** The digits of a search term that looks like an identifier ("8949…", "+4917…"), else null. */
export function identifierDigits(term: string): { digits: string; plus: boolean } | null {
  const match = /^(\+?)(\d+)$/.exec(term.replace(/\s+/g, ''));
  return match ? { digits: match[2] ?? '', plus: match[1] === '+' } : null;
}

/** An optional status list: empty or omitted means any status. */
export const statusList = <T>(values: readonly T[] | null | undefined): T[] | null =>
  values && values.length ? [...new Set(values)] : null;
