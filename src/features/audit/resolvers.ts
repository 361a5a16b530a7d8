import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { canSeeWorkspace } from '../workspaces/visibility';
import { listAuditEvents } from './service';

const asJson = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

export const auditResolvers: Resolvers = {
  Query: {
    auditEvents: (_, input, ctx) => listAuditEvents({ ctx, input }),
  },
  AuditEvent: {
    id: (event) => String(event.seq),
    actor: (event, _, ctx) => (event.actorUserId ? ctx.loaders.user.load(event.actorUserId) : null),
    workspace: (event, _, ctx) =>
      event.workspaceId && canSeeWorkspace(ctx, event.workspaceId) ? ctx.loaders.workspace.load(event.workspaceId) : null,
    before: (event) => asJson(event.before),
    after: (event) => asJson(event.after),
  },
};
