import { AsyncLocalStorage } from 'node:async_hooks';
import { processSingleton } from './process-singleton';
import type { RequestRecord } from './request-log';

/**
 * Per-request values needed where the GraphQL context is not passed (error formatting, logs). One per
 * process: `next build` puts copies of this module in several chunks (the route's, Apollo's plugins'),
 * and they must all read the one scope the pipeline opened.
 */
export const requestScope = processSingleton('requestScope', () => new AsyncLocalStorage<RequestRecord>());
