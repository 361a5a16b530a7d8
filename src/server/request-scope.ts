import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestRecord } from './request-log';

// On globalThis: `next build` puts copies of this module in several chunks (the route's, Apollo's
// plugins'), and they must all read the one scope the pipeline opened.
const holder = globalThis as typeof globalThis & { __portalRequestScope?: AsyncLocalStorage<RequestRecord> };

holder.__portalRequestScope ??= new AsyncLocalStorage<RequestRecord>();

/** Per-request values needed where the GraphQL context is not passed (error formatting, logs). */
export const requestScope: AsyncLocalStorage<RequestRecord> = holder.__portalRequestScope;
