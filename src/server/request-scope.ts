import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestRecord } from './request-log';

/** Per-request values needed where the GraphQL context is not passed (error formatting, logs). */
export const requestScope = new AsyncLocalStorage<RequestRecord>();
