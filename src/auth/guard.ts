import { forbidden, unauthenticated } from '../errors';
import type { ActiveWorkspace, ServiceContext, Viewer } from '../server/context';
import { actsAsOperator, can, type Permission } from './policy';

export function requireViewer(ctx: ServiceContext): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

/** The viewer acting in their active Workspace with a role that grants `permission`. */
export function requireRole(ctx: ServiceContext, permission: Permission): { viewer: Viewer; active: ActiveWorkspace } {
  const viewer = requireViewer(ctx);
  const active = viewer.active;
  if (!active) throw forbidden('This needs an active Workspace; switch to one first.');
  if (!can(active.role, permission)) throw forbidden(`Your role (${active.role}) does not allow this in this Workspace.`);
  return { viewer, active };
}

/** Platform operations staff, signed in with their own credentials (never an application token). */
export function requireOperator(ctx: ServiceContext): Viewer {
  const viewer = requireViewer(ctx);
  if (!actsAsOperator(viewer)) throw forbidden('Only platform operations staff may do this.');
  return viewer;
}
