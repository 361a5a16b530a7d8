import type { ServiceContext } from '../../server/context';
import { insertEmail } from './queries';
import { markMailQueued } from './sender';

export interface Email {
  recipient: string;
  subject: string;
  body: string;
}

/**
 * Queues an email in the request's transaction: it is delivered after the transaction commits
 * (src/features/mail/sender.ts), and never when it rolls back.
 */
export async function queueEmail(ctx: ServiceContext, email: Email): Promise<void> {
  await insertEmail(ctx.db, email);
  markMailQueued(ctx.requestId);
}

/** Where links in emails point: PUBLIC_URL, or the development server. */
export function publicUrl(): string {
  return (process.env.PUBLIC_URL || 'http://localhost:3000').replace(/\/+$/, '');
}
