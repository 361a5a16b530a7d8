import { SIM_TRANSITIONS } from '@/features/fleet/sims/lifecycle-table';
import type { EndpointStatus, SimStatus } from '../api/generated/graphql';

/** Every value of a GraphQL enum, in the order given: a value added to the schema fails the typecheck here. */
const allOf = <T extends string>(values: Record<T, true>): readonly T[] => Object.keys(values) as T[];

/** The statuses offered in the device filter and form. */
export const ENDPOINT_STATUSES = allOf<EndpointStatus>({ ENABLED: true, DISABLED: true });

/** The statuses offered in the SIM filter, in lifecycle order (the API's own table lists every status). */
export const SIM_STATUSES: readonly SimStatus[] = Object.keys(SIM_TRANSITIONS) as SimStatus[];
