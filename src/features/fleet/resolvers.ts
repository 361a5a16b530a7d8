import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { bulkResolvers } from './bulk/resolvers';
import { endpointResolvers } from './endpoints/resolvers';
import { policyResolvers } from './policies/resolvers';
import { simResolvers } from './sims/resolvers';
import { statusCountResolvers } from './status-counts/resolvers';
import { usageResolvers } from './usage/resolvers';

/** The fleet's slices, merged per type by src/graphql/resolvers.ts. */
export const fleetResolvers: Resolvers[] = [
  simResolvers,
  endpointResolvers,
  policyResolvers,
  usageResolvers,
  bulkResolvers,
  statusCountResolvers,
];
