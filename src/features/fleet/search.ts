import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { badInput } from '../../errors';

/*
 * The search and filter helpers of the fleet lists (devices and SIMs): arguments checked and turned
 * into index-friendly SQL conditions.
 */

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
export const statusList = <T>(values: readonly T[] | null | undefined): T[] | null => (values?.length ? [...new Set(values)] : null);
