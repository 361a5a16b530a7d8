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

export async function createOrg(app: TestApp, options: { currency?: string; package?: 'STANDARD' | 'PRO'; workspaceLimit?: number } = {}): Promise<Org> {
  const data = expectData(
    await app.gql<{ createOrganization: Org }>(
      'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name currency } }',
      { input: { name: unique('Org'), currency: options.currency ?? 'EUR', package: options.package ?? 'PRO', workspaceLimit: options.workspaceLimit } },
      { token: await app.opsToken() },
    ),
  );
  return data.createOrganization;
}

export async function createWorkspace(app: TestApp, organizationId: string, name = unique('Workspace')): Promise<{ id: string; name: string }> {
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
    await app.gql('mutation($w: ID!, $u: ID!, $r: Role!) { addMember(workspaceId: $w, userId: $u, role: $r) { role } }', { w: workspaceId, u: userId, r: role }, { token: await app.opsToken() }),
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
    await app.gql<{ switchWorkspace: { token: string } }>('mutation($w: ID!) { switchWorkspace(workspaceId: $w) { token } }', { w: workspaceId }, { token }),
  );
  return data.switchWorkspace.token;
}

export async function linkWorkspace(app: TestApp, mainOrganizationId: string, workspaceId: string): Promise<void> {
  expectData(
    await app.gql('mutation($m: ID!, $w: ID!) { linkWorkspace(mainOrganizationId: $m, workspaceId: $w) { id } }', { m: mainOrganizationId, w: workspaceId }, { token: await app.opsToken() }),
  );
}

/** One organization with one Workspace and an Administrator: the smallest tenant. */
export async function createTenant(app: TestApp, options: { currency?: string; package?: 'STANDARD' | 'PRO' } = {}) {
  const org = await createOrg(app, options);
  const workspace = await createWorkspace(app, org.id);
  const admin = await memberWithRole(app, workspace.id, 'ADMINISTRATOR');
  return { org, workspace, admin };
}
