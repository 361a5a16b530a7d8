import { createTestApp, expectData, type TestApp } from '../../test/app';
import { DEMO_OPS, DEMO_PASSWORD, seedDemoIfEmpty } from './seed';

type Switcher = { workspaces: { workspace: { name: string; organization: { currency: string } }; role: string; isDefault: boolean }[] };
const SWITCHER = '{ workspaces { workspace { name organization { currency } } role isDefault } }';

describe('demo data', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('seeds a Pro group with three linked Workspaces in EUR, USD and GBP, one login per role, and a pending request', async () => {
    // createTestApp added an operator, but no organization: the database counts as empty.
    expect(await seedDemoIfEmpty(app.database.db)).toBe(true);
    expect(await seedDemoIfEmpty(app.database.db)).toBe(false);

    const superAdmin = await app.signIn('superadmin@acme.test', DEMO_PASSWORD);
    const all = expectData(await app.gql<Switcher>(SWITCHER, {}, { token: superAdmin })).workspaces;
    expect(all.map((w) => [w.workspace.name, w.workspace.organization.currency, w.role])).toEqual([
      ['Acme Europe', 'EUR', 'SUPER_ADMIN'],
      ['Acme Americas', 'USD', 'SUPER_ADMIN'],
      ['Acme UK', 'GBP', 'SUPER_ADMIN'],
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
    const pending = expectData(
      await app.gql<{ workspaceRequests: { kind: string }[] }>('{ workspaceRequests(status: PENDING) { kind } }', {}, { token: ops }),
    );
    expect(pending.workspaceRequests).toEqual([{ kind: 'CREATE' }]);
  });
});
