import { type Attributes, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import type { RequestRecord } from './request-log';
import { outcomeOf } from './request-log';

/*
 * Spans of our own, through the OpenTelemetry API only. Without a registered SDK (OTEL_EXPORTER_OTLP_ENDPOINT
 * unset: src/server/telemetry.ts never loads) every call here is a no-op. Spans never carry error
 * messages or exceptions: those can hold bind parameters; the log has the scrubbed error under the
 * same request id.
 */

export const REQUEST_ID = 'portal.request.id';
export const OUTCOME = 'portal.outcome';

const tracer = () => trace.getTracer('iot-workspaces-portal');

/** Runs `fn` inside a new active span (children, such as pg's statement spans, nest under it). */
export function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } finally {
      span.end();
    }
  });
}

/** Puts the request's id and outcome on a span (the HTTP request's span: Next.js's, when active). */
export function markSpan(span: Span | undefined, record: RequestRecord): void {
  if (!span) return;
  const outcome = outcomeOf(record);
  span.setAttributes({ [REQUEST_ID]: record.requestId, [OUTCOME]: outcome });
  if (outcome === 'internal') span.setStatus({ code: SpanStatusCode.ERROR, message: `internal error (request id ${record.requestId})` });
}

export const activeSpan = (): Span | undefined => trace.getActiveSpan();
