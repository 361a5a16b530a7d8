import { and, desc, eq } from 'drizzle-orm';
import { type WorkspaceRequestRow, workspaceRequests } from '../../db/schema';
import type { Database } from '../../db/schema-types';
import type { WorkspaceRequestStatus } from '../../graphql/generated/resolvers-types';

/*
 * Every read and write of the workspace_requests table. Its tenant key is the Workspace a request
 * was sent from; ops read across Workspaces (their row-level security scope lets them), customers
 * read their main organization's requests, which row-level security limits to their Workspaces.
 */

export type NewWorkspaceRequest = Omit<typeof workspaceRequests.$inferInsert, 'workspaceId'>;

export async function insertRequest(db: Database, workspaceId: string, values: NewWorkspaceRequest): Promise<WorkspaceRequestRow> {
  const [row] = await db
    .insert(workspaceRequests)
    .values({ ...values, workspaceId })
    .returning();
  if (!row) throw new Error('insert returned no request');
  return row;
}

/** Every request (ops), optionally of one status, newest first. */
export async function listRequests(db: Database, status: WorkspaceRequestStatus | null): Promise<WorkspaceRequestRow[]> {
  const where = status ? eq(workspaceRequests.status, status) : undefined;
  return db.select().from(workspaceRequests).where(where).orderBy(desc(workspaceRequests.createdAt));
}

/** A main organization's requests, newest first. */
export async function listRequestsOfOrganization(db: Database, organizationId: string): Promise<WorkspaceRequestRow[]> {
  return db
    .select()
    .from(workspaceRequests)
    .where(eq(workspaceRequests.organizationId, organizationId))
    .orderBy(desc(workspaceRequests.createdAt));
}

/** Reads a request FOR UPDATE (ops process it; the id is unique across Workspaces). */
export async function lockRequest(db: Database, id: string): Promise<WorkspaceRequestRow | null> {
  const [row] = await db.select().from(workspaceRequests).where(eq(workspaceRequests.id, id)).for('update');
  return row ?? null;
}

/** Records the decision on a request; null when it is gone. */
export async function updateRequest(
  db: Database,
  request: Pick<WorkspaceRequestRow, 'workspaceId' | 'id'>,
  set: Partial<Pick<WorkspaceRequestRow, 'status' | 'decidedAt' | 'decidedBy' | 'resultWorkspaceId' | 'rejectionReason'>>,
): Promise<WorkspaceRequestRow | null> {
  const [row] = await db
    .update(workspaceRequests)
    .set(set)
    .where(and(eq(workspaceRequests.id, request.id), eq(workspaceRequests.workspaceId, request.workspaceId)))
    .returning();
  return row ?? null;
}
