import { createTestApp, expectData, type TestApp } from '../../test/app';
import { DEMO_OPS, DEMO_PASSWORD, seedDemoIfEmpty } from './seed';

type Switcher = { workspaces: { workspace: { name: string; organization: { currency: string } }; role: string; isDefault: boolean }[] };
interface Queued {
  kind: string;
  status: string;
  name: string | null;
  currency: string | null;
  rejectionReason: string | null;
  resultWorkspace: { name: string; organization: { name: string; currency: string } } | null;
}
interface OrganizationRow {
  name: string;
  linkedWorkspaceCount: number;
  workspaceLimit: number;
  workspaces: { name: string; mainOrganization: { name: string } | null }[];
}
const SWITCHER = '{ workspaces { workspace { name organization { currency } } role isDefault } }';

describe('demo data', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('seeds a Pro group with four linked Workspaces in EUR, USD, GBP and AUD, one login per role, and a request queue', async () => {
    // createTestApp added an operator, but no organization: the database counts as empty.
    expect(await seedDemoIfEmpty(app.database.db)).toBe(true);
    expect(await seedDemoIfEmpty(app.database.db)).toBe(false);

    const superAdmin = await app.signIn('superadmin@acme.test', DEMO_PASSWORD);
    const all = expectData(await app.gql<Switcher>(SWITCHER, {}, { token: superAdmin })).workspaces;
    expect(all.map((w) => [w.workspace.name, w.workspace.organization.currency, w.role])).toEqual([
      ['Acme Europe', 'EUR', 'SUPER_ADMIN'],
      ['Acme Americas', 'USD', 'SUPER_ADMIN'],
      ['Acme UK', 'GBP', 'SUPER_ADMIN'],
      ['Acme APAC', 'AUD', 'SUPER_ADMIN'],
    ]);

    const user = await app.signIn('user@acme.test', DEMO_PASSWORD);
    const two = expectData(await app.gql<Switcher>(SWITCHER, {}, { token: user })).workspaces;
    expect(two.map((w) => [w.workspace.name, w.role, w.isDefault])).toEqual([
      ['Acme Europe', 'USER', true],
      ['Acme UK', 'OBSERVER', false],
    ]);

    for (const [email, role] of [
      ['admin@acme.test', 'ADMINISTRATOR'],
      ['observer@acme.test', 'OBSERVER'],
    ] as const) {
      const token = await app.signIn(email, DEMO_PASSWORD);
      expect(expectData(await app.gql<{ viewer: { role: string } }>('{ viewer { role } }', {}, { token })).viewer.role).toBe(role);
    }

    // Each Workspace has a populated fleet with usage.
    const fleet = expectData(
      await app.gql<{ sims: { totalCount: number }; endpoints: { totalCount: number } }>(
        '{ sims(first: 1) { totalCount } endpoints(first: 1) { totalCount } }',
        {},
        { token: superAdmin },
      ),
    );
    expect(fleet.sims.totalCount).toBeGreaterThanOrEqual(2000);
    expect(fleet.endpoints.totalCount).toBeGreaterThanOrEqual(2000);

    const ops = await app.signIn(DEMO_OPS.email, DEMO_OPS.password);
    const queue = expectData(
      await app.gql<{ workspaceRequests: Queued[] }>(
        '{ workspaceRequests { kind status name currency rejectionReason resultWorkspace { name organization { name currency } } } }',
        {},
        { token: ops },
      ),
    ).workspaceRequests;
    // Newest first: one pending, then a withdrawn, a rejected (with its reason) and an approved CREATE.
    expect(queue.map((r) => [r.kind, r.status, r.name, r.currency])).toEqual([
      ['CREATE', 'PENDING', 'Acme Nordics', 'SEK'],
      ['CREATE', 'WITHDRAWN', 'Acme Events', 'EUR'],
      ['LINK', 'REJECTED', null, null],
      ['CREATE', 'APPROVED', 'Acme APAC', 'AUD'],
    ]);
    expect(queue[2]?.rejectionReason).toMatch(/no contract/);
    // The approved CREATE made a Workspace billed by an organization of its own, in AUD.
    expect(queue[3]?.resultWorkspace).toEqual({ name: 'Acme APAC', organization: { name: 'Acme APAC Pty Ltd', currency: 'AUD' } });

    // An organization whose Workspace is linked under another main organization: ops read that main organization.
    const organizations = expectData(
      await app.gql<{ organizations: OrganizationRow[] }>(
        '{ organizations { name linkedWorkspaceCount workspaceLimit workspaces { name mainOrganization { name } } } }',
        {},
        { token: ops },
      ),
    ).organizations;
    expect(organizations.find((o) => o.name === 'Acme Group')).toMatchObject({ linkedWorkspaceCount: 4, workspaceLimit: 4 });
    expect(organizations.find((o) => o.name === 'Acme Americas Inc.')).toMatchObject({
      linkedWorkspaceCount: 0,
      workspaces: [{ name: 'Acme Americas', mainOrganization: { name: 'Acme Group' } }],
    });
  });
});
