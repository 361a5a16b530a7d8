import { type DefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import * as portal from '../src/components/api/generated/graphql';
import { outboxIdle } from '../src/features/mail/sender';
import { createTestApp, expectData, type TestApp } from './app';
import { statementCount } from './db';
import { createEndpoint, createOrg, createTenant, createWorkspace, linkWorkspace, memberWithRole, registerSims, unique } from './factories';

/**
 * No N+1 in anything the portal shows: every query document the portal sends (src/components/api/
 * documents, so a new page is covered without editing this test) costs the same number of SQL
 * statements whether its lists hold 2 items or 12: Workspaces in the switcher and in reports,
 * organizations and requests in the ops console, members, tokens, audit events, SIMs, devices and
 * policies in a Workspace.
 */
describe('statements per portal query', () => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    jest.spyOn(console, 'info').mockImplementation(() => undefined); // invitation emails go to the log
    app = await createTestApp();
    world = await createWorld(app);
  });
  afterAll(async () => {
    await outboxIdle();
    await app.close();
    jest.restoreAllMocks();
  });

  const queries = portalQueries();

  it('finds the portal queries', () => {
    expect(queries.map((q) => q.name)).toEqual(
      expect.arrayContaining(['WorkspaceShell', 'Endpoints', 'Sims', 'WorkspaceUsers', 'Organizations', 'OpsUserChoices']),
    );
  });

  it('does not grow from 2 to 12 items in every list', async () => {
    const small = await measure(app, world, queries);
    await grow(app, world, 12);
    const large = await measure(app, world, queries);
    // Every query ran for someone, and the lists really grew.
    expect([...small.keys()].sort()).toEqual(queries.map((q) => q.name).sort());
    expect(large.get('Organizations')?.items).toBeGreaterThan(small.get('Organizations')?.items ?? 0);
    const grown = [...large.entries()].filter(([name, l]) => l.statements !== small.get(name)?.statements);
    expect(grown.map(([name, l]) => `${name} as ${l.principal}: ${small.get(name)?.statements} -> ${l.statements} statements`)).toEqual([]);
  });
});

interface PortalQuery {
  name: string;
  text: string;
  operation: OperationDefinitionNode;
}

function portalQueries(): PortalQuery[] {
  const found: PortalQuery[] = [];
  for (const [exported, document] of Object.entries(portal)) {
    if (!exported.endsWith('Document')) continue;
    const text = String(document);
    const operation = parse(text).definitions.find(
      (d: DefinitionNode): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    if (operation?.operation === 'query' && operation.name) found.push({ name: operation.name.value, text, operation });
  }
  return found;
}

interface World {
  main: { id: string };
  workspaceId: string;
  /** The SuperAdmin of the main organization, acting in its own Workspace. */
  superAdmin: string;
  endpointId: string;
  /** The seeded SIM and policies, for their detail pages. */
  simId: string;
  servicePolicyId: string;
  coveragePolicyId: string;
  /** A Workspace of another organization, never linked: what the ops console's link preview names. */
  linkableId: string;
  /** A Workspace linked to the main organization: what the unlink preview names. */
  linkedId: string;
  size: number;
}

/** A main organization linking Workspaces, with a fleet, users and tokens, and tenants with pending requests. */
async function createWorld(app: TestApp): Promise<World> {
  const main = await createOrg(app, { workspaceLimit: 20 });
  const own = await createWorkspace(app, main.id);
  const admin = await memberWithRole(app, own.id, 'ADMINISTRATOR');
  const linkable = await createWorkspace(app, (await createOrg(app)).id);
  const world: World = {
    main,
    workspaceId: own.id,
    superAdmin: admin.token,
    endpointId: '',
    simId: '',
    servicePolicyId: '',
    coveragePolicyId: '',
    linkableId: linkable.id,
    linkedId: '',
    size: 0,
  };
  await grow(app, world, 2);
  return world;
}

/** Adds what it takes for every list to hold `size` items. */
async function grow(app: TestApp, world: World, size: number): Promise<void> {
  const token = world.superAdmin;
  const run = async (query: string, variables: Record<string, unknown> = {}) => expectData(await app.gql(query, variables, { token }));
  for (let i = world.size; i < size; i++) {
    // A linked Workspace of its own organization: the switcher, reports and the ops console grow.
    const org = await createOrg(app);
    const linked = await createWorkspace(app, org.id);
    await linkWorkspace(app, world.main.id, linked.id);
    world.linkedId ||= linked.id;
    // A tenant with a pending request: the ops console's request list grows.
    const tenant = await createTenant(app, { package: 'PRO' });
    expectData(
      await app.gql(
        'mutation { requestWorkspace(kind: CREATE, contactEmail: "c@example.test", details: "one more") { id } }',
        {},
        { token: tenant.admin.token },
      ),
    );
    // The main Workspace's users (active and invited), tokens, policies, SIMs and devices.
    await memberWithRole(app, world.workspaceId, 'USER');
    await run('mutation($e: String!) { addUserToWorkspace(email: $e, role: OBSERVER) { status } }', {
      e: `${unique('invited')}@example.test`.toLowerCase(),
    });
    await run('mutation($d: String!) { createApplicationToken(description: $d) { token } }', { d: `token ${i}` });
    const policies = (await run(
      'mutation($n: String!) { createServicePolicy(input: { name: $n }) { id } createCoveragePolicy(input: { name: $n }) { id } }',
      { n: `policy ${i}` },
    )) as { createServicePolicy: { id: string }; createCoveragePolicy: { id: string } };
    const [sim] = await registerSims(app, token, 2);
    const device = await createEndpoint(app, token, {
      simId: sim?.id,
      tags: ['meter', `batch-${i}`],
      servicePolicyId: policies.createServicePolicy.id,
      coveragePolicyId: policies.createCoveragePolicy.id,
    });
    world.endpointId ||= device.id;
    world.simId ||= sim?.id ?? '';
    world.servicePolicyId ||= policies.createServicePolicy.id;
    world.coveragePolicyId ||= policies.createCoveragePolicy.id;
  }
  world.size = size;
}

interface Measured {
  principal: string;
  statements: number;
  /** How many list items the answer held, to show the lists grew. */
  items: number;
}

/** Runs every portal query as the first principal allowed to (the SuperAdmin, else an operator) and counts its statements. */
async function measure(app: TestApp, world: World, queries: readonly PortalQuery[]): Promise<Map<string, Measured>> {
  const principals = [
    { name: 'SuperAdmin', token: world.superAdmin },
    { name: 'operator', token: await app.opsToken() },
  ];
  const results = new Map<string, Measured>();
  for (const query of queries) {
    const variables = variablesFor(query, world);
    for (const principal of principals) {
      // Twice: the first run may warm what a second never repeats (none should, but it would not be N+1).
      await outboxIdle();
      await app.gql(query.text, variables, { token: principal.token });
      await outboxIdle();
      const before = statementCount();
      const result = await app.gql(query.text, variables, { token: principal.token });
      const statements = statementCount() - before;
      if (result.errors?.length) continue;
      results.set(query.name, { principal: principal.name, statements, items: countItems(result.data) });
      break;
    }
  }
  return results;
}

/** Values for the document's variables: pages as large as every list, the seeded device for detail pages. */
function variablesFor(query: PortalQuery, world: World): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of query.operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (name === 'first') variables.first = 50;
    else if (name === 'id') variables.id = seededIdFor(query, world);
    else if (name === 'includeRevoked') variables.includeRevoked = true;
    else if (name === 'mainOrganizationId') variables.mainOrganizationId = world.main.id;
    else if (name === 'workspaceId') variables.workspaceId = query.name === 'OpsPreviewUnlink' ? world.linkedId : world.linkableId;
    else if (definition.type.kind === Kind.NON_NULL_TYPE) throw new Error(`${query.name} needs $${name}: give it a value in variablesFor`);
  }
  return variables;
}

/** The seeded object a detail page's `$id` names, by the query's first field: a SIM, a policy, else the device. */
function seededIdFor(query: PortalQuery, world: World): string {
  const first = query.operation.selectionSet.selections[0];
  const field = first?.kind === Kind.FIELD ? first.name.value : '';
  if (field === 'sim') return world.simId;
  if (field === 'servicePolicy') return world.servicePolicyId;
  if (field === 'coveragePolicy') return world.coveragePolicyId;
  return world.endpointId;
}

/** Items in every list of an answer, nested lists included. */
function countItems(value: unknown): number {
  if (Array.isArray(value)) return value.length + value.reduce((n: number, item) => n + countItems(item), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((n: number, inner) => n + countItems(inner), 0);
  return 0;
}
