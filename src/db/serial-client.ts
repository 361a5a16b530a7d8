import { Client, type ClientConfig } from 'pg';

/**
 * A pg client that runs its promise-style queries one after another. GraphQL resolves sibling fields
 * in parallel, so one request transaction (one connection) receives overlapping queries; pg 8 queues
 * them itself but deprecates that (and pg 9 will refuse), so the queue lives here instead.
 * Callback-style and submittable queries are passed through untouched.
 */
export class SerialClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    const direct = this.query.bind(this) as (...args: unknown[]) => unknown;
    let tail: Promise<unknown> = Promise.resolve();
    const serial = (...args: unknown[]): unknown => {
      const first = args[0] as { submit?: unknown } | undefined;
      if (typeof args.at(-1) === 'function' || typeof first?.submit === 'function') return direct(...args);
      const run = tail.then(() => direct(...args));
      tail = run.catch(() => undefined);
      return run;
    };
    this.query = serial as Client['query'];
  }
}
