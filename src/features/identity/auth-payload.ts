import type { UserRow, WorkspaceRow } from '../../db/schema';

/** What signIn, switchWorkspace and acceptInvitation resolve to. */
export interface AuthPayloadModel {
  token: string;
  user: UserRow;
  workspace: WorkspaceRow | null;
}
