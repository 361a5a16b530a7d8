import { badInput } from '../../../errors';
import type { SimStatus } from '../../../graphql/generated/resolvers-types';

/** The SIM lifecycle: ISSUED → ACTIVATED ⇄ SUSPENDED, FACTORY_TEST → ACTIVATED, any → DELETED (final). */
export const SIM_TRANSITIONS: Readonly<Record<SimStatus, readonly SimStatus[]>> = {
  ISSUED: ['ACTIVATED', 'DELETED'],
  ACTIVATED: ['SUSPENDED', 'DELETED'],
  SUSPENDED: ['ACTIVATED', 'DELETED'],
  FACTORY_TEST: ['ACTIVATED', 'DELETED'],
  DELETED: [],
};

/** Staying in the same status is no change; anything off the lifecycle is BAD_USER_INPUT on `status`. */
export function assertTransition(from: SimStatus, to: SimStatus): void {
  if (from === to || SIM_TRANSITIONS[from].includes(to)) return;
  const allowed = SIM_TRANSITIONS[from];
  throw badInput(
    'status',
    `A SIM cannot go from ${from} to ${to}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ': DELETED is final'}.`,
  );
}

/** The statuses a SIM may be registered with. */
export const INITIAL_STATUSES: readonly SimStatus[] = ['ISSUED', 'FACTORY_TEST'];
