import { asc, eq } from 'drizzle-orm';
import { auditEvents } from '../src/db/schema';
import type { TestApp } from './app';

/** Test setup (not a test): one audited change as stored, read as the table owner (no row-level security). */
export interface AuditEntry {
  action: string;
  workspaceId: string | null;
  before: unknown;
  after: unknown;
}

/** Every audit event about one object (`targetId`), oldest first. */
export async function auditTrail(app: TestApp, targetId: string): Promise<AuditEntry[]> {
  return app.database.db
    .select({ action: auditEvents.action, workspaceId: auditEvents.workspaceId, before: auditEvents.before, after: auditEvents.after })
    .from(auditEvents)
    .where(eq(auditEvents.targetId, targetId))
    .orderBy(asc(auditEvents.seq));
}
