import { AppError, badInput, isUuid } from '../../../errors';

/** How many objects one bulk change may touch: a page of the portal's lists at most. */
export const MAX_BULK_IDS = 500;

/** 1 to 500 distinct ids (BAD_USER_INPUT on `ids` otherwise); ids that are no UUID name nothing (NOT_FOUND). */
export function bulkIds(ids: readonly string[], what: string): string[] {
  if (ids.length === 0) throw badInput('ids', `Choose at least one ${what}.`);
  if (ids.length > MAX_BULK_IDS) throw badInput('ids', `At most ${MAX_BULK_IDS} ${what}s at a time (got ${ids.length}).`);
  const repeated = ids.flatMap((id, index) => (ids.indexOf(id) < index ? [index] : []));
  if (repeated.length) throw badInput('ids', `Each ${what} once: ${listSome(repeated.map((i) => `ids[${i}]`))} repeat an earlier id.`);
  if (ids.some((id) => !isUuid(id))) throw missing(ids, new Set(), what);
  return [...ids];
}

/**
 * Every id must name a row of the active Workspace (found). The answer for one that does not is the same
 * whether it is unknown, deleted or another Workspace's: NOT_FOUND on `ids`, naming the positions the
 * caller sent (which reveals nothing they do not know).
 */
export function assertAllFound(ids: readonly string[], found: ReadonlySet<string>, what: string): void {
  if (ids.some((id) => !found.has(id))) throw missing(ids, found, what);
}

function missing(ids: readonly string[], found: ReadonlySet<string>, what: string): AppError {
  const positions = ids.flatMap((id, index) => (found.has(id) ? [] : [`ids[${index}]`]));
  return new AppError(
    'NOT_FOUND',
    `${positions.length === 1 ? `The ${what} at ${positions[0]} was` : `The ${what}s at ${listSome(positions)} were`} not found in this Workspace. Nothing was changed.`,
    'ids',
  );
}

/** "a, b, c and 7 more": long lists stay readable in a message. */
export function listSome(values: readonly string[], max = 10): string {
  return values.length > max ? `${values.slice(0, max).join(', ')} and ${values.length - max} more` : values.join(', ');
}
