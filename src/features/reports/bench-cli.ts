/**
 * `npm run bench:reports`: seeds a throwaway database and prints p50/p95 of the centralized report
 * (src/features/reports/benchmark.ts). PGlite by default; BENCH_DATABASE_URL or DATABASE_URL selects
 * a PostgreSQL server (a new database is created there and dropped afterwards).
 */
import { runReportBenchmark } from './benchmark';

runReportBenchmark().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
