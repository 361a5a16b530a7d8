import type { Logger } from './log';

/**
 * OpenTelemetry traces, exported over OTLP/HTTP (JSON) when OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set; OTEL_SDK_DISABLED=true turns it off. Without them
 * nothing here loads: the SDK is imported only by startTracing, and our spans (src/server/tracing.ts)
 * stay no-ops of the API.
 *
 * What is traced: the HTTP request (Next.js's own server span, once a tracer provider is registered),
 * the request's transaction and the GraphQL operation (src/server/tracing.ts, each with the request
 * id), and on PostgreSQL each statement (pg's instrumentation: the statement text, never its values).
 */
export function tracingWanted(env: Readonly<Record<string, string | undefined>>): boolean {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return Boolean(endpoint) && env.OTEL_SDK_DISABLED?.trim().toLowerCase() !== 'true';
}

export interface Tracing {
  /** Sends what is still buffered (tests; a graceful stop). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Registers the tracer provider and pg's instrumentation for this process. Call it before `pg` is
 * first required (src/instrumentation.ts does, before the runtime opens the database), or statements
 * go untraced. The exporter reads the standard variables itself (endpoint, OTEL_EXPORTER_OTLP_HEADERS,
 * timeouts), the batch processor OTEL_BSP_*, the resource OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES.
 */
export async function startTracing(env: NodeJS.ProcessEnv, log: Logger): Promise<Tracing> {
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { detectResources, envDetector, resourceFromAttributes }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ]);
  const [{ registerInstrumentations }, { PgInstrumentation }] = await Promise.all([
    import('@opentelemetry/instrumentation'),
    import('@opentelemetry/instrumentation-pg'),
  ]);
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL;
  if (protocol && protocol !== 'http/json') log.warn({ component: 'tracing', protocol }, 'traces are sent as OTLP http/json only');
  const resource = resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || 'iot-workspaces-portal' }).merge(
    detectResources({ detectors: [envDetector] }),
  );
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  provider.register();
  // Statements outside a request (start, background email) have no parent: left out.
  registerInstrumentations({ tracerProvider: provider, instrumentations: [new PgInstrumentation({ requireParentSpan: true })] });
  log.info({ component: 'tracing' }, 'OpenTelemetry traces are exported (OTLP http/json)');
  return { flush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
}
