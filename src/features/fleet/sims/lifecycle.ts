import { badInput } from '../../../errors';
import type { SimStatus } from '../../../graphql/generated/resolvers-types';
import { SIM_TRANSITIONS } from './lifecycle-table';

export { INITIAL_STATUSES, SIM_TRANSITIONS } from './lifecycle-table';

/** Staying in the same status is no change; anything off the lifecycle is BAD_USER_INPUT on `status`. */
export function assertTransition(from: SimStatus, to: SimStatus): void {
  if (from === to || SIM_TRANSITIONS[from].includes(to)) return;
  const allowed = SIM_TRANSITIONS[from];
  throw badInput(
    'status',
    `A SIM cannot go from ${from} to ${to}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ': DELETED is final'}.`,
  );
}
