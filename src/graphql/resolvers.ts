import type { Role } from '../auth/policy';
import { auditResolvers } from '../features/audit/resolvers';
import { billingResolvers } from '../features/billing/resolvers';
import { eventResolvers } from '../features/events/resolvers';
import { fleetResolvers } from '../features/fleet/resolvers';
import { identityResolvers } from '../features/identity/resolvers';
import { linkingResolvers } from '../features/linking/resolvers';
import { membershipResolvers } from '../features/memberships/resolvers';
import { opsResolvers } from '../features/ops/resolvers';
import { reportResolvers } from '../features/reports/resolvers';
import { requestResolvers } from '../features/requests/resolvers';
import { tokenResolvers } from '../features/tokens/resolvers';
import { workspaceResolvers } from '../features/workspaces/resolvers';
import type { Resolvers, Role as SchemaRole } from './generated/resolvers-types';
import { DateScalar, DateTimeScalar, JSONScalar } from './scalars';

/** Every feature contributes its slice; they are merged per type here and nowhere else. */
const features: Resolvers[] = [
  identityResolvers,
  workspaceResolvers,
  opsResolvers,
  linkingResolvers,
  requestResolvers,
  membershipResolvers,
  auditResolvers,
  tokenResolvers,
  ...fleetResolvers,
  eventResolvers,
  reportResolvers,
  billingResolvers,
];

export const resolvers: Resolvers = mergeResolvers(features);

function mergeResolvers(parts: Resolvers[]): Resolvers {
  const merged: Record<string, object> = { Date: DateScalar, DateTime: DateTimeScalar, JSON: JSONScalar };
  for (const part of parts) {
    for (const [typeName, fields] of Object.entries(part)) {
      merged[typeName] = { ...(merged[typeName] ?? {}), ...(fields as object) };
    }
  }
  return merged as Resolvers;
}

/** The role table's roles are exactly the schema's: a role added to one and not the other fails typecheck. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const rolesMatchSchema: Same<Role, SchemaRole> = true;
