import { parseValue } from 'graphql';
import { createTestApp, expectError, type TestApp } from '../../test/app';
import { createTenant } from '../../test/factories';
import { JSONScalar } from './scalars';

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

describe('JSON', () => {
  it('serializes any JSON-compatible value as it is, Dates as ISO strings', () => {
    const value = { a: [1, 2.5, 'x', true, null, { b: {} }], c: '' };
    expect(JSONScalar.serialize(value)).toEqual(value);
    for (const leaf of [null, 0, -1.5, 'text', false, []]) expect(JSONScalar.serialize(leaf)).toEqual(leaf);
    expect(JSONScalar.serialize({ at: new Date('2026-12-01T10:00:00Z'), gone: undefined })).toEqual({ at: '2026-12-01T10:00:00.000Z' });
  });

  it('refuses what JSON cannot carry', () => {
    const cycle: { self?: unknown } = {};
    cycle.self = cycle;
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, () => 1, 10n, undefined, cycle]) {
      expect(() => JSONScalar.serialize(bad)).toThrow(/JSON cannot hold/);
    }
    // A value seen twice without a cycle is fine.
    const shared = { x: 1 };
    expect(JSONScalar.serialize([shared, shared])).toEqual([{ x: 1 }, { x: 1 }]);
  });

  it('parses variables and literals, variables inside literals included', () => {
    expect(JSONScalar.parseValue({ a: [1, 'b', null] })).toEqual({ a: [1, 'b', null] });
    expect(JSONScalar.parseLiteral(parseValue('{ a: [1, 2.5, "s", true, null], b: { c: $v } }'), { v: [7] })).toEqual({
      a: [1, 2.5, 's', true, null],
      b: { c: [7] },
    });
    expect(JSONScalar.parseLiteral(parseValue('$missing'), {})).toBeNull();
    expect(() => JSONScalar.parseLiteral(parseValue('SOME_ENUM'), {})).toThrow(/JSON literals/);
  });
});
