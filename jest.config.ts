/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

// One suite, run once per database: the embedded PGlite always, a real PostgreSQL server when
// TEST_DATABASE_URL is set. Browser tests form their own project (real Chromium via playwright-core).
const transform: Config['transform'] = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } },
      module: { type: 'commonjs' },
    },
  ],
};

const base = {
  transform,
  testEnvironment: 'node',
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  // jose ships ES modules only; compile it to CommonJS like our own code.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
};

const unitAndApi = ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'];

const config: Config = {
  testTimeout: 60_000,
  projects: [
    { ...base, displayName: 'pglite', testMatch: unitAndApi, setupFiles: ['<rootDir>/test/setup/pglite.ts'] },
    ...(process.env.TEST_DATABASE_URL
      ? [{ ...base, displayName: 'postgres', testMatch: unitAndApi, setupFiles: ['<rootDir>/test/setup/postgres.ts'] }]
      : []),
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/e2e/**/*.test.ts'] },
  ],
};

export default config;
