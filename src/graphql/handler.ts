import { randomUUID } from 'node:crypto';
import { HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import { malformedRequest } from '../errors';
import type { Limits } from '../features/limits/limits';
import { runPipeline } from '../server/pipeline';
import { readBodyText } from '../server/read-body';
import { currentRecord, openRecord, writeRequestLine } from '../server/request-log';
import type { Runtime } from '../server/runtime';
import { inSpan, markSpan, REQUEST_ID } from '../server/tracing';
import type { GraphQLContext } from './context';

/** The GraphQL document (the `query` string) may not exceed this. */
export const MAX_DOCUMENT_BYTES = 100 * 1024;
/**
 * The whole body may: variables carry bulk input (recordUsage takes 10,000 records, about 1.2 MB).
 * A larger body is refused while it streams in, never buffered whole (src/server/read-body.ts).
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface HandleOptions {
  /** Rate limits and sign-in throttling; default: the process-wide ones configured from the environment. */
  limits?: Limits;
}

/**
 * POST /api/graphql: the body is checked first (no database work for what cannot be an operation),
 * then the operation runs in the request pipeline (src/server/pipeline.ts): one transaction, the
 * verified viewer, row-level security. Any error in the response rolls the transaction back.
 */
export async function handleGraphQL(request: Request, runtime: Runtime, options: HandleOptions = {}): Promise<Response> {
  const requestId = randomUUID();
  const body = await readBody(request, requestId);
  if (body instanceof Response) return refused(runtime, request, requestId, body);
  return runPipeline(request, runtime, { transport: 'graphql', requestId, limits: options.limits }, async (ctx) => {
    const context: GraphQLContext = { ...ctx, outcome: { failed: false } };
    const result = await inOperationSpan(requestId, () =>
      runtime.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers: toHeaderMap(request.headers), search: '', body },
        context: async () => context,
      }),
    );
    return { response: await toResponse(result), commit: !context.outcome.failed };
  });
}

/** A body that is no operation never reaches the pipeline; it still gets its log line. */
function refused(runtime: Runtime, request: Request, requestId: string, response: Response): Response {
  const record = openRecord(requestId);
  record.codes.push('BAD_USER_INPUT');
  writeRequestLine(runtime.log, record, request, response);
  return response;
}

/**
 * The operation as one span, named as OpenTelemetry's GraphQL conventions say ("query Fleet") once
 * Apollo has resolved it (the operationNames plugin writes it into the request's record).
 */
function inOperationSpan<T>(requestId: string, execute: () => Promise<T>): Promise<T> {
  return inSpan('graphql', { [REQUEST_ID]: requestId }, async (span) => {
    try {
      return await execute();
    } finally {
      const record = currentRecord();
      if (record?.operationType) {
        span.updateName([record.operationType, record.operation].filter(Boolean).join(' '));
        span.setAttribute('graphql.operation.type', record.operationType);
        if (record.operation) span.setAttribute('graphql.operation.name', record.operation);
      }
      if (record) markSpan(span, record);
    }
  });
}

async function readBody(request: Request, requestId: string): Promise<unknown | Response> {
  const text = await readBodyText(request, MAX_BODY_BYTES);
  if (text === null) {
    return malformedRequest(413, `The request body exceeds ${MAX_BODY_BYTES / 1024 / 1024} MB.`, requestId);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return malformedRequest(400, 'The request body must be JSON: {query, variables, operationName}.', requestId);
  }
  if (Array.isArray(body)) {
    return malformedRequest(400, 'Batched operations are not supported; send one operation per request.', requestId);
  }
  const query = (body as { query?: unknown } | null)?.query;
  if (typeof query === 'string' && Buffer.byteLength(query) > MAX_DOCUMENT_BYTES) {
    return malformedRequest(413, `The GraphQL document exceeds ${MAX_DOCUMENT_BYTES / 1024} KB.`, requestId);
  }
  return body;
}

function toHeaderMap(headers: Headers): HeaderMap {
  const map = new HeaderMap();
  for (const [key, value] of headers) map.set(key, value);
  return map;
}

async function toResponse(result: HTTPGraphQLResponse): Promise<Response> {
  const headers = new Headers();
  for (const [key, value] of result.headers) headers.set(key, value);
  if (result.body.kind === 'complete') return new Response(result.body.string, { status: result.status ?? 200, headers });
  let text = '';
  for await (const chunk of result.body.asyncIterator) text += chunk;
  return new Response(text, { status: result.status ?? 200, headers });
}
