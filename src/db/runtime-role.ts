import { sql } from 'drizzle-orm';
import type { Database } from './schema-types';

/**
 * The role every GraphQL request runs as. It does not own the tables and has no BYPASSRLS,
 * so row-level security applies to it. Roles are cluster-wide, which is why this lives outside
 * the migrations: a CREATE ROLE in a migration would fail on the second database of a cluster.
 */
export const RUNTIME_ROLE = process.env.DB_RUNTIME_ROLE ?? 'portal_app';

export async function ensureRuntimeRole(db: Database): Promise<void> {
  const role = sql.identifier(RUNTIME_ROLE);
  const name = sql.raw(`'${RUNTIME_ROLE.replace(/'/g, "''")}'`);
  // Two databases of one cluster may race here; losing the race is fine.
  await db.execute(sql`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${name}) THEN
        CREATE ROLE ${role} NOLOGIN NOBYPASSRLS;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  // The login role must be a member to SET ROLE to it (superusers may anyway).
  await db.execute(sql`
    DO $$ BEGIN
      IF NOT pg_has_role(current_user, ${name}, 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', ${name}, current_user);
      END IF;
    END $$`);
  await db.execute(sql`GRANT USAGE ON SCHEMA public TO ${role}`);
  await db.execute(sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
  await db.execute(sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
}
