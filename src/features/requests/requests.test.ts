import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import { createOrg, createWorkspace, linkWorkspace, memberWithRole, PASSWORD, switchTo } from '../../../test/factories';

const REQUEST =
  'mutation($k: WorkspaceRequestKind!, $e: String!, $d: String!) { requestWorkspace(kind: $k, contactEmail: $e, details: $d) { id kind status contactEmail details organization { id } } }';
const APPROVE =
  'mutation($id: ID!, $w: ID, $n: String) { approveWorkspaceRequest(id: $id, workspaceId: $w, name: $n) { id status resultWorkspace { id name mainOrganization { id } } } }';
const REJECT = 'mutation($id: ID!, $r: String!) { rejectWorkspaceRequest(id: $id, reason: $r) { id status rejectionReason } }';
const LIST = '{ workspaceRequests { id status } }';

type Sent = { requestWorkspace: { id: string; status: string; organization: { id: string } } };

describe('Workspace requests', () => {
  let app: TestApp;
  let ops: string;
  beforeAll(async () => {
    app = await createTestApp();
    ops = await app.opsToken();
  });
  afterAll(() => app.close());

  async function mainOrg(pkg: 'PRO' | 'STANDARD' = 'PRO', workspaceLimit = 3) {
    const org = await createOrg(app, { package: pkg, workspaceLimit });
    const hq = await createWorkspace(app, org.id);
    const admin = await memberWithRole(app, hq.id, 'ADMINISTRATOR');
    return { org, hq, admin };
  }
  const send = (token: string, kind = 'CREATE', details = 'A Workspace for the EMEA unit') =>
    app.gql<Sent>(REQUEST, { k: kind, e: 'contact@example.test', d: details }, { token });

  it('lets an Administrator of the main organization send a request, and ops approve a CREATE: a new linked Workspace', async () => {
    const { org, admin } = await mainOrg();
    const sent = expectData(await send(admin.token)).requestWorkspace;
    expect(sent).toMatchObject({ status: 'PENDING', organization: { id: org.id } });
    expect(
      expectData(await app.gql<{ workspaceRequests: { id: string }[] }>(LIST, {}, { token: admin.token })).workspaceRequests.map(
        (r) => r.id,
      ),
    ).toEqual([sent.id]);

    expectError(await app.gql(APPROVE, { id: sent.id }, { token: ops }), 'BAD_USER_INPUT', 'name');
    const approved = expectData(
      await app.gql<{
        approveWorkspaceRequest: { status: string; resultWorkspace: { id: string; name: string; mainOrganization: { id: string } } };
      }>(APPROVE, { id: sent.id, n: 'EMEA' }, { token: ops }),
    );
    expect(approved.approveWorkspaceRequest).toMatchObject({
      status: 'APPROVED',
      resultWorkspace: { name: 'EMEA', mainOrganization: { id: org.id } },
    });
    // The Administrator became SuperAdmin with the first link and can enter the new Workspace.
    const token = await app.signIn(admin.email, PASSWORD);
    const inNew = await switchTo(app, token, approved.approveWorkspaceRequest.resultWorkspace.id);
    expect(expectData(await app.gql<{ viewer: { role: string } }>('{ viewer { role } }', {}, { token: inNew })).viewer.role).toBe(
      'SUPER_ADMIN',
    );
    expectError(await app.gql(APPROVE, { id: sent.id, n: 'Again' }, { token: ops }), 'CONFLICT');
  });

  it('approves a LINK by linking the named Workspace, and refuses beyond the limit', async () => {
    const { org, admin } = await mainOrg('PRO', 1);
    const existing = await createWorkspace(app, (await createOrg(app)).id);
    const sent = expectData(await send(admin.token, 'LINK')).requestWorkspace;
    expectError(await app.gql(APPROVE, { id: sent.id }, { token: ops }), 'BAD_USER_INPUT', 'workspaceId');
    const approved = expectData(
      await app.gql<{ approveWorkspaceRequest: { resultWorkspace: { id: string; mainOrganization: { id: string } } } }>(
        APPROVE,
        { id: sent.id, w: existing.id },
        { token: ops },
      ),
    );
    expect(approved.approveWorkspaceRequest.resultWorkspace).toEqual({
      id: existing.id,
      name: existing.name,
      mainOrganization: { id: org.id },
    });
    const second = expectData(await send(admin.token)).requestWorkspace;
    expectError(await app.gql(APPROVE, { id: second.id, n: 'One too many' }, { token: ops }), 'LIMIT_EXCEEDED');
    // Nothing was created by the refused approval: the request is still pending.
    const pending = expectData(
      await app.gql<{ workspaceRequests: { id: string; status: string }[] }>(
        '{ workspaceRequests(status: PENDING) { id status } }',
        {},
        { token: ops },
      ),
    );
    expect(pending.workspaceRequests.map((r) => r.id)).toContain(second.id);
  });

  it('rejects with a reason, after which a new request may be sent', async () => {
    const { admin } = await mainOrg();
    const sent = expectData(await send(admin.token)).requestWorkspace;
    expectError(await app.gql(REJECT, { id: sent.id, r: '   ' }, { token: ops }), 'BAD_USER_INPUT', 'reason');
    const rejected = expectData(
      await app.gql<{ rejectWorkspaceRequest: { status: string; rejectionReason: string } }>(
        REJECT,
        { id: sent.id, r: 'No contract yet' },
        { token: ops },
      ),
    );
    expect(rejected.rejectWorkspaceRequest).toMatchObject({ status: 'REJECTED', rejectionReason: 'No contract yet' });
    expectData(await send(admin.token));
  });

  it('allows one pending request per organization: CONFLICT for a second, exactly one under 20 concurrent sends', async () => {
    const { admin } = await mainOrg();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => send(admin.token, 'CREATE', `attempt ${i}`)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expectError(r, 'CONFLICT');
    const list = expectData(await app.gql<{ workspaceRequests: { status: string }[] }>(LIST, {}, { token: admin.token }));
    expect(list.workspaceRequests.filter((r) => r.status === 'PENDING')).toHaveLength(1);
  });

  it('is refused to Users and Observers, to Standard organizations, and to Administrators of a linked (non-main) Workspace', async () => {
    const { org, hq } = await mainOrg();
    for (const role of ['USER', 'OBSERVER'] as const) {
      const member = await memberWithRole(app, hq.id, role);
      expectError(await send(member.token), 'FORBIDDEN');
      expectError(await app.gql(LIST, {}, { token: member.token }), 'FORBIDDEN');
    }
    const standard = await mainOrg('STANDARD');
    expectError(await send(standard.admin.token), 'FORBIDDEN');
    const unit = await createWorkspace(app, (await createOrg(app)).id);
    await linkWorkspace(app, org.id, unit.id);
    const unitAdmin = await memberWithRole(app, unit.id, 'ADMINISTRATOR');
    expectError(await send(unitAdmin.token), 'FORBIDDEN');
  });

  it('lets the SuperAdmin send from a linked Workspace, for the main organization', async () => {
    const { org, admin } = await mainOrg();
    const unit = await createWorkspace(app, (await createOrg(app)).id);
    await linkWorkspace(app, org.id, unit.id);
    const inUnit = await switchTo(app, await app.signIn(admin.email, PASSWORD), unit.id);
    expect(expectData(await send(inUnit)).requestWorkspace.organization.id).toBe(org.id);
  });

  it('validates input, naming the field', async () => {
    const { admin } = await mainOrg();
    expectError(
      await app.gql(REQUEST, { k: 'CREATE', e: 'not-an-email', d: 'x' }, { token: admin.token }),
      'BAD_USER_INPUT',
      'contactEmail',
    );
    expectError(await app.gql(REQUEST, { k: 'CREATE', e: 'a@b.test', d: '' }, { token: admin.token }), 'BAD_USER_INPUT', 'details');
    expectError(
      await app.gql(REQUEST, { k: 'CREATE', e: 'a@b.test', d: 'x'.repeat(2001) }, { token: admin.token }),
      'BAD_USER_INPUT',
      'details',
    );
  });

  it("keeps organizations apart: another organization's requests are invisible, and approving an unknown id is NOT_FOUND", async () => {
    const a = await mainOrg();
    const b = await mainOrg();
    const sentB = expectData(await send(b.admin.token)).requestWorkspace;
    expect(
      expectData(await app.gql<{ workspaceRequests: { id: string }[] }>(LIST, {}, { token: a.admin.token })).workspaceRequests,
    ).toEqual([]);
    expectError(await app.gql(APPROVE, { id: '00000000-0000-0000-0000-000000000000', n: 'x' }, { token: ops }), 'NOT_FOUND', 'id');
    expectError(await app.gql(APPROVE, { id: sentB.id, n: 'x' }, { token: a.admin.token }), 'FORBIDDEN');
  });
});
