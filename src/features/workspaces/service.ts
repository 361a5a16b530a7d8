import { requireViewer } from '../../auth/guard';
import type { WorkspaceRow } from '../../db/schema';
import { isUuid } from '../../errors';
import type { Verb, Viewer } from '../../server/context';
import type { WorkspaceAccessEntry } from './access';
import { canSeeWorkspace } from './visibility';

/** Who is asking, in which Workspace, with which role: UNAUTHENTICATED without credentials. */
export const getViewer: Verb<undefined, Viewer> = async ({ ctx }) => requireViewer(ctx);

/** The switcher: every Workspace the viewer can enter now (an application token: only its own). */
export const listAccessibleWorkspaces: Verb<undefined, WorkspaceAccessEntry[]> = async ({ ctx }) => requireViewer(ctx).access;

/** A Workspace the viewer can enter (operators: any); null otherwise, so that nothing is revealed. */
export const findVisibleWorkspace: Verb<{ id: string }, WorkspaceRow | null> = async ({ ctx, input }) =>
  isUuid(input.id) && canSeeWorkspace(ctx, input.id) ? ctx.loaders.workspace.load(input.id) : null;
