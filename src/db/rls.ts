import { sql } from 'drizzle-orm';
import { RUNTIME_ROLE } from './runtime-role';
import type { Database } from './schema-types';

/** What the current transaction may read, as seen by the row-level security policies. */
export interface RlsScope {
  workspaceIds: readonly string[];
  userId: string | null;
  operator: boolean;
}

export const ANONYMOUS_SCOPE: RlsScope = { workspaceIds: [], userId: null, operator: false };

/** Drops to the runtime role for the rest of the transaction and applies the scope. */
export async function enterRuntimeRole(tx: Database, scope: RlsScope): Promise<void> {
  await tx.execute(sql`SET LOCAL ROLE ${sql.identifier(RUNTIME_ROLE)}`);
  await applyScope(tx, scope);
}

/** Sets the transaction-local settings the policies read (set_config(..., true) = SET LOCAL). */
export async function applyScope(tx: Database, scope: RlsScope): Promise<void> {
  const ids = `{${scope.workspaceIds.join(',')}}`;
  await tx.execute(sql`SELECT
    set_config('app.workspace_ids', ${ids}, true),
    set_config('app.user_id', ${scope.userId ?? ''}, true),
    set_config('app.operator', ${scope.operator ? 'on' : 'off'}, true)`);
}
