import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from '../src/db/client';
import { ensureOperator } from '../src/features/ops/bootstrap';
import { handleGraphQL } from '../src/graphql/handler';
import { createRuntime, type Runtime } from '../src/server/runtime';
import { createTestDatabase } from './db';
import { captureLogs, type LogCapture } from './logs';

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  /** The answer's headers (x-request-id, rate limits). */
  headers: Headers;
  data: T | null;
  errors: { message: string; extensions?: { code?: string; field?: string; [key: string]: unknown } }[] | undefined;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

export const OPS = { email: 'ops@portal.test', password: 'ops-password-123' };

/** A running API on a fresh database, called in-process through the real HTTP handler. */
export interface TestApp {
  runtime: Runtime;
  database: DatabaseHandle;
  /** The server's log (kept, not printed): request lines, internal errors, development emails. */
  logs: LogCapture;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResult<T>>;
  /** Signs in and returns the session token (fails the test on error). */
  signIn(email: string, password: string): Promise<string>;
  opsToken(): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  await ensureOperator(database.db, OPS.email, OPS.password);
  const logs = captureLogs();
  const runtime = await createRuntime(database, randomBytes(32).toString('hex'), { log: logs.logger });
  let opsToken: string | null = null;
  const app: TestApp = {
    runtime,
    database,
    logs,
    async gql(query, variables, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const response = await handleGraphQL(
        new Request('http://portal.test/api/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) }),
        runtime,
      );
      const body = (await response.json()) as { data?: unknown; errors?: GraphQLResult['errors'] };
      return { status: response.status, headers: response.headers, data: (body.data ?? null) as never, errors: body.errors };
    },
    async signIn(email, password) {
      const result = await app.gql<{ signIn: { token: string } }>(
        'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }',
        { e: email, p: password },
      );
      if (!result.data) throw new Error(`signIn(${email}) failed: ${JSON.stringify(result.errors)}`);
      return result.data.signIn.token;
    },
    async opsToken() {
      opsToken ??= await app.signIn(OPS.email, OPS.password);
      return opsToken;
    },
    async close() {
      await runtime.apollo.stop();
      await database.close();
    },
  };
  return app;
}

/** Asserts the single error's code (and field, when given) and returns it. */
export function expectError(result: GraphQLResult, code: string, field?: string) {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected ${code} but the call succeeded: ${JSON.stringify(result.data)}`);
  expect(error.extensions?.code).toBe(code);
  if (field !== undefined) expect(error.extensions?.field).toBe(field);
  return error;
}

/** Asserts success and returns data. */
export function expectData<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length || !result.data) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}
