import { sql } from 'drizzle-orm';
import { createTestApp, expectData, expectError, type TestApp } from '../../test/app';
import { createTenant } from '../../test/factories';
import { captureLogs } from '../../test/logs';
import { type ReceivedSpan, startOtlpReceiver } from '../../test/otlp-receiver';
import { startTracing, type Tracing, tracingWanted } from './telemetry';

describe('when tracing starts', () => {
  it('only with an OTLP endpoint, and not when the SDK is disabled', () => {
    expect(tracingWanted({})).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: '' })).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });
});

describe('traces of a request, exported to a real OTLP/HTTP receiver', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let tracing: Tracing;
  let app: TestApp;
  const byRequest = (requestId: string | null) => receiver.spans.filter((span) => span.attributes['portal.request.id'] === requestId);

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    // The exporter reads the standard variables, as in production.
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
    tracing = await startTracing({ ...process.env, OTEL_SERVICE_NAME: 'portal-test' }, captureLogs().logger);
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
    await tracing.shutdown();
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    await receiver.close();
  });

  it('has a span naming the GraphQL operation and one for the transaction, both with the request id', async () => {
    const result = await app.gql('query Probe { viewer { user { id } } }', {}, { token: await app.opsToken() });
    expectData(result);
    const requestId = result.headers.get('x-request-id');
    await tracing.flush();
    expect(receiver.refused).toEqual([]);
    const spans = byRequest(requestId);
    const operation = spans.find((span) => span.name === 'query Probe');
    const transaction = spans.find((span) => span.name === 'db.transaction');
    expect(operation?.attributes).toEqual(
      expect.objectContaining({ 'graphql.operation.name': 'Probe', 'graphql.operation.type': 'query', 'portal.outcome': 'ok' }),
    );
    expect(transaction?.attributes).toEqual(expect.objectContaining({ 'portal.transaction': 'commit' }));
    // One trace: the operation runs inside the request's transaction.
    expect(operation?.traceId).toBe(transaction?.traceId);
    expect(operation?.parentSpanId).toBe(transaction?.spanId);
    expect(new Set(spans.map((span: ReceivedSpan) => span.service))).toEqual(new Set(['portal-test']));
  });

  it('marks an operation that failed internally as an error, without the error or its values', async () => {
    const { admin } = await createTenant(app);
    // A genuinely failing statement (as in test/logging.test.ts): the database refuses this name.
    await app.database.db.execute(sql.raw("ALTER TABLE endpoints ADD CONSTRAINT no_secrets CHECK (name NOT LIKE '%hunter2%')"));
    const result = await app.gql(
      'mutation AddDevice($n: String!) { createEndpoint(input: { name: $n }) { id } }',
      { n: 'hunter2-secret' },
      { token: admin.token },
    );
    expectError(result, 'INTERNAL_SERVER_ERROR');
    const requestId = result.headers.get('x-request-id');
    await tracing.flush();
    const operation = byRequest(requestId).find((span) => span.name === 'mutation AddDevice');
    expect(operation?.attributes['portal.outcome']).toBe('internal');
    expect(operation?.status).toEqual({ code: 2, message: `internal error (request id ${requestId})` });
    expect(byRequest(requestId).find((span) => span.name === 'db.transaction')?.attributes['portal.transaction']).toBe('rollback');
    expect(JSON.stringify(receiver.spans)).not.toMatch(/hunter2|no_secrets|Failed query/);
  });
});
