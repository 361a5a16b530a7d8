import { Lexer, Source, TokenKind } from 'graphql';
import { createTestApp, expectData, type GraphQLResult, type TestApp } from '../../../test/app';
import { createTenant } from '../../../test/factories';
import { handleGraphQL, MAX_BODY_BYTES, MAX_DOCUMENT_BYTES } from '../../graphql/handler';
import { LIMITS } from '../../graphql/server';

/** Each document limit, with a query just under it (answered) and just over it (refused, saying why). */
describe('query limits', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await createTestApp();
    token = (await createTenant(app)).admin.token;
  });
  afterAll(() => app.close());

  const refused = (result: GraphQLResult, message: RegExp) => {
    expect(result.status).toBe(400);
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
  };

  it(`refuses a document over ${MAX_DOCUMENT_BYTES / 1024} KB (413)`, async () => {
    const padded = (bytes: number) => '{ __typename }'.padEnd(bytes, ' ');
    expect(expectData(await app.gql(padded(MAX_DOCUMENT_BYTES), {}, { token }))).toEqual({ __typename: 'Query' });
    const over = await app.gql(padded(MAX_DOCUMENT_BYTES + 1), {}, { token });
    expect(over.status).toBe(413);
    expect(over.errors?.[0]).toEqual({ message: 'The GraphQL document exceeds 100 KB.', extensions: { code: 'BAD_USER_INPUT' } });
  });

  describe(`a body over ${MAX_BODY_BYTES / 1024 / 1024} MB`, () => {
    const CHUNK = 64 * 1024;
    /** A 64 MB upload (as good as endless here), counting the chunks the server pulls. */
    const huge = () => {
      const pulled = { chunks: 0 };
      const chunk = new TextEncoder().encode(' '.repeat(CHUNK));
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled.chunks === 1024) return controller.close();
          pulled.chunks++;
          controller.enqueue(pulled.chunks === 1 ? new TextEncoder().encode('{"query":"{ __typename }","x":"') : chunk);
        },
      });
      return { body, pulled };
    };
    const post = (body: BodyInit, headers: Record<string, string> = {}) =>
      handleGraphQL(
        new Request('http://portal.test/api/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
          duplex: 'half',
        } as RequestInit),
        app.runtime,
      );
    const tooLarge = async (response: Response) => {
      expect(response.status).toBe(413);
      expect(((await response.json()) as GraphQLResult).errors?.[0]).toEqual({
        message: 'The request body exceeds 4 MB.',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    };

    it('is refused (413) while it streams in, after reading little more than the limit', async () => {
      const { body, pulled } = huge();
      await tooLarge(await post(body));
      // The stream may run a chunk or two ahead of the reader; nothing like the whole 64 MB.
      expect(pulled.chunks * CHUNK).toBeLessThan(MAX_BODY_BYTES + 4 * CHUNK);
      expect(pulled.chunks * CHUNK).toBeGreaterThan(MAX_BODY_BYTES - CHUNK);
    });

    it('is refused (413) from its Content-Length alone, before any of it is read', async () => {
      const { body, pulled } = huge();
      await tooLarge(await post(body, { 'content-length': String(MAX_BODY_BYTES + 1) }));
      expect(pulled.chunks).toBeLessThanOrEqual(1); // a ReadableStream pulls once on creation, unasked
    });

    it('is read whole when exactly at the limit', async () => {
      const text = JSON.stringify({ query: '{ __typename }', variables: {} });
      const exact = `${text.slice(0, -1)}${' '.repeat(MAX_BODY_BYTES - Buffer.byteLength(text))}}`;
      expect(Buffer.byteLength(exact)).toBe(MAX_BODY_BYTES);
      const response = await post(exact);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    });
  });

  it(`limits depth to ${LIMITS.maxDepth}`, async () => {
    const cycle = ['defaultWorkspace', 'organization', 'superAdmin'];
    // viewer { user { defaultWorkspace { organization { superAdmin { … { id } } } } } }: depth = levels + 3.
    const deep = (levels: number) => {
      let inner = 'id';
      for (let i = levels - 1; i >= 0; i--) inner = `${cycle[i % cycle.length]} { ${inner} }`;
      return `{ viewer { user { ${inner} } } }`;
    };
    expectData(await app.gql(deep(LIMITS.maxDepth - 3), {}, { token }));
    refused(
      await app.gql(deep(LIMITS.maxDepth - 2), {}, { token }),
      /^Query depth limit of 12 exceeded, found 13\. See the limits in docs\/api\.md\.$/,
    );
  });

  it(`limits aliases to ${LIMITS.maxAliases}`, async () => {
    // (armor lets `__typename` be aliased freely)
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`;
    expectData(await app.gql(aliased(LIMITS.maxAliases), {}, { token }));
    refused(await app.gql(aliased(LIMITS.maxAliases + 1), {}, { token }), /^Aliases limit of 15 exceeded, found 16\./);
  });

  it(`limits directives to ${LIMITS.maxDirectives}`, async () => {
    const directed = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `d${i}: __typename @include(if: true)`).join(' ')} }`;
    expectData(await app.gql(directed(LIMITS.maxDirectives), {}, { token }));
    refused(await app.gql(directed(LIMITS.maxDirectives + 1), {}, { token }), /^Directives limit of 10 exceeded, found 11\./);
  });

  it(`limits a document to ${LIMITS.maxTokens} tokens`, async () => {
    // A device filter with a long list of statuses: every status is one token.
    const withTokens = (n: number) => {
      const doc = (k: number) => `{ endpoints(first: 1, filter: { status: [${Array(k).fill('ENABLED').join(' ')}] }) { totalCount } }`;
      const fixed = countTokens(doc(0));
      return doc(n - fixed);
    };
    expect(countTokens(withTokens(LIMITS.maxTokens))).toBe(LIMITS.maxTokens);
    expectData(await app.gql(withTokens(LIMITS.maxTokens), {}, { token }));
    refused(await app.gql(withTokens(LIMITS.maxTokens + 1), {}, { token }), /^Token limit of 5000 exceeded: the document is too long\./);
  });

  it('words graphql-js giving up on a document too costly to validate', async () => {
    refused(
      await app.gql(`{ ${Array(4000).fill('__typename').join(' ')} }`, {}, { token }),
      /^The document is too complex to validate: split it into smaller operations\./,
    );
  });

  it(`limits cost to ${LIMITS.maxCost}, counting each list's \`first\`, from variables too`, async () => {
    // Each `applicationTokens(first: n) { edges { node { id } } }` costs 1 + 3n: 13 at 500 and one at 162 cost 20,000.
    const query = `query($big: Int, $small: Int) {
      ${Array.from({ length: 13 }, (_, i) => `t${i}: applicationTokens(first: $big) { edges { node { id } } }`).join('\n')}
      last: applicationTokens(first: $small) { edges { node { id } } }
    }`;
    expectData(await app.gql(query, { big: 500, small: 162 }, { token }));
    refused(
      await app.gql(query, { big: 500, small: 163 }, { token }),
      /^Query cost limit of 20000 exceeded, found 20003\. .*`first`, default 50/,
    );
  });

  it('refuses batched operations', async () => {
    const response = await handleGraphQL(
      new Request('http://portal.test/api/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
      }),
      app.runtime,
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [
        { message: 'Batched operations are not supported; send one operation per request.', extensions: { code: 'BAD_USER_INPUT' } },
      ],
    });
  });
});

/** Introspection and "Did you mean" suggestions: for authenticated callers only. */
describe('schema discovery', () => {
  let app: TestApp;
  let token: string;
  let applicationToken: string;

  beforeAll(async () => {
    app = await createTestApp();
    token = (await createTenant(app)).admin.token;
    applicationToken = expectData(
      await app.gql<{ createApplicationToken: { token: string } }>(
        'mutation { createApplicationToken(description: "introspection") { token } }',
        {},
        { token },
      ),
    ).createApplicationToken.token;
  });
  afterAll(() => app.close());

  it('answers introspection to a session and to an application token', async () => {
    for (const credential of [token, applicationToken]) {
      const data = expectData(
        await app.gql<{ __schema: { queryType: { name: string } }; __type: { name: string } }>(
          '{ __schema { queryType { name } } __type(name: "Sim") { name } }',
          {},
          { token: credential },
        ),
      );
      expect(data).toEqual({ __schema: { queryType: { name: 'Query' } }, __type: { name: 'Sim' } });
    }
  });

  it('refuses introspection without credentials (401 UNAUTHENTICATED), also hidden in a fragment', async () => {
    for (const query of [
      '{ __schema { types { name } } }',
      '{ __type(name: "Sim") { fields { name } } }',
      '{ ...F } fragment F on Query { ... on Query { __schema { queryType { name } } } }',
    ]) {
      const result = await app.gql(query);
      expect(result.status).toBe(401);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.errors?.[0]?.message).toMatch(/introspection is available to authenticated callers/);
    }
    expect(expectData(await app.gql('{ __typename }'))).toEqual({ __typename: 'Query' });
  });

  it('suggests field names to authenticated callers only', async () => {
    const authed = await app.gql('{ viewr { role } }', {}, { token });
    expect(authed.errors?.[0]?.message).toBe('Cannot query field "viewr" on type "Query". Did you mean "viewer"?');
    const anonymous = await app.gql('{ viewr { role } }');
    expect(anonymous.errors?.[0]).toMatchObject({
      message: 'Cannot query field "viewr" on type "Query".',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const anonymousArgument = await app.gql('mutation { signIn(emial: "a@b.test", password: "x") { token } }');
    for (const error of anonymousArgument.errors ?? []) expect(error.message).not.toMatch(/Did you mean/);
    expect(anonymousArgument.errors?.map((e) => e.message)).toContain('Unknown argument "emial" on field "Mutation.signIn".');
  });
});

function countTokens(document: string): number {
  const lexer = new Lexer(new Source(document));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}
