import type { SimStatus } from '../../../graphql/generated/resolvers-types';

// Plain data, imported by the browser too (the SIMs page offers only the moves the API allows):
// keep server-only imports out of this file. ./lifecycle enforces the table and re-exports it.

/** The SIM lifecycle: ISSUED → ACTIVATED ⇄ SUSPENDED, FACTORY_TEST → ACTIVATED, any → DELETED (final). */
export const SIM_TRANSITIONS: Readonly<Record<SimStatus, readonly SimStatus[]>> = {
  ISSUED: ['ACTIVATED', 'DELETED'],
  ACTIVATED: ['SUSPENDED', 'DELETED'],
  SUSPENDED: ['ACTIVATED', 'DELETED'],
  FACTORY_TEST: ['ACTIVATED', 'DELETED'],
  DELETED: [],
};

/** The statuses a SIM may be registered with. */
export const INITIAL_STATUSES: readonly SimStatus[] = ['ISSUED', 'FACTORY_TEST'];
