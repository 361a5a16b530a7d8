import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

export type Schema = typeof schema;
/** A database or a transaction on it, on either driver (PGlite or node-postgres). */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
