import { requireRole } from '../../auth/guard';
import { badInput } from '../../errors';
import type { ServiceContext } from '../../server/context';
import { TAG_MAX_LENGTH } from './identifiers';
import { forgetFleet } from './loaders';

/** The active Workspace, for a role that may read the fleet (everyone). Fleet data never comes from arguments. */
export function fleetReader(ctx: ServiceContext): string {
  return requireRole(ctx, 'fleet:read').active.workspace.id;
}

/** The active Workspace, for a role that may change the fleet (SuperAdmin, Administrator, User). */
export function fleetWriter(ctx: ServiceContext): string {
  return requireRole(ctx, 'fleet:write').active.workspace.id;
}

/** After a fleet change: later fields of the same request must not see rows loaded before it. */
export function fleetChanged(ctx: ServiceContext): void {
  forgetFleet(ctx.loaders.fleet);
}

/** A tag to filter on: trimmed, at most 64 characters; null when empty. */
export function filterTag(value: string | null | undefined): string | null {
  const tag = value?.trim() ?? '';
  if (!tag) return null;
  if (tag.length > TAG_MAX_LENGTH) throw badInput('tag', `Tag must be at most ${TAG_MAX_LENGTH} characters.`);
  return tag;
}

/** Fields of an update input: absent (undefined) means unchanged, null means cleared. */
export const given = <T>(value: T | null | undefined): value is T | null => value !== undefined;
