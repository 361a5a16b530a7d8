import { withLuhn } from '../src/features/fleet/identifiers';
import { expectData, type TestApp } from './app';

let counter = 0;
/** Unique per process, so factories never collide within or across files on one server. */
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}-${Date.now().toString(36)}`;

export const PASSWORD = 'correct-horse-battery';

export interface Org {
  id: string;
  name: string;
  currency: string;
}

export async function createOrg(
  app: TestApp,
  options: { currency?: string; package?: 'STANDARD' | 'PRO'; workspaceLimit?: number } = {},
): Promise<Org> {
  const data = expectData(
    await app.gql<{ createOrganization: Org }>(
      'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name currency } }',
      {
        input: {
          name: unique('Org'),
          currency: options.currency ?? 'EUR',
          package: options.package ?? 'PRO',
          workspaceLimit: options.workspaceLimit,
        },
      },
      { token: await app.opsToken() },
    ),
  );
  return data.createOrganization;
}

export async function createWorkspace(
  app: TestApp,
  organizationId: string,
  name = unique('Workspace'),
): Promise<{ id: string; name: string }> {
  const data = expectData(
    await app.gql<{ createWorkspace: { id: string; name: string } }>(
      'mutation($o: ID!, $n: String!) { createWorkspace(organizationId: $o, name: $n) { id name } }',
      { o: organizationId, n: name },
      { token: await app.opsToken() },
    ),
  );
  return data.createWorkspace;
}

export interface TestUser {
  id: string;
  email: string;
}

export async function createUser(app: TestApp, prefix = 'user'): Promise<TestUser> {
  const email = `${unique(prefix)}@example.test`.toLowerCase();
  const data = expectData(
    await app.gql<{ createUser: TestUser }>(
      'mutation($e: String!, $n: String!, $p: String!) { createUser(email: $e, name: $n, password: $p) { id email } }',
      { e: email, n: prefix, p: PASSWORD },
      { token: await app.opsToken() },
    ),
  );
  return data.createUser;
}

export type StoredRole = 'ADMINISTRATOR' | 'USER' | 'OBSERVER';

export async function addMember(app: TestApp, workspaceId: string, userId: string, role: StoredRole): Promise<void> {
  expectData(
    await app.gql(
      'mutation($w: ID!, $u: ID!, $r: Role!) { addMember(workspaceId: $w, userId: $u, role: $r) { role } }',
      { w: workspaceId, u: userId, r: role },
      { token: await app.opsToken() },
    ),
  );
}

/** A user with one role in one Workspace, signed in there. */
export async function memberWithRole(app: TestApp, workspaceId: string, role: StoredRole): Promise<TestUser & { token: string }> {
  const user = await createUser(app, role.toLowerCase());
  await addMember(app, workspaceId, user.id, role);
  const token = await switchTo(app, await app.signIn(user.email, PASSWORD), workspaceId);
  return { ...user, token };
}

export async function switchTo(app: TestApp, token: string, workspaceId: string): Promise<string> {
  const data = expectData(
    await app.gql<{ switchWorkspace: { token: string } }>(
      'mutation($w: ID!) { switchWorkspace(workspaceId: $w) { token } }',
      { w: workspaceId },
      { token },
    ),
  );
  return data.switchWorkspace.token;
}

export async function linkWorkspace(app: TestApp, mainOrganizationId: string, workspaceId: string): Promise<void> {
  expectData(
    await app.gql(
      'mutation($m: ID!, $w: ID!) { linkWorkspace(mainOrganizationId: $m, workspaceId: $w) { id } }',
      { m: mainOrganizationId, w: workspaceId },
      { token: await app.opsToken() },
    ),
  );
}

/** One organization with one Workspace and an Administrator: the smallest tenant. */
export async function createTenant(app: TestApp, options: { currency?: string; package?: 'STANDARD' | 'PRO' } = {}) {
  const org = await createOrg(app, options);
  const workspace = await createWorkspace(app, org.id);
  const admin = await memberWithRole(app, workspace.id, 'ADMINISTRATOR');
  return { org, workspace, admin };
}

// --- fleet ------------------------------------------------------------------------------------------

let serial = Math.floor(Math.random() * 1e8);
/** A valid ICCID (19 digits, Luhn check digit), unique in this process. */
export function newIccid(): string {
  return withLuhn(`8988${String(process.pid % 1e5).padStart(5, '0')}${String(++serial % 1e9).padStart(9, '0')}`);
}

/** A valid IMEI (15 digits, Luhn check digit). */
export function newImei(): string {
  return withLuhn(`35${String(process.pid % 1e4).padStart(4, '0')}${String(++serial % 1e8).padStart(8, '0')}`);
}

export interface TestSim {
  id: string;
  iccid: string;
  status: string;
}

/** Registers `count` fresh SIMs in the token's active Workspace. */
export async function registerSims(app: TestApp, token: string, count = 1): Promise<TestSim[]> {
  const iccids = Array.from({ length: count }, () => newIccid());
  const data = expectData(
    await app.gql<{ registerSims: TestSim[] }>(
      'mutation($i: [String!]!) { registerSims(iccids: $i) { id iccid status } }',
      { i: iccids },
      { token },
    ),
  );
  return data.registerSims;
}

export interface TestEndpoint {
  id: string;
  name: string;
}

/** Creates a device in the token's active Workspace (a unique name unless given). */
export async function createEndpoint(app: TestApp, token: string, input: Record<string, unknown> = {}): Promise<TestEndpoint> {
  const data = expectData(
    await app.gql<{ createEndpoint: TestEndpoint }>(
      'mutation($input: CreateEndpointInput!) { createEndpoint(input: $input) { id name } }',
      { input: { name: unique('Device'), ...input } },
      { token },
    ),
  );
  return data.createEndpoint;
}
