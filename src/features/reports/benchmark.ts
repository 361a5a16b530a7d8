import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Client } from 'pg';
import { hashPassword } from '../../auth/passwords';
import { type DatabaseHandle, openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { enterRuntimeRole } from '../../db/rls';
import { queryRows } from '../../db/rows';
import { memberships, organizations, users, workspaces } from '../../db/schema';
import { handleGraphQL } from '../../graphql/handler';
import { createRuntime } from '../../server/runtime';
import { rebuildDailyRollup } from '../fleet/usage/queries';
import { createLimits } from '../limits/limits';
import { dailyStatsQuery } from './queries';

/*
 * `npm run bench:reports`: a script that prints figures, not a test. It seeds a throwaway database
 * (PGlite in memory by default; a new database on the PostgreSQL server named by BENCH_DATABASE_URL
 * or DATABASE_URL, dropped afterwards) with BENCH_WORKSPACES Workspaces (10) x BENCH_SIMS SIMs (2,000)
 * x BENCH_DAYS days (365) of usage, set-based, then times:
 *   - the full report (every Workspace, every day) through the real GraphQL handler, end to end;
 *   - the report's SQL alone (the same statement, as the runtime role under row-level security);
 *   - for comparison, the same figures grouped from the raw per-SIM rows (what the rollup avoids).
 * BENCH_RUNS (30) timed runs each after 3 warm-ups; BENCH_RAW_RUNS (1, no warm-up) for the raw grouping.
 */

interface Settings {
  workspaces: number;
  sims: number;
  days: number;
  runs: number;
  rawRuns: number;
  serverUrl: string | undefined;
}

const DAY_MS = 86_400_000;
const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
const PASSWORD = 'bench-password-123';

export async function runReportBenchmark(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const settings: Settings = {
    workspaces: whole(env.BENCH_WORKSPACES, 10),
    sims: whole(env.BENCH_SIMS, 2000),
    days: whole(env.BENCH_DAYS, 365),
    runs: whole(env.BENCH_RUNS, 30),
    rawRuns: whole(env.BENCH_RAW_RUNS, 1),
    serverUrl: env.BENCH_DATABASE_URL || env.DATABASE_URL || undefined,
  };
  const { handle, dispose, label } = await throwawayDatabase(settings.serverUrl);
  try {
    log(`database: ${label}`);
    await migrateDatabase(handle);
    const endDate = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
    const startDate = new Date(Date.parse(`${endDate}T00:00:00Z`) - (settings.days - 1) * DAY_MS).toISOString().slice(0, 10);
    const seeded = await seed(handle, settings, startDate, endDate);
    await measure(handle, settings, seeded, { startDate, endDate });
  } finally {
    await dispose();
  }
}

interface Seeded {
  userId: string;
  email: string;
  workspaceIds: string[];
}

async function seed(handle: DatabaseHandle, s: Settings, startDate: string, endDate: string): Promise<Seeded> {
  const db = handle.db;
  const started = performance.now();
  const orgs = await db
    .insert(organizations)
    .values(CURRENCIES.map((currency) => ({ name: `Bench ${currency}`, currency, package: 'PRO' as const })))
    .returning();
  const created = await db
    .insert(workspaces)
    .values(
      Array.from({ length: s.workspaces }, (_, i) => ({
        name: `Bench Workspace ${i + 1}`,
        organizationId: orgs[i % orgs.length]?.id ?? '',
      })),
    )
    .returning();
  const workspaceIds = created.map((w) => w.id);
  const email = `bench-${randomBytes(4).toString('hex')}@example.test`;
  const [user] = await db
    .insert(users)
    .values({ email, name: 'Bench viewer', passwordHash: await hashPassword(PASSWORD) })
    .returning();
  if (!user) throw new Error('no user');
  await db
    .insert(memberships)
    .values(
      workspaceIds.map((workspaceId) => ({ workspaceId, userId: user.id, role: 'ADMINISTRATOR' as const, status: 'ACTIVE' as const })),
    );
  const ids = `{${workspaceIds.join(',')}}`;
  // SIMs: one set-based statement for all Workspaces (ICCIDs need only be unique here).
  await db.execute(sql`INSERT INTO sims (workspace_id, iccid, status)
    SELECT w.id, '8988' || lpad(w.ord::text, 4, '0') || lpad(n::text, 11, '0'), 'ACTIVATED'
      FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS w(id, ord), generate_series(1, ${s.sims}) AS n`);
  log(`seeded ${s.workspaces} Workspaces and ${s.workspaces * s.sims} SIMs`);
  // Usage: one statement per Workspace (sims x days rows each), pseudo-random but reproducible figures.
  for (const [i, workspaceId] of workspaceIds.entries()) {
    const t = performance.now();
    await db.execute(sql`INSERT INTO sim_daily_usage (workspace_id, sim_id, day, bytes_up, bytes_down, sms_sent, sms_received, cost)
      SELECT s.workspace_id, s.id, d.day::date,
             (h % 2000000)::bigint, ((h / 7) % 5000000)::bigint, (h % 5)::int, ((h / 11) % 3)::int,
             ((h % 8000)::numeric / 10000)::numeric(14, 4)
        FROM sims s
       CROSS JOIN generate_series(${startDate}::date::timestamp, ${endDate}::date::timestamp, interval '1 day') AS d(day)
       CROSS JOIN LATERAL (SELECT hashtext(s.id::text || d.day::text)::bigint & 2147483647 AS h) AS x
       WHERE s.workspace_id = ${workspaceId}::uuid
       ORDER BY s.id, d.day`);
    log(`  usage of Workspace ${i + 1}/${s.workspaces}: ${s.sims * s.days} rows in ${seconds(performance.now() - t)}`);
  }
  const t = performance.now();
  await rebuildDailyRollup(db, workspaceIds);
  await db.execute(sql`ANALYZE`);
  log(`  per-Workspace daily rollup rebuilt and tables analyzed in ${seconds(performance.now() - t)}`);
  const [counts] = await queryRows<{ raw: number; rollup: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM sim_daily_usage)::int AS raw, (SELECT count(*) FROM workspace_daily_usage)::int AS rollup`,
  );
  log(`seed done in ${seconds(performance.now() - started)}: ${counts?.raw} usage rows, ${counts?.rollup} rollup rows`);
  return { userId: user.id, email, workspaceIds };
}

const REPORT = `query Report($s: Date!, $e: Date!) {
  workspaceDailyStats(startDate: $s, endDate: $e) {
    startDate endDate
    workspaces { workspace { id name } currency days { date bytesUp bytesDown smsSent smsReceived cost } }
    totals { currency bytesUp bytesDown smsSent smsReceived cost costDecimal }
  }
}`;

async function measure(handle: DatabaseHandle, s: Settings, seeded: Seeded, range: { startDate: string; endDate: string }): Promise<void> {
  const runtime = await createRuntime(handle, randomBytes(32).toString('hex'));
  // The benchmark is one caller hammering the API: no rate limit.
  const limits = createLimits({ rate: { perMinute: 0 } });
  const post = (body: unknown, token?: string) =>
    handleGraphQL(
      new Request('http://bench.local/api/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }),
      runtime,
      { limits },
    );
  try {
    const signIn = (await (
      await post({
        query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }',
        variables: { e: seeded.email, p: PASSWORD },
      })
    ).json()) as {
      data?: { signIn: { token: string } };
      errors?: unknown;
    };
    const token = signIn.data?.signIn.token;
    if (!token) throw new Error(`sign-in failed: ${JSON.stringify(signIn.errors)}`);

    const graphql = async () => {
      const text = await (await post({ query: REPORT, variables: { s: range.startDate, e: range.endDate } }, token)).text();
      return text;
    };
    const first = JSON.parse(await graphql()) as {
      data?: { workspaceDailyStats: { workspaces: { days: unknown[] }[]; totals: { currency: string; costDecimal: string }[] } };
      errors?: unknown;
    };
    const report = first.data?.workspaceDailyStats;
    if (!report) throw new Error(`report failed: ${JSON.stringify(first.errors)}`);
    const cells = report.workspaces.reduce((n, w) => n + w.days.length, 0);
    log(
      `report: ${report.workspaces.length} Workspaces x ${report.workspaces[0]?.days.length} days = ${cells} rows; totals ${report.totals.map((t) => `${t.costDecimal} ${t.currency}`).join(', ')}`,
    );
    const graphqlTimes = await time(s.runs, graphql);

    const scope = { workspaceIds: seeded.workspaceIds, userId: seeded.userId, operator: false };
    const inScope = <T>(fn: (tx: DatabaseHandle['db']) => Promise<T>) =>
      handle.db.transaction(async (tx) => {
        await enterRuntimeRole(tx, scope);
        return fn(tx);
      });
    const sqlTimes = await timeInside(s.runs, inScope, (tx) => tx.execute(dailyStatsQuery(seeded.workspaceIds, range)));
    const sqlOwnerTimes = await timeInside(
      s.runs,
      (fn) => handle.db.transaction(fn),
      (tx) => tx.execute(dailyStatsQuery(seeded.workspaceIds, range)),
    );
    const ids = `{${seeded.workspaceIds.join(',')}}`;
    const rawGrouping = sql`SELECT workspace_id, day, sum(bytes_up), sum(bytes_down), sum(sms_sent), sum(sms_received), sum(cost)
        FROM sim_daily_usage WHERE workspace_id = ANY (${ids}::uuid[]) AND day BETWEEN ${range.startDate}::date AND ${range.endDate}::date
        GROUP BY workspace_id, day`;
    // The alternative to the rollup, once or a few times only (it takes seconds to minutes): under
    // row-level security as requests run, and as the table owner (no policy) to show what RLS adds.
    const rawTimes = await timeInside(s.rawRuns, inScope, (tx) => tx.execute(rawGrouping), 0);
    const ownerTimes = await timeInside(
      s.rawRuns,
      (fn) => handle.db.transaction(fn),
      (tx) => tx.execute(rawGrouping),
      0,
    );

    log('');
    log(`${handle.kind}: ${s.workspaces} Workspaces x ${s.sims} SIMs x ${s.days} days (${s.workspaces * s.sims * s.days} usage rows)`);
    log(row('measurement', 'runs', 'p50 ms', 'p95 ms'));
    log(row('full report through GraphQL', String(s.runs), ms(percentile(graphqlTimes, 50)), ms(percentile(graphqlTimes, 95))));
    log(row('report SQL alone (rollup)', String(s.runs), ms(percentile(sqlTimes, 50)), ms(percentile(sqlTimes, 95))));
    log(row('  same, as owner (no RLS)', String(s.runs), ms(percentile(sqlOwnerTimes, 50)), ms(percentile(sqlOwnerTimes, 95))));
    log(row('grouping raw per-SIM rows', String(s.rawRuns), ms(percentile(rawTimes, 50)), ms(percentile(rawTimes, 95))));
    log(row('  same, as owner (no RLS)', String(s.rawRuns), ms(percentile(ownerTimes, 50)), ms(percentile(ownerTimes, 95))));
  } finally {
    await limits.close();
    await runtime.apollo.stop();
  }
}

/** Times `fn` `runs` times after 3 warm-ups. */
async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times;
}

/** Times only the statement, inside a transaction that already runs as the runtime role. */
async function timeInside(
  runs: number,
  inScope: <T>(fn: (tx: DatabaseHandle['db']) => Promise<T>) => Promise<T>,
  statement: (tx: DatabaseHandle['db']) => Promise<unknown>,
  warmUps = 3,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs + warmUps; i++) {
    const elapsed = await inScope(async (tx) => {
      const t = performance.now();
      await statement(tx);
      return performance.now() - t;
    });
    if (i >= warmUps) times.push(elapsed);
  }
  return times;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function throwawayDatabase(
  serverUrl: string | undefined,
): Promise<{ handle: DatabaseHandle; dispose: () => Promise<void>; label: string }> {
  if (!serverUrl) {
    const handle = await openDatabase({});
    return { handle, label: 'PGlite (in memory)', dispose: () => handle.close() };
  }
  const name = `portal_bench_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 4 });
  const server = await admin(serverUrl, 'SHOW server_version');
  return {
    handle,
    label: `PostgreSQL ${server ?? ''} (throwaway database ${name})`,
    async dispose() {
      await handle.close();
      for (let attempt = 0; ; attempt++) {
        try {
          await admin(serverUrl, `DROP DATABASE IF EXISTS ${name}`);
          return;
        } catch (error) {
          if (attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },
  };
}

async function admin(url: string, text: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<Record<string, string>>(text);
    const first = result.rows[0];
    return first ? Object.values(first)[0] : undefined;
  } finally {
    await client.end();
  }
}

function whole(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a whole number, got "${value}"`);
  return n;
}

const log = (line: string) => console.log(line);
const ms = (value: number) => value.toFixed(1);
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
const row = (a: string, b: string, c: string, d: string) => `${a.padEnd(32)}${b.padStart(6)}${c.padStart(10)}${d.padStart(10)}`;
