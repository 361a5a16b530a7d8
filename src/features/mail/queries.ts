import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows';
import { emailOutbox } from '../../db/schema';
import type { Database } from '../../db/schema-types';
import type { OutgoingEmail } from './transport';

/* Every read and write of the email outbox (platform data: no Workspace). */

/**
 * Stamped with the time of writing, not of the transaction's start (now()): two invitations of one new
 * account racing from two Workspaces both mail a key, and the one written last (after the other
 * committed) holds the key that works, so it must also be the newest email the recipient sees.
 */
export async function insertEmail(db: Database, email: { recipient: string; subject: string; body: string }): Promise<void> {
  await db.insert(emailOutbox).values({ ...email, createdAt: sql`clock_timestamp()` });
}

/**
 * Claims up to `limit` unsent emails, oldest first, by setting sent_at: SKIP LOCKED, so concurrent
 * servers never claim the same row.
 */
export async function claimUnsentEmails(db: Database, limit: number): Promise<OutgoingEmail[]> {
  return queryRows<OutgoingEmail>(
    db,
    sql`UPDATE email_outbox SET sent_at = now()
         WHERE id IN (SELECT id FROM email_outbox WHERE sent_at IS NULL ORDER BY created_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
     RETURNING id, recipient, subject, body`,
  );
}

/** Gives a claimed email back to the next flush (its delivery failed). */
export async function releaseEmail(db: Database, id: string): Promise<void> {
  await db.update(emailOutbox).set({ sentAt: null }).where(eq(emailOutbox.id, id));
}
