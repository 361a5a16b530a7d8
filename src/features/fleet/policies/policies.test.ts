import { createTestApp, expectData, expectError, type TestApp } from '../../../../test/app';
import { createEndpoint, createTenant } from '../../../../test/factories';

const SERVICE = 'id name dataEnabled smsEnabled monthlyDataLimitMb monthlySmsLimit';
const COVERAGE = 'id name countries networks dataPlan';

describe('service and coverage policies', () => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await createTestApp();
    token = (await createTenant(app)).admin.token;
  });
  afterAll(() => app.close());

  it('creates, reads, updates and deletes a service policy', async () => {
    const created = expectData(
      await app.gql<{ createServicePolicy: { id: string } }>(
        `mutation { createServicePolicy(input: { name: "SMS only", dataEnabled: false, monthlySmsLimit: 100 }) { ${SERVICE} } }`,
        {},
        { token },
      ),
    ).createServicePolicy;
    expect(created).toMatchObject({
      name: 'SMS only',
      dataEnabled: false,
      smsEnabled: true,
      monthlyDataLimitMb: null,
      monthlySmsLimit: 100,
    });
    const updated = expectData(
      await app.gql<{ updateServicePolicy: unknown }>(
        `mutation($id: ID!) { updateServicePolicy(id: $id, input: { monthlySmsLimit: null, smsEnabled: false }) { ${SERVICE} } }`,
        { id: created.id },
        { token },
      ),
    ).updateServicePolicy;
    expect(updated).toMatchObject({ name: 'SMS only', smsEnabled: false, monthlySmsLimit: null });
    expect(
      expectData(
        await app.gql<{ servicePolicy: { name: string } }>(
          'query($id: ID!) { servicePolicy(id: $id) { name } }',
          { id: created.id },
          { token },
        ),
      ).servicePolicy.name,
    ).toBe('SMS only');
    expectError(
      await app.gql('mutation { createServicePolicy(input: { name: "x", monthlyDataLimitMb: -1 }) { id } }', {}, { token }),
      'BAD_USER_INPUT',
      'monthlyDataLimitMb',
    );
    expect(
      expectData(
        await app.gql<{ deleteServicePolicy: boolean }>(
          'mutation($id: ID!) { deleteServicePolicy(id: $id) }',
          { id: created.id },
          { token },
        ),
      ).deleteServicePolicy,
    ).toBe(true);
    expectError(await app.gql('query($id: ID!) { servicePolicy(id: $id) { id } }', { id: created.id }, { token }), 'NOT_FOUND', 'id');
  });

  it('creates and updates a coverage policy, validating countries and networks', async () => {
    const created = expectData(
      await app.gql<{ createCoveragePolicy: { id: string } }>(
        `mutation { createCoveragePolicy(input: { name: "DACH", countries: ["de", "AT", "CH", "de"], networks: ["26201", "228001"], dataPlan: "Pool 10 GB" }) { ${COVERAGE} } }`,
        {},
        { token },
      ),
    ).createCoveragePolicy;
    expect(created).toMatchObject({ countries: ['DE', 'AT', 'CH'], networks: ['26201', '228001'], dataPlan: 'Pool 10 GB' });
    expectError(
      await app.gql('mutation { createCoveragePolicy(input: { name: "bad", countries: ["XY"] }) { id } }', {}, { token }),
      'BAD_USER_INPUT',
      'countries',
    );
    expectError(
      await app.gql('mutation { createCoveragePolicy(input: { name: "bad", networks: ["2620"] }) { id } }', {}, { token }),
      'BAD_USER_INPUT',
      'networks',
    );
    const updated = expectData(
      await app.gql<{ updateCoveragePolicy: unknown }>(
        `mutation($id: ID!) { updateCoveragePolicy(id: $id, input: { countries: [], dataPlan: null }) { ${COVERAGE} } }`,
        { id: created.id },
        { token },
      ),
    ).updateCoveragePolicy;
    expect(updated).toMatchObject({ name: 'DACH', countries: [], networks: ['26201', '228001'], dataPlan: null });
  });

  it('keeps names unique per Workspace in any letter case (CONFLICT on name)', async () => {
    expectData(await app.gql('mutation { createServicePolicy(input: { name: "Fleet default" }) { id } }', {}, { token }));
    expectError(
      await app.gql('mutation { createServicePolicy(input: { name: "FLEET DEFAULT" }) { id } }', {}, { token }),
      'CONFLICT',
      'name',
    );
    const other = expectData(
      await app.gql<{ createServicePolicy: { id: string } }>(
        'mutation { createServicePolicy(input: { name: "Other" }) { id } }',
        {},
        { token },
      ),
    );
    expectError(
      await app.gql(
        'mutation($id: ID!) { updateServicePolicy(id: $id, input: { name: "fleet default" }) { id } }',
        { id: other.createServicePolicy.id },
        { token },
      ),
      'CONFLICT',
      'name',
    );
    // Another Workspace may use the same name.
    const elsewhere = (await createTenant(app)).admin.token;
    expectData(await app.gql('mutation { createServicePolicy(input: { name: "Fleet default" }) { id } }', {}, { token: elsewhere }));
  });

  it('refuses to delete a policy a device uses (CONFLICT), and allows it once unused', async () => {
    const service = expectData(
      await app.gql<{ createServicePolicy: { id: string } }>(
        'mutation { createServicePolicy(input: { name: "In use" }) { id } }',
        {},
        { token },
      ),
    ).createServicePolicy.id;
    const coverage = expectData(
      await app.gql<{ createCoveragePolicy: { id: string } }>(
        'mutation { createCoveragePolicy(input: { name: "In use" }) { id } }',
        {},
        { token },
      ),
    ).createCoveragePolicy.id;
    const device = await createEndpoint(app, token, { servicePolicyId: service, coveragePolicyId: coverage });
    expectError(await app.gql('mutation($id: ID!) { deleteServicePolicy(id: $id) }', { id: service }, { token }), 'CONFLICT', 'id');
    expectError(await app.gql('mutation($id: ID!) { deleteCoveragePolicy(id: $id) }', { id: coverage }, { token }), 'CONFLICT', 'id');
    expectData(await app.gql('mutation($id: ID!) { deleteEndpoint(id: $id) }', { id: device.id }, { token }));
    expectData(await app.gql('mutation($id: ID!) { deleteServicePolicy(id: $id) }', { id: service }, { token }));
    expectData(await app.gql('mutation($id: ID!) { deleteCoveragePolicy(id: $id) }', { id: coverage }, { token }));
  });

  it('lists policies by name with keyset pages', async () => {
    const fresh = (await createTenant(app)).admin.token;
    for (const name of ['Charlie', 'alpha', 'Bravo']) {
      expectData(
        await app.gql('mutation($n: String!) { createCoveragePolicy(input: { name: $n }) { id } }', { n: name }, { token: fresh }),
      );
    }
    const query =
      'query($a: String) { coveragePolicies(first: 2, after: $a) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }';
    type Page = {
      coveragePolicies: { totalCount: number; edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    };
    const first = expectData(await app.gql<Page>(query, {}, { token: fresh })).coveragePolicies;
    const second = expectData(await app.gql<Page>(query, { a: first.pageInfo.endCursor }, { token: fresh })).coveragePolicies;
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const names = [...first.edges, ...second.edges].map((e) => e.node.name);
    expect(new Set(names)).toEqual(new Set(['Charlie', 'alpha', 'Bravo']));
    expect(names).toHaveLength(3);
  });

  it('records policy changes in the audit log', async () => {
    const id = expectData(
      await app.gql<{ createCoveragePolicy: { id: string } }>(
        'mutation { createCoveragePolicy(input: { name: "Audited" }) { id } }',
        {},
        { token },
      ),
    ).createCoveragePolicy.id;
    expectData(
      await app.gql('mutation($id: ID!) { updateCoveragePolicy(id: $id, input: { name: "Audited 2" }) { id } }', { id }, { token }),
    );
    expectData(await app.gql('mutation($id: ID!) { deleteCoveragePolicy(id: $id) }', { id }, { token }));
    const data = expectData(
      await app.gql<{ auditEvents: { edges: { node: { action: string; targetId: string } }[] } }>(
        '{ auditEvents(first: 10) { edges { node { action targetId } } } }',
        {},
        { token },
      ),
    );
    expect(
      data.auditEvents.edges
        .map((e) => e.node)
        .filter((e) => e.targetId === id)
        .map((e) => e.action),
    ).toEqual(['coverage_policy.deleted', 'coverage_policy.updated', 'coverage_policy.created']);
  });
});
