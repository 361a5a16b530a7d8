import type { DatabaseHandle } from '../../db/client';
import { type Logger, processLogger } from '../../server/log';
import { claimUnsentEmails, releaseEmail } from './queries';
import { currentTransport } from './transport';

/** At most this many emails per claim; a flush keeps claiming until the outbox is empty. */
const BATCH = 50;
/** A request that queued mail and then rolled back leaves its id behind; forget it after this long. */
const FORGET_AFTER_MS = 10 * 60 * 1000;

/**
 * Process-wide state, kept on globalThis: `next build` bundles this module once per route, and the
 * request that queues mail (the GraphQL route) and the code that runs after commit must share it.
 */
interface MailState {
  /** Requests (by id) whose transaction queued email, waiting for their commit. */
  queued: Map<string, number>;
  swept: boolean;
  running: Promise<void>;
}
const holder = globalThis as typeof globalThis & { __portalMail?: MailState };
holder.__portalMail ??= { queued: new Map(), swept: false, running: Promise.resolve() };
const state: MailState = holder.__portalMail;

/** Called when a request's transaction writes an outbox row. */
export function markMailQueued(requestId: string): void {
  state.queued.set(requestId, Date.now());
}

/**
 * The handler calls this after a request's transaction committed. When that request queued email
 * (or on the first commit after start, to pick up mail left over by a previous process), the outbox
 * is flushed in the background: the response does not wait, and errors are only logged.
 */
export function afterCommit(database: DatabaseHandle, requestId: string, log: Logger = processLogger()): void {
  try {
    const now = Date.now();
    for (const [id, at] of state.queued) if (now - at > FORGET_AFTER_MS) state.queued.delete(id);
    const wanted = state.queued.delete(requestId) || !state.swept;
    state.swept = true;
    if (!wanted) return;
    state.running = state.running
      .then(() => flushOutbox(database, log))
      .then(
        () => undefined,
        (error: unknown) => log.error({ component: 'mail', requestId, err: error }, 'flushing the outbox failed'),
      );
  } catch (error) {
    log.error({ component: 'mail', requestId, err: error }, 'could not schedule the outbox flush');
  }
}

/** Resolves once every flush started so far has finished (tests, graceful shutdown). */
export function outboxIdle(): Promise<void> {
  return state.running;
}

/**
 * Delivers every unsent outbox row. Rows are claimed first (sent_at set, SKIP LOCKED so concurrent
 * servers never claim the same row), then delivered outside any transaction; a row whose delivery
 * fails is released (sent_at back to null) for the next flush. At most once: a crash between claim
 * and delivery loses that email rather than sending it twice.
 */
export async function flushOutbox(database: DatabaseHandle, log: Logger = processLogger()): Promise<number> {
  const deliver = currentTransport(process.env, log);
  let sent = 0;
  for (;;) {
    const claimed = await claimUnsentEmails(database.db, BATCH);
    let failed = 0;
    for (const email of claimed) {
      try {
        await deliver(email);
        sent++;
      } catch (error) {
        failed++;
        log.error({ component: 'mail', emailId: email.id, err: error }, 'could not deliver an email');
        await releaseEmail(database.db, email.id);
      }
    }
    // After a failure, leave the rest for the next flush rather than retrying in a tight loop.
    if (claimed.length < BATCH || failed > 0) return sent;
  }
}
