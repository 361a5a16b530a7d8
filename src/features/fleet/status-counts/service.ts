import type { EndpointStatus, SimStatus } from '../../../graphql/generated/resolvers-types';
import type { Verb } from '../../../server/context';
import { fleetReader } from '../access';
import { endpointStatusCountsOf, type StatusCount, simStatusCountsOf } from './queries';

/** How many SIMs of the active Workspace are in each status; every role may read it. */
export const simStatusCounts: Verb<Record<never, never>, StatusCount<SimStatus>[]> = async ({ ctx }) =>
  simStatusCountsOf(ctx.db, fleetReader(ctx));

/** How many devices of the active Workspace are in each status; every role may read it. */
export const endpointStatusCounts: Verb<Record<never, never>, StatusCount<EndpointStatus>[]> = async ({ ctx }) =>
  endpointStatusCountsOf(ctx.db, fleetReader(ctx));
