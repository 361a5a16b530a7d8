import { and, type SQL } from 'drizzle-orm';
import { type Connection, type PageArgs, paginate } from '../../db/paging';
import type { AuditEventRow } from '../../db/schema';
import { badInput, notFound } from '../../errors';
import type { EventFilter } from '../../graphql/generated/resolvers-types';
import type { ServiceContext, Verb } from '../../server/context';
import { auditFilterCondition, checkAuditFilter, MAX_FILTER_ACTIONS } from '../audit/filter';
import { countAuditEvents, pageAuditEvents } from '../audit/queries';
import { fleetReader } from '../fleet/access';
import { findEndpoint } from '../fleet/endpoints/queries';
import { findSim } from '../fleet/sims/queries';
import { aboutTarget, anyEvent, EVENT_ORDER, eventScope } from './queries';

/**
 * The fleet events of the active Workspace, newest first; every role reads them. The filter narrows
 * like auditEvents' (types are actions: an unknown one matches nothing; from/to the same rules), and
 * a SIM or device must be of this Workspace: NOT_FOUND on `simId` / `endpointId` otherwise. A deleted
 * device is still found through its events, so its history stays readable.
 */
export const listEvents: Verb<PageArgs & { filter?: EventFilter | null }, Connection<AuditEventRow>> = async ({ ctx, input }) => {
  const workspaceId = fleetReader(ctx);
  const filter = input.filter ?? {};
  if (filter.types && filter.types.length > MAX_FILTER_ACTIONS) throw badInput('types', `Types: at most ${MAX_FILTER_ACTIONS} at a time.`);
  checkAuditFilter({ from: filter.from, to: filter.to });
  const scope = eventScope(workspaceId);
  const conditions: (SQL | undefined)[] = [scope, auditFilterCondition({ actions: filter.types, from: filter.from, to: filter.to })];
  if (filter.simId) conditions.push(await target(ctx, workspaceId, scope, 'sim', filter.simId));
  if (filter.endpointId) conditions.push(await target(ctx, workspaceId, scope, 'endpoint', filter.endpointId));
  const where = and(...conditions);
  return paginate({
    ctx,
    order: EVENT_ORDER,
    page: input,
    rows: (page) => pageAuditEvents(ctx.db, where, page),
    count: () => countAuditEvents(ctx.db, where),
  });
};

/** "About this SIM / device", once it is known to be of the Workspace (now, or in its history). */
async function target(ctx: ServiceContext, workspaceId: string, scope: SQL, type: 'sim' | 'endpoint', id: string): Promise<SQL> {
  const about = aboutTarget(type, id);
  const exists = type === 'sim' ? await findSim(ctx.db, workspaceId, id) : await findEndpoint(ctx.db, workspaceId, id);
  if (!exists && !(await anyEvent(ctx.db, and(scope, about) as SQL))) {
    throw type === 'sim' ? notFound('SIM', 'simId') : notFound('Device', 'endpointId');
  }
  return about;
}
