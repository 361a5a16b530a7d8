import { createTestApp, expectData, type TestApp } from './app';
import { createEndpoint, createTenant, memberWithRole, registerSims } from './factories';

/**
 * Every connection of the schema, found by introspection (a new one is covered without editing this
 * file), refuses a malformed, tampered or foreign `after` cursor with BAD_USER_INPUT on `after`.
 */
describe('every connection refuses a bad cursor', () => {
  let app: TestApp;
  let token: string;
  let opsToken: string;
  let connections: ConnectionField[];

  beforeAll(async () => {
    app = await createTestApp();
    const tenant = await createTenant(app);
    token = tenant.admin.token;
    opsToken = await app.opsToken();
    // At least two items in every list, so each has a real cursor to tamper with.
    await memberWithRole(app, tenant.workspace.id, 'USER');
    await registerSims(app, token, 2);
    for (let i = 0; i < 2; i++) await createEndpoint(app, token);
    for (const kind of ['Service', 'Coverage']) {
      for (let i = 0; i < 2; i++) {
        expectData(await app.gql(`mutation { create${kind}Policy(input: { name: "${kind} ${i}" }) { id } }`, {}, { token }));
      }
    }
    for (let i = 0; i < 2; i++) {
      expectData(await app.gql(`mutation { createApplicationToken(description: "t${i}") { token } }`, {}, { token }));
    }
    connections = await connectionFields(app, token);
  });
  afterAll(() => app.close());

  it('finds the connections by introspection', () => {
    const names = connections.map((c) => c.label.replace(/^Query\./, ''));
    // The lists the portal and integrators page through today; new ones join by themselves.
    expect(names).toEqual(
      expect.arrayContaining(['endpoints', 'sims', 'workspaceUsers', 'auditEvents', 'applicationTokens', 'invoices', 'users']),
    );
  });

  it("refuses garbage, a tampered cursor and another list's cursor on every connection", async () => {
    const real = new Map<string, string>();
    for (const c of connections) {
      const cursor = endCursorOf(c, expectData(await run(c, { first: 1 })));
      if (!cursor) throw new Error(`${c.label} has no item to take a cursor from`);
      real.set(c.label, cursor);
    }
    const failures: string[] = [];
    for (const c of connections) {
      const own = real.get(c.label) ?? '';
      const other = [...real.entries()].find(([label]) => label !== c.label)?.[1] ?? '';
      const bad = {
        garbage: 'garbage',
        empty: '',
        'unsigned JSON': Buffer.from(JSON.stringify(['x', 1])).toString('base64url'),
        'payload changed': tamperPayload(own),
        'signature changed': own.slice(0, -2) + (own.endsWith('AA') ? 'BB' : 'AA'),
        "another list's": other,
      };
      for (const [what, after] of Object.entries(bad)) {
        const error = (await run(c, { first: 1, after })).errors?.[0];
        if (error?.extensions?.code !== 'BAD_USER_INPUT' || error.extensions.field !== 'after') {
          failures.push(`${c.label} with a ${what} cursor: ${JSON.stringify(error ?? 'accepted')}`);
        }
      }
      // The real cursor still works.
      expectData(await run(c, { first: 1, after: own }));
    }
    expect(failures).toEqual([]);
  });

  // "Operators only" fields answer an operator; the rest the tenant's Administrator, in their Workspace.
  const run = (c: ConnectionField, variables: { first: number; after?: string }) =>
    app.gql<Record<string, unknown>>(`query($first: Int, $after: String) { ${c.selection} }`, variables, {
      token: c.operatorsOnly ? opsToken : token,
    });
});

interface ConnectionField {
  /** Parent.field, for messages. */
  label: string;
  /** The query selection reaching the field from Query, its arguments bound to $first and $after. */
  selection: string;
  /** Where the connection sits in the answer (list steps take the first item). */
  path: string[];
  /** Described "Operators only": run as an operator. */
  operatorsOnly: boolean;
}

interface IntrospectedField {
  name: string;
  description: string | null;
  args: { name: string; type: TypeRef }[];
  type: TypeRef;
}
interface IntrospectedType {
  name: string;
  fields: IntrospectedField[] | null;
}
interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';

/**
 * Fields returning a `…Connection` type that take `after`, on every object type of the served schema,
 * each with a way in from Query: directly, or through a Query field (without required arguments)
 * that returns its parent type or a connection of it. A connection with no way in fails the test.
 */
async function connectionFields(app: TestApp, token: string): Promise<ConnectionField[]> {
  const result = await app.gql<{ __schema: { types: IntrospectedType[] } }>(
    `{ __schema { types { name fields { name description type { ${TYPE_REF} } args { name type { ${TYPE_REF} } } } } } }`,
    {},
    { token },
  );
  const types = expectData(result).__schema.types.filter((t) => !t.name.startsWith('__'));
  const rootFields = types.find((t) => t.name === 'Query')?.fields ?? [];
  const free = (field: IntrospectedField) => !field.args.some((a) => a.type.kind === 'NON_NULL');
  const found: ConnectionField[] = [];
  for (const type of types) {
    for (const field of type.fields ?? []) {
      if (!namedType(field.type).endsWith('Connection') || !field.args.some((a) => a.name === 'after')) continue;
      const label = `${type.name}.${field.name}`;
      if (!free(field)) throw new Error(`${label} has required arguments: teach test/cursors.test.ts their values`);
      const inner = `${field.name}(first: $first, after: $after) { pageInfo { endCursor } }`;
      if (type.name === 'Query') {
        found.push({ label, selection: inner, path: [field.name], operatorsOnly: (field.description ?? '').startsWith('Operators only') });
        continue;
      }
      const direct = rootFields.find((f) => free(f) && namedType(f.type) === type.name);
      const viaList = rootFields.find((f) => free(f) && namedType(f.type) === `${type.name}Connection`);
      if (direct) found.push({ label, selection: `${direct.name} { ${inner} }`, path: [direct.name, field.name], operatorsOnly: false });
      else if (viaList) {
        found.push({
          label,
          selection: `${viaList.name}(first: 1) { edges { node { ${inner} } } }`,
          path: [viaList.name, 'edges', 'node', field.name],
          operatorsOnly: false,
        });
      } else throw new Error(`${label}: no way to reach ${type.name} from Query; teach test/cursors.test.ts one`);
    }
  }
  return found;
}

/** The endCursor at the connection's place in the answer. */
function endCursorOf(c: ConnectionField, data: Record<string, unknown>): string | null {
  let at: unknown = data;
  for (const step of c.path) {
    at = (at as Record<string, unknown> | null)?.[step];
    if (Array.isArray(at)) at = at[0];
  }
  return (at as { pageInfo?: { endCursor: string | null } } | null)?.pageInfo?.endCursor ?? null;
}

function namedType(ref: TypeRef): string {
  return ref.ofType ? namedType(ref.ofType) : (ref.name ?? '');
}

/** The same cursor with one character of its payload changed (still valid base64url). */
function tamperPayload(cursor: string): string {
  const [payload = '', signature = ''] = cursor.split('.');
  const i = Math.floor(payload.length / 2);
  const swapped = payload[i] === 'A' ? 'B' : 'A';
  return `${payload.slice(0, i)}${swapped}${payload.slice(i + 1)}.${signature}`;
}
