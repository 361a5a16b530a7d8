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
/** The last migration before CREATE approvals made organizations of their own. */
const BEFORE_OWN_ORGANIZATIONS = '0013_request_withdrawn_and_proposals';
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
    await migrateWith(database, migrationsUpTo(folders, HAND_WRITTEN_POLICIES));
    await insertTenantData(database.db);
    const handWritten = await policies(database.db);
    const rowsBefore = await rowCounts(database.db);

    await migrateWith(database, migrationsUpTo(folders, POLICIES_FROM_SCHEMA));
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

/** A migrations folder (under `folders`) holding the committed migrations up to and including `lastTag`. */
function migrationsUpTo(folders: string, lastTag: string): string {
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

/**
 * Workspaces that CREATE approvals put in the requesting main organization itself (before approvals
 * made an organization of their own) move to a new organization each, keeping their links.
 */
describe('upgrading Workspaces made by earlier CREATE approvals', () => {
  let database: DatabaseHandle;
  let folders: string;
  const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
  const ids = {
    main: id(1),
    other: id(2),
    hq: id(10),
    created: id(11),
    createdUnlinked: id(12),
    linkedIn: id(13),
    admin: id(100),
  };

  beforeAll(async () => {
    folders = mkdtempSync(path.join(os.tmpdir(), 'portal-migrations-'));
    database = await createEmptyTestDatabase();
  });
  afterAll(async () => {
    await database.close();
    rmSync(folders, { recursive: true, force: true });
  });

  it('gives each of them its own organization with the main organization’s terms, and leaves everything else alone', async () => {
    await migrateWith(database, migrationsUpTo(folders, BEFORE_OWN_ORGANIZATIONS));
    const statements = [
      `INSERT INTO users (id, email, name) VALUES ('${ids.admin}', 'admin@example.test', 'Admin')`,
      `INSERT INTO organizations (id, name, currency, package, vat_rate, vat_number, billing_email, payment_type, super_admin_user_id)
         VALUES ('${ids.main}', 'Group', 'GBP', 'PRO', 20, 'GB123', 'ap@group.test', 'DIRECT_DEBIT', '${ids.admin}'),
                ('${ids.other}', 'Other', 'USD', 'STANDARD', 0, NULL, NULL, 'BANK_TRANSFER', NULL)`,
      `INSERT INTO workspaces (id, organization_id, name)
         VALUES ('${ids.hq}', '${ids.main}', 'HQ'), ('${ids.created}', '${ids.main}', 'APAC'),
                ('${ids.createdUnlinked}', '${ids.main}', 'Retired'), ('${ids.linkedIn}', '${ids.other}', 'Partner')`,
      `INSERT INTO workspace_links (workspace_id, main_organization_id) VALUES ('${ids.created}', '${ids.main}'), ('${ids.linkedIn}', '${ids.main}')`,
      `INSERT INTO memberships (workspace_id, user_id, role, status) VALUES ('${ids.hq}', '${ids.admin}', 'ADMINISTRATOR', 'ACTIVE')`,
      `INSERT INTO workspace_requests (workspace_id, organization_id, kind, status, contact_email, details, result_workspace_id)
         VALUES ('${ids.hq}', '${ids.main}', 'CREATE', 'APPROVED', 'c@group.test', 'APAC', '${ids.created}'),
                ('${ids.hq}', '${ids.main}', 'CREATE', 'APPROVED', 'c@group.test', 'Retired', '${ids.createdUnlinked}'),
                ('${ids.hq}', '${ids.main}', 'LINK', 'APPROVED', 'c@group.test', 'Partner', '${ids.linkedIn}'),
                ('${ids.hq}', '${ids.main}', 'CREATE', 'REJECTED', 'c@group.test', 'No', NULL)`,
    ];
    for (const statement of statements) await database.db.execute(sql.raw(statement));

    await migrateDatabase(database);
    const workspaces = await queryRows<{ id: string; organization_id: string; main: string | null }>(
      database.db,
      sql`SELECT w.id, w.organization_id, l.main_organization_id AS main FROM workspaces w
            LEFT JOIN workspace_links l ON l.workspace_id = w.id ORDER BY w.id`,
    );
    const organizationOf = new Map(workspaces.map((w) => [w.id, w.organization_id]));
    expect(workspaces.map((w) => [w.id, w.main])).toEqual([
      [ids.hq, null],
      [ids.created, ids.main],
      [ids.createdUnlinked, null],
      [ids.linkedIn, ids.main],
    ]);
    expect(organizationOf.get(ids.hq)).toBe(ids.main);
    expect(organizationOf.get(ids.linkedIn)).toBe(ids.other);
    const moved = await queryRows<Record<string, unknown>>(
      database.db,
      sql`SELECT o.name, o.currency, o.package, o.vat_rate, o.vat_number, o.billing_email, o.payment_type, o.workspace_limit,
                 o.super_admin_user_id FROM workspaces w JOIN organizations o ON o.id = w.organization_id
           WHERE w.id IN (${ids.created}::uuid, ${ids.createdUnlinked}::uuid) ORDER BY w.id`,
    );
    const terms = { currency: 'GBP', package: 'STANDARD', vat_rate: '20.00', vat_number: 'GB123', billing_email: 'ap@group.test' };
    expect(moved).toEqual([
      { name: 'APAC', ...terms, payment_type: 'DIRECT_DEBIT', workspace_limit: 3, super_admin_user_id: null },
      { name: 'Retired', ...terms, payment_type: 'DIRECT_DEBIT', workspace_limit: 3, super_admin_user_id: null },
    ]);
    expect(new Set([organizationOf.get(ids.created), organizationOf.get(ids.createdUnlinked), ids.main]).size).toBe(3);
    const [count] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM organizations`);
    expect(count?.n).toBe(4);
  });
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
