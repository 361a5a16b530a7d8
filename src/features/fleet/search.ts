import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { badInput } from '../../errors';

/*
 * The search and filter helpers of the fleet lists (devices and SIMs): arguments checked and turned
 * into index-friendly SQL conditions. Search matches any part of a name or identifier (trigram indexes).
 */

/** A search term: trimmed, at most 100 characters; null when empty. */
export function searchTerm(value: string | null | undefined): string | null {
  const term = value?.trim() ?? '';
  if (!term) return null;
  if (term.length > 100) throw badInput('search', 'Search must be at most 100 characters.');
  return term;
}

/** A LIKE pattern matching strings that contain `text` anywhere (% _ \ escaped, so they match themselves). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * `column` contains `text` anywhere (LIKE '%text%'), backed by the column's trigram index (pg_trgm);
 * `lowerCase` compares lower(column) with the lower-cased text (the name's index is on lower(name)).
 * Texts under 3 characters have no trigram: still correct, scanned within the Workspace.
 */
export function contains(column: AnyPgColumn, text: string, lowerCase = false): SQL {
  return lowerCase ? sql`lower(${column}) LIKE ${containsPattern(text.toLowerCase())}` : sql`${column} LIKE ${containsPattern(text)}`;
}

/** The digits of a search term that looks like an identifier ("8949…", "+4917…"), else null. */
export function identifierDigits(term: string): { digits: string; plus: boolean } | null {
  const match = /^(\+?)(\d+)$/.exec(term.replace(/\s+/g, ''));
  return match ? { digits: match[2] ?? '', plus: match[1] === '+' } : null;
}

/** An optional status list: empty or omitted means any status. */
export const statusList = <T>(values: readonly T[] | null | undefined): T[] | null => (values?.length ? [...new Set(values)] : null);
