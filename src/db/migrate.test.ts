import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { is, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { createEmptyTestDatabase, createTestDatabase } from '../../test/db';
import type { DatabaseHandle } from './client';
import { migrateDatabase } from './migrate';
import { enterRuntimeRole, type RlsScope } from './rls';
import { queryRows } from './rows';
import * as schema from './schema';
import type { Database } from './schema-types';

const MIGRATIONS = path.join(process.cwd(), 'drizzle');
/** The last migration of the hand-written policies: every deployed database is at it or later. */
const HAND_WRITTEN_POLICIES = '0008_faster_row_level_security';
/** The migrations that replace them with the ones generated from src/db/schema. */
const POLICIES_FROM_SCHEMA = '0010_tenant_policies_from_schema';
/** Policies of tables that had none then (migrations after 0010). */
const POLICIES_ADDED_LATER = ['workspace_links.workspace_links_tenant'];

interface Journal {
  entries: { tag: string }[];
}

/** Upgrades a database holding data, as a deployed one would be, from the hand-written policies on. */
describe('upgrading a database from the hand-written policies', () => {
  let database: DatabaseHandle;
  let folders: string;
  const ids = {
    org: '00000000-0000-4000-8000-000000000001',
    a: '00000000-0000-4000-8000-00000000000a',
    b: '00000000-0000-4000-8000-00000000000b',
    user: '00000000-0000-4000-8000-000000000100',
    otherOrg: '00000000-0000-4000-8000-000000000002',
    other: '00000000-0000-4000-8000-00000000000c',
  };

  beforeAll(async () => {
    folders = mkdtempSync(path.join(os.tmpdir(), 'portal-migrations-'));
    database = await createEmptyTestDatabase();
  });
  afterAll(async () => {
    await database.close();
    rmSync(folders, { recursive: true, force: true });
  });

  it('keeps the data and the policies, and ends like a fresh database', async () => {
    await migrateWith(database, migrationsUpTo(HAND_WRITTEN_POLICIES));
    await insertTenantData(database.db);
    const handWritten = await policies(database.db);
    const rowsBefore = await rowCounts(database.db);

    await migrateWith(database, migrationsUpTo(POLICIES_FROM_SCHEMA));
    // The same policies (names, commands, roles, USING and WITH CHECK as PostgreSQL stores them).
    expect(await policies(database.db)).toEqual(handWritten);
    expect(handWritten.map((p) => `${p.tablename}.${p.policyname}`)).toEqual(
      schemaPolicyNames().filter((name) => !POLICIES_ADDED_LATER.includes(name)),
    );

    await migrateDatabase(database);
    expect(await rowCounts(database.db)).toEqual(rowsBefore);
    const fresh = await createTestDatabase();
    try {
      expect(await policies(database.db)).toEqual(await policies(fresh.db));
    } finally {
      await fresh.close();
    }
  });

  it('still walls the Workspaces off after the upgrade', async () => {
    const tenantA: RlsScope = { workspaceIds: [ids.a], userId: null, operator: false };
    expect(await asRuntimeRole(tenantA, 'SELECT workspace_id FROM sims')).toEqual([ids.a]);
    // Platform-level audit events are for operators only.
    expect(await asRuntimeRole(tenantA, 'SELECT workspace_id FROM audit_events')).toEqual([ids.a]);
    expect(await asRuntimeRole({ ...tenantA, operator: true }, 'SELECT workspace_id FROM audit_events')).toEqual([ids.a, ids.b, null]);
    // A user sees their own memberships in every Workspace.
    expect(await asRuntimeRole(tenantA, 'SELECT workspace_id FROM memberships')).toEqual([ids.a]);
    expect(await asRuntimeRole({ ...tenantA, userId: ids.user }, 'SELECT workspace_id FROM memberships')).toEqual([ids.a, ids.b]);
    // A link made before workspace_links had a policy: visible in its group (B is the main organization's), not elsewhere.
    expect(await asRuntimeRole(tenantA, 'SELECT workspace_id FROM workspace_links')).toEqual([ids.b]);
    expect(await asRuntimeRole({ ...tenantA, workspaceIds: [ids.other] }, 'SELECT workspace_id FROM workspace_links')).toEqual([]);
  });

  /** The workspace_id of each row `query` returns as the runtime role in `scope`, in order. */
  async function asRuntimeRole(scope: RlsScope, query: string): Promise<(string | null)[]> {
    return database.db.transaction(async (tx) => {
      await enterRuntimeRole(tx, scope);
      const rows = await queryRows<{ workspace_id: string | null }>(tx, sql.raw(`${query} ORDER BY workspace_id NULLS LAST`));
      return rows.map((r) => r.workspace_id);
    });
  }

  /** A migrations folder holding the committed migrations up to and including `lastTag`. */
  function migrationsUpTo(lastTag: string): string {
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as Journal;
    const end = journal.entries.findIndex((e) => e.tag === lastTag);
    if (end < 0) throw new Error(`no migration ${lastTag}`);
    const folder = path.join(folders, lastTag);
    mkdirSync(path.join(folder, 'meta'), { recursive: true });
    const entries = journal.entries.slice(0, end + 1);
    writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
    for (const { tag } of entries) {
      writeFileSync(path.join(folder, `${tag}.sql`), readFileSync(path.join(MIGRATIONS, `${tag}.sql`)));
    }
    return folder;
  }

  async function insertTenantData(db: Database): Promise<void> {
    const statements = [
      `INSERT INTO organizations (id, name, currency) VALUES ('${ids.org}', 'Org', 'EUR')`,
      `INSERT INTO organizations (id, name, currency) VALUES ('${ids.otherOrg}', 'Other', 'EUR')`,
      `INSERT INTO workspaces (id, organization_id, name)
         VALUES ('${ids.a}', '${ids.org}', 'A'), ('${ids.b}', '${ids.org}', 'B'), ('${ids.other}', '${ids.otherOrg}', 'C')`,
      `INSERT INTO workspace_links (workspace_id, main_organization_id) VALUES ('${ids.b}', '${ids.org}')`,
      `INSERT INTO users (id, email, name) VALUES ('${ids.user}', 'u@example.test', 'U')`,
      `INSERT INTO memberships (workspace_id, user_id, role, status)
         VALUES ('${ids.a}', '${ids.user}', 'USER', 'ACTIVE'), ('${ids.b}', '${ids.user}', 'OBSERVER', 'ACTIVE')`,
      `INSERT INTO sims (workspace_id, iccid, status) VALUES ('${ids.a}', '8900000000000000001', 'ACTIVATED'), ('${ids.b}', '8900000000000000002', 'ISSUED')`,
      `INSERT INTO audit_events (workspace_id, action, target_type, target_id)
         VALUES ('${ids.a}', 'x', 'x', 'a'), ('${ids.b}', 'x', 'x', 'b'), (NULL, 'x', 'x', 'platform')`,
    ];
    for (const statement of statements) await db.execute(sql.raw(statement));
  }
});

/** `table.policy` for every policy the schema declares, in code-point order like `policies` returns them. */
function schemaPolicyNames(): string[] {
  return Object.values<unknown>(schema)
    .filter((value): value is PgTable => is(value, PgTable))
    .flatMap((table) => {
      const config = getTableConfig(table);
      return config.policies.map((policy) => `${config.name}.${policy.name}`);
    })
    .sort();
}

async function migrateWith(handle: DatabaseHandle, migrationsFolder: string): Promise<void> {
  if (handle.kind === 'pglite') await migratePglite(handle.db as unknown as PgliteDatabase<typeof schema>, { migrationsFolder });
  else await migratePg(handle.db as unknown as NodePgDatabase<typeof schema>, { migrationsFolder });
}

interface PolicyRow {
  tablename: string;
  policyname: string;
  permissive: string;
  cmd: string;
  roles: string;
  qual: string | null;
  with_check: string | null;
  rls: boolean;
  forced: boolean;
}

async function policies(db: Database): Promise<PolicyRow[]> {
  return queryRows<PolicyRow>(
    db,
    sql`SELECT p.tablename, p.policyname, p.permissive, p.cmd, p.roles::text AS roles, p.qual, p.with_check,
               c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
          FROM pg_policies p JOIN pg_class c ON c.relname = p.tablename AND c.relnamespace = 'public'::regnamespace
         WHERE p.schemaname = 'public' ORDER BY p.tablename COLLATE "C", p.policyname COLLATE "C"`,
  );
}

async function rowCounts(db: Database): Promise<Record<string, number>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY relname`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(name)}`);
    counts[name] = row?.n ?? -1;
  }
  return counts;
}
