import fc from 'fast-check';
import {
  buildClientSchema,
  buildSchema,
  type GraphQLField,
  type GraphQLObjectType,
  getIntrospectionQuery,
  type IntrospectionQuery,
} from 'graphql';
import { createLimits, type Limits } from '../src/features/limits/limits';
import { loadTypeDefs } from '../src/graphql/schema';
import { createTestApp, expectData, type TestApp } from './app';
import { argumentsArbitrary, HOSTILITIES, type Json, type Pools } from './fuzz/arbitraries';
import { type FuzzRequest, fuzzRequest } from './fuzz/documents';
import { type Callers, restoreAdmin, seedWorld } from './fuzz/seed';
import { gqlWith } from './limits';

/**
 * Every query and mutation of the schema, called with generated arguments (hostile text, extreme
 * numbers, bad dates, own, foreign, random and malformed ids, null, every enum value, input objects
 * built from their types), as variables and as literals, by an Administrator (session or application
 * token), the operator, or nobody. Whatever the input, the answer is never an internal error: no HTTP
 * 500, no INTERNAL_SERVER_ERROR, and every error carries a code of the closed set (docs/api.md).
 *
 * FUZZ_RUNS cases per operation (default below; CONTRIBUTING.md has the figures), FUZZ_SEED to replay.
 */
const RUNS = Number(process.env.FUZZ_RUNS || 100);
// Printed with every failure: the same seed draws the same inputs (ids aside, which are new each run).
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'LIMIT_EXCEEDED', 'RATE_LIMITED']);

type Caller = 'admin' | 'appToken' | 'ops' | 'anonymous';

interface Failure {
  operation: string;
  seed: number;
  caller: Caller;
  status: number;
  errors: string;
  query: string;
  variables: string;
  /** What the server logged meanwhile: the cause of an internal error. */
  log: string;
}

/** The operations as schema.graphql declares them; the introspected schema must list the same (checked below). */
const declared = buildSchema(loadTypeDefs());
const operations = (['query', 'mutation'] as const).flatMap((kind) => {
  const root = kind === 'query' ? declared.getQueryType() : declared.getMutationType();
  return Object.keys(root?.getFields() ?? {}).map((name) => ({ kind, name }));
});

describe('fuzzing every operation', () => {
  let app: TestApp;
  let limits: Limits;
  let callers: Callers;
  let pools: Pools;
  let roots: { query: GraphQLObjectType; mutation: GraphQLObjectType };
  beforeAll(async () => {
    app = await createTestApp();
    // No request budget and a sign-in throttle of its own: the fuzzed calls are many and fail often.
    limits = createLimits({ rate: { perMinute: 0 } });
    ({ callers, pools } = await seedWorld(app));
    const introspection = expectData(await app.gql<IntrospectionQuery>(getIntrospectionQuery(), {}, { token: callers.ops }));
    const schema = buildClientSchema(introspection);
    const query = schema.getQueryType();
    const mutation = schema.getMutationType();
    if (!query || !mutation) throw new Error('the schema has no Query or Mutation type');
    roots = { query, mutation };
  });
  afterAll(async () => {
    await limits.close();
    await app.close();
  });

  it('covers every operation the server introspects', () => {
    const introspected = (['query', 'mutation'] as const).flatMap((kind) =>
      Object.keys(roots[kind].getFields()).map((name) => ({ kind, name })),
    );
    expect(introspected).toEqual(operations);
  });

  it.each(operations)(
    '$kind $name: no internal error',
    async ({ kind, name }) => {
      const field = roots[kind].getFields()[name];
      if (!field) throw new Error(`${name} is not in the introspected schema`);
      await restoreAdmin(app, callers);
      const failures: Failure[] = [];
      const operatorsOnly = (field.description ?? '').startsWith('Operators only');
      const caller: fc.Arbitrary<Caller> = fc.oneof(
        { weight: 12, arbitrary: fc.constant(operatorsOnly ? 'ops' : 'admin') },
        { weight: 3, arbitrary: fc.constant(operatorsOnly ? 'admin' : 'ops') },
        { weight: 3, arbitrary: fc.constant('appToken') },
        { weight: 1, arbitrary: fc.constant('anonymous') },
      );
      const argumentValues = fc
        .constantFrom(...HOSTILITIES)
        .chain((hostility) => argumentsArbitrary(field as GraphQLField<unknown, unknown>, pools, hostility));
      const literals = fc.array(fc.boolean(), { minLength: field.args.length, maxLength: field.args.length });
      await fc.assert(
        fc.asyncProperty(caller, argumentValues, literals, async (who, values, asLiteral) => {
          const request = fuzzRequest(kind, field as GraphQLField<unknown, unknown>, values, (argument) =>
            asLiteral[field.args.findIndex((a) => a.name === argument)] ? 'literal' : 'variable',
          );
          const failure = await call(who, request);
          if (failure) failures.push({ ...failure, operation: name, seed: SEED });
        }),
        { numRuns: RUNS, seed: SEED },
      );
      expect(failures.slice(0, 5)).toEqual([]);
    },
    900_000,
  );

  /** Sends one request; describes it when its answer breaks the rule. */
  async function call(who: Caller, request: FuzzRequest): Promise<Omit<Failure, 'operation' | 'seed'> | null> {
    const token = { admin: callers.admin.session, appToken: callers.admin.appToken, ops: callers.ops, anonymous: undefined }[who];
    app.logs.clear();
    const result = await gqlWith(app, limits, request.query, request.variables as Record<string, unknown>, { token });
    const errors = result.errors ?? [];
    const broken = result.status >= 500 || errors.some((error) => !CODES.has(String(error.extensions?.code)));
    if (!broken) return null;
    return {
      caller: who,
      status: result.status,
      errors: JSON.stringify(errors.map((error) => [error.extensions?.code, error.message.slice(0, 200)])),
      query: request.query.slice(0, 300),
      variables: short(request.variables),
      // The server's own log line of the request (test/app.ts keeps them): the cause of an internal error.
      log: app.logs.text().slice(0, 600),
    };
  }
});

/** A bounded rendering of the variables (some carry a megabyte), enough to reproduce by hand. */
function short(variables: Record<string, Json>): string {
  return JSON.stringify(variables, (_, value: unknown) =>
    typeof value === 'string' && value.length > 80 ? `${value.slice(0, 40)}…(${value.length} chars)` : value,
  );
}
