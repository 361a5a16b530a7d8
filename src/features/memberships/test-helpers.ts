import { desc, eq } from 'drizzle-orm';
import { expectData, type TestApp } from '../../../test/app';
import {
  createOrg,
  createWorkspace,
  linkWorkspace,
  memberWithRole,
  PASSWORD,
  type StoredRole,
  switchTo,
  type TestUser,
} from '../../../test/factories';
import { emailOutbox } from '../../db/schema';

/**
 * Test setup (not a test): a subsidiary Workspace linked to a Pro main organization, whose first
 * Administrator became SuperAdmin on the link. `superAdmin.token` acts in the linked Workspace.
 */
export async function linkedGroup(app: TestApp) {
  const main = await createOrg(app, { package: 'PRO' });
  const hq = await createWorkspace(app, main.id);
  const owner = await memberWithRole(app, hq.id, 'ADMINISTRATOR');
  const subsidiary = await createOrg(app, { currency: 'USD' });
  const unit = await createWorkspace(app, subsidiary.id);
  await linkWorkspace(app, main.id, unit.id);
  const token = await switchTo(app, await app.signIn(owner.email, PASSWORD), unit.id);
  return { main, hq, unit, superAdmin: { ...owner, token } };
}

export type Actor = TestUser & { token: string; role: StoredRole | 'SUPER_ADMIN' };

/** The role matrix of a linked Workspace: its SuperAdmin and one member of each stored role. */
export async function roleMatrix(app: TestApp) {
  const group = await linkedGroup(app);
  const actors: Record<'SUPER_ADMIN' | StoredRole, Actor> = {
    SUPER_ADMIN: { ...group.superAdmin, role: 'SUPER_ADMIN' },
    ADMINISTRATOR: { ...(await memberWithRole(app, group.unit.id, 'ADMINISTRATOR')), role: 'ADMINISTRATOR' },
    USER: { ...(await memberWithRole(app, group.unit.id, 'USER')), role: 'USER' },
    OBSERVER: { ...(await memberWithRole(app, group.unit.id, 'OBSERVER')), role: 'OBSERVER' },
  };
  return { ...group, actors };
}

/** The newest email sent to `recipient`, as the outbox holds it (the test's mailbox). */
export async function lastEmailTo(app: TestApp, recipient: string) {
  const [row] = await app.database.db
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.recipient, recipient))
    .orderBy(desc(emailOutbox.createdAt));
  return row ?? null;
}

/** The activation key in an invitation email's link. */
export function activationKeyIn(body: string): string {
  const match = /\/activate\?key=([A-Za-z0-9_%-]+)/.exec(body);
  if (!match?.[1]) throw new Error(`no activation link in: ${body}`);
  return decodeURIComponent(match[1]);
}

export async function viewerOf(app: TestApp, token: string) {
  return expectData(
    await app.gql<{
      viewer: {
        user: { id: string; defaultWorkspace: { id: string } | null };
        activeWorkspace: { id: string } | null;
        role: string | null;
      };
    }>('{ viewer { user { id defaultWorkspace { id } } activeWorkspace { id } role } }', {}, { token }),
  ).viewer;
}
