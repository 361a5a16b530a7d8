import type { AuditEventRow } from '../../db/schema';
import { isUuid } from '../../errors';
import type { Resolvers } from '../../graphql/generated/resolvers-types';
import type { InWorkspace } from '../fleet/loaders';
import { listEvents } from './service';

/** The loader key of the SIM or device an event is about; null when it is about something else. */
function targetOf(event: AuditEventRow, type: 'sim' | 'endpoint'): InWorkspace | null {
  if (event.targetType !== type || !event.workspaceId || !isUuid(event.targetId)) return null;
  return { workspaceId: event.workspaceId, id: event.targetId };
}

export const eventResolvers: Resolvers = {
  Query: {
    events: (_, input, ctx) => listEvents({ ctx, input }),
  },
  Event: {
    id: (event) => String(event.seq),
    type: (event) => event.action,
    sim: (event, _, ctx) => {
      const key = targetOf(event, 'sim');
      return key ? ctx.loaders.fleet.sim.load(key) : null;
    },
    endpoint: (event, _, ctx) => {
      const key = targetOf(event, 'endpoint');
      return key ? ctx.loaders.fleet.endpoint.load(key) : null;
    },
    // jsonb comes back parsed: the values go out as JSON, not as strings (unlike AuditEvent.before/after).
    data: (event) => ({ before: event.before ?? null, after: event.after ?? null }),
  },
};
