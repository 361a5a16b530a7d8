import { AsyncLocalStorage } from 'node:async_hooks';
import { processSingleton } from './process-singleton';

/**
 * Per-request values needed where the GraphQL context is not passed (error formatting, logs). One per
 * process: the pipeline that runs a request and the Apollo server that formats its errors may come
 * from different bundled copies of this module.
 */
export const requestScope = processSingleton('requestScope', () => new AsyncLocalStorage<{ requestId: string }>());
