import { createTestApp, expectData, type TestApp } from '../../../test/app';
import { addMember, createOrg, createTenant, createUser, createWorkspace, linkWorkspace, memberWithRole } from '../../../test/factories';

/**
 * The reads the ops console's organization page needs beyond `organization`: whom the SuperAdmin may
 * be reassigned to (Organization.eligibleSuperAdmins) and each Workspace's price lists
 * (Workspace.priceLists). Operators only; anyone else reaching them through a Workspace gets null.
 */

const ELIGIBLE = `query($id: ID!) { organization(id: $id) {
  eligibleSuperAdmins { user { id } workspace { id } role status }
} }`;
const PRICES = `query($id: ID!) { organization(id: $id) { workspaces { id priceLists { effectiveMonth currency pricePerSms { amount } } } } }`;
const SET_PRICES = `mutation($w: ID!, $i: PriceListInput!) { setPriceList(workspaceId: $w, input: $i) { effectiveMonth } }`;
const SUSPEND = `mutation($u: ID!) { setUserStatus(userId: $u, status: SUSPENDED) { status } }`;
const AS_MEMBER = `{ viewer { activeWorkspace { priceLists { effectiveMonth } organization { eligibleSuperAdmins { role } } } } }`;

interface Eligible {
  organization: { eligibleSuperAdmins: { user: { id: string }; workspace: { id: string }; role: string; status: string }[] | null };
}
interface Prices {
  organization: {
    workspaces: { id: string; priceLists: { effectiveMonth: string; currency: string; pricePerSms: { amount: string } }[] }[];
  };
}

describe('ops console reads', () => {
  let app: TestApp;
  let ops: string;
  beforeAll(async () => {
    app = await createTestApp();
    ops = await app.opsToken();
  });
  afterAll(() => app.close());

  it("lists the active members of the organization's own Workspaces as eligible SuperAdmins, oldest first", async () => {
    const { org, workspace, admin } = await createTenant(app);
    const second = await createWorkspace(app, org.id);
    const observer = await createUser(app, 'observer');
    await addMember(app, second.id, observer.id, 'OBSERVER');
    const suspended = await memberWithRole(app, workspace.id, 'USER');
    expectData(await app.gql(SUSPEND, { u: suspended.id }, { token: admin.token }));
    // A member of a Workspace linked to the organization, but owned by another one, is not eligible.
    const other = await createOrg(app);
    const linked = await createWorkspace(app, other.id);
    const outsider = await createUser(app, 'outsider');
    await addMember(app, linked.id, outsider.id, 'ADMINISTRATOR');
    await linkWorkspace(app, org.id, linked.id);

    const eligible = expectData(await app.gql<Eligible>(ELIGIBLE, { id: org.id }, { token: ops })).organization.eligibleSuperAdmins;
    expect(eligible).toEqual([
      { user: { id: admin.id }, workspace: { id: workspace.id }, role: 'ADMINISTRATOR', status: 'ACTIVE' },
      { user: { id: observer.id }, workspace: { id: second.id }, role: 'OBSERVER', status: 'ACTIVE' },
    ]);
  });

  it("lists each Workspace's price lists, latest month first", async () => {
    const { org, workspace } = await createTenant(app, { currency: 'USD' });
    const now = new Date();
    const month = (offset: number) => {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
      return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    };
    const prices = (sms: string, effectiveMonth: string) => ({
      feePerActivatedSim: '1',
      pricePerMb: '0.01',
      pricePerSms: sms,
      effectiveMonth,
    });
    expectData(await app.gql(SET_PRICES, { w: workspace.id, i: prices('0.05', month(0)) }, { token: ops }));
    expectData(await app.gql(SET_PRICES, { w: workspace.id, i: prices('0.07', month(2)) }, { token: ops }));

    const data = expectData(await app.gql<Prices>(PRICES, { id: org.id }, { token: ops }));
    expect(data.organization.workspaces).toEqual([
      {
        id: workspace.id,
        priceLists: [
          { effectiveMonth: month(2), currency: 'USD', pricePerSms: { amount: '0.07' } },
          { effectiveMonth: month(0), currency: 'USD', pricePerSms: { amount: '0.05' } },
        ],
      },
    ]);
  });

  it('answers null to a customer, even an Administrator of the organization', async () => {
    const { workspace, admin } = await createTenant(app);
    expectData(
      await app.gql(SET_PRICES, { w: workspace.id, i: { feePerActivatedSim: '1', pricePerMb: '1', pricePerSms: '1' } }, { token: ops }),
    );
    const data = expectData(await app.gql(AS_MEMBER, {}, { token: admin.token }));
    expect(data).toEqual({ viewer: { activeWorkspace: { priceLists: null, organization: { eligibleSuperAdmins: null } } } });
  });
});
