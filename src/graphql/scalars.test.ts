import { createTestApp, expectError, type TestApp } from '../../test/app';
import { createTenant } from '../../test/factories';

describe('Date and DateTime inputs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('answers BAD_USER_INPUT (not an internal error) for impossible dates, as variables or literals', async () => {
    const { admin } = await createTenant(app);
    const report = 'query($s: Date) { workspaceDailyStats(startDate: $s) { totals { currency } } }';
    for (const value of ['2026-02-30', '2026-13-01', 'yesterday', '2026-1-1']) {
      const error = expectError(await app.gql(report, { s: value }, { token: admin.token }), 'BAD_USER_INPUT');
      expect(error.message).toContain('YYYY-MM-DD');
    }
    expectError(
      await app.gql('{ workspaceDailyStats(startDate: "2026-02-30") { totals { currency } } }', {}, { token: admin.token }),
      'BAD_USER_INPUT',
    );
    const token = 'mutation($e: DateTime) { createApplicationToken(description: "x", expiresAt: $e) { token } }';
    for (const value of ['2030-01-01', '2030-01-01T10:00:00', 'soon']) {
      expectError(await app.gql(token, { e: value }, { token: admin.token }), 'BAD_USER_INPUT');
    }
  });
});
