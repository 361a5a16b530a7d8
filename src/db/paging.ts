import { createHmac, timingSafeEqual } from 'node:crypto';
import { asc, desc, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { badInput, isUuid } from '../errors';

/*
 * The one keyset paginator, used by every connection of the API. A sort order is a list of keys
 * ending in a unique one; a cursor holds the order's name (which names the list too, so a cursor of
 * another list or order is refused) and the last row's key values, signed with the server secret so
 * that a cursor the client changed is refused rather than followed. The next page is
 * "(keys) > (values)" (or < when descending): no OFFSET, and rows inserted meanwhile can neither
 * repeat nor push others off a page.
 */

/** A Relay connection as services return it; edges carry the row and its opaque cursor. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** How a key value travels in a cursor and is compared in SQL. */
export type KeyType = 'text' | 'uuid' | 'int' | 'bigint' | 'timestamp' | 'date';
export type KeyValue = string | number;

export interface KeyColumn<Row> {
  /** The column (or expression) compared; absent for lists computed in memory (their source reads `after`). */
  column?: AnyPgColumn | SQL;
  type: KeyType;
  of: (row: Row) => KeyValue;
}

export interface SortOrder<Row> {
  /** Unique across the API ("endpoints:NAME_ASC"), so cursors cannot cross lists or orders. */
  name: string;
  keys: readonly KeyColumn<Row>[];
  descending: boolean;
}

/** What a connection field receives. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** What a source gets to fetch one page. */
export interface PageQuery {
  /** The cursor's key values (one per key of the order), or null on the first page. */
  after: readonly KeyValue[] | null;
  /** "After the cursor" in SQL (undefined on the first page, or when a key has no column: the source then reads `after`). */
  where: SQL | undefined;
  /** The keys that have columns, in SQL order. */
  orderBy: SQL[];
  /** How many rows to fetch: one more than the page, to tell whether another page follows. */
  limit: number;
}

export interface Pagination<Row> {
  /** Signs and checks cursors (the server secret; any context has it). */
  ctx: { secret: string };
  order: SortOrder<Row>;
  page: PageArgs;
  /** Up to `query.limit` rows in the order, after `query.after`. */
  rows: (query: PageQuery) => Promise<Row[]>;
  /** How many rows the whole list has (same filter, no cursor). */
  count: () => Promise<number>;
}

/** Validates `first` (default 50, at most 500). */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput('first', `Page size (first) must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return first;
}

/** One page of a list: validates `first` and `after` (BAD_USER_INPUT on those fields), fetches, builds the edges. */
export async function paginate<Row>({ ctx, order, page, rows, count }: Pagination<Row>): Promise<Connection<Row>> {
  const size = pageSize(page.first);
  const after = decodeCursor(ctx.secret, order, page.after);
  const fetched = await rows({
    after,
    where: after ? afterCondition(order, after) : undefined,
    orderBy: orderByOf(order),
    limit: size + 1,
  });
  const totalCount = await count();
  const edges = fetched.slice(0, size).map((node) => ({ cursor: encodeCursor(ctx.secret, order, node), node }));
  return { edges, pageInfo: { hasNextPage: fetched.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

// ---- the cursor codec ------------------------------------------------------------------------------

const NOT_A_CURSOR = 'after is not a cursor from this list; start again from the first page.';

export function encodeCursor<Row>(secret: string, order: SortOrder<Row>, row: Row): string {
  const payload = Buffer.from(JSON.stringify([order.name, ...order.keys.map((key) => key.of(row))])).toString('base64url');
  return `${payload}.${signature(secret, payload)}`;
}

/** The key values of `after`, checked against the order: anything else is BAD_USER_INPUT on `after`. */
export function decodeCursor<Row>(secret: string, order: SortOrder<Row>, after: string | null | undefined): KeyValue[] | null {
  if (after === null || after === undefined) return null;
  const [payload = '', mac = '', ...rest] = after.split('.');
  if (rest.length || !verify(secret, payload, mac)) throw badInput('after', NOT_A_CURSOR);
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw badInput('after', NOT_A_CURSOR);
  }
  if (!Array.isArray(values) || values.length !== order.keys.length + 1) throw badInput('after', NOT_A_CURSOR);
  const [name, ...keys] = values as unknown[];
  if (name !== order.name)
    throw badInput('after', 'Cursor (after) belongs to another list or sort order; start again from the first page.');
  return order.keys.map((key, i) => validKey(key.type, keys[i]));
}

function signature(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`cursor:${payload}`).digest('base64url').slice(0, 22);
}

function verify(secret: string, payload: string, mac: string): boolean {
  const expected = Buffer.from(signature(secret, payload));
  const given = Buffer.from(mac);
  return payload.length > 0 && given.length === expected.length && timingSafeEqual(given, expected);
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validKey(type: KeyType, value: unknown): KeyValue {
  const ok =
    (type === 'text' && typeof value === 'string') ||
    (type === 'uuid' && typeof value === 'string' && isUuid(value)) ||
    ((type === 'int' || type === 'bigint') && typeof value === 'number' && Number.isSafeInteger(value)) ||
    (type === 'timestamp' && typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))) ||
    (type === 'date' && typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)));
  if (!ok) throw badInput('after', NOT_A_CURSOR);
  return value as KeyValue;
}

// ---- SQL -------------------------------------------------------------------------------------------

const CASTS: Record<KeyType, string> = { text: 'text', uuid: 'uuid', int: 'int', bigint: 'bigint', timestamp: 'timestamptz', date: 'date' };

function afterCondition<Row>(order: SortOrder<Row>, values: readonly KeyValue[]): SQL | undefined {
  const columns = order.keys.map((key) => key.column);
  if (columns.some((column) => column === undefined)) return undefined;
  const left = sql.join(
    columns.map((column) => sql`${column}`),
    sql`, `,
  );
  const right = sql.join(
    order.keys.map((key, i) => sql`${values[i]}::${sql.raw(CASTS[key.type])}`),
    sql`, `,
  );
  return sql`(${left}) ${sql.raw(order.descending ? '<' : '>')} (${right})`;
}

function orderByOf<Row>(order: SortOrder<Row>): SQL[] {
  return order.keys.flatMap((key) => (key.column ? [order.descending ? desc(key.column) : asc(key.column)] : []));
}
