import { count, eq } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords';
import { seedFleetDemo } from '../features/fleet/seed';
import { memberships, organizations, users, workspaceLinks, workspaceRequests, workspaces } from './schema';
import type { Database } from './schema-types';

/** Demo logins, printed at start and listed in the README. */
export const DEMO_PASSWORD = 'portal-demo-2026';
export const DEMO_OPS = { email: 'ops@demo.test', password: 'portal-ops-2026' };
export const DEMO_USERS = [
  { email: 'superadmin@acme.test', name: 'Sam Super', role: 'SuperAdmin of Acme Group (Administrator of Acme Europe)' },
  { email: 'admin@acme.test', name: 'Ada Admin', role: 'Administrator of Acme Americas' },
  { email: 'user@acme.test', name: 'Uma User', role: 'User in Acme Europe, Observer in Acme UK' },
  { email: 'observer@acme.test', name: 'Oscar Observer', role: 'Observer in Acme UK' },
] as const;

/** Seeds the demo world into an empty database; returns false when there was data already. */
export async function seedDemoIfEmpty(db: Database): Promise<boolean> {
  const [existing] = await db.select({ n: count() }).from(organizations);
  if ((existing?.n ?? 0) > 0) return false;
  const workspaceIds = await db.transaction((tx) => seedDemo(tx));
  await seedFleetDemo(db, workspaceIds);
  return true;
}

/** The organizations, Workspaces, people, links and request; returns the Workspaces' ids. */
async function seedDemo(db: Database): Promise<string[]> {
  const [group, americas, uk] = await db
    .insert(organizations)
    .values([
      {
        name: 'Acme Group',
        currency: 'EUR',
        package: 'PRO',
        vatRate: '19.00',
        vatNumber: 'DE123456789',
        billingEmail: 'billing@acme.test',
      },
      { name: 'Acme Americas Inc.', currency: 'USD', package: 'PRO', vatRate: '0.00', billingEmail: 'ap@acme-americas.test' },
      {
        name: 'Acme UK Ltd',
        currency: 'GBP',
        package: 'PRO',
        vatRate: '20.00',
        vatNumber: 'GB999999973',
        billingEmail: 'finance@acme-uk.test',
      },
    ])
    .returning();
  if (!group || !americas || !uk) throw new Error('seed: organizations not created');
  const [europe, americasWs, ukWs] = await db
    .insert(workspaces)
    .values([
      { organizationId: group.id, name: 'Acme Europe' },
      { organizationId: americas.id, name: 'Acme Americas' },
      { organizationId: uk.id, name: 'Acme UK' },
    ])
    .returning();
  if (!europe || !americasWs || !ukWs) throw new Error('seed: workspaces not created');

  const hash = await hashPassword(DEMO_PASSWORD);
  const people = await db
    .insert(users)
    .values([
      ...DEMO_USERS.map((u) => ({ email: u.email, name: u.name, passwordHash: hash })),
      { email: DEMO_OPS.email, name: 'Platform operations', passwordHash: await hashPassword(DEMO_OPS.password), isOperator: true },
    ])
    .returning();
  const id = (email: string) => {
    const user = people.find((p) => p.email === email);
    if (!user) throw new Error(`seed: ${email} missing`);
    return user.id;
  };
  // Joined one after another, so "longest-standing" is well defined.
  const joined = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  await db.insert(memberships).values([
    { workspaceId: europe.id, userId: id('superadmin@acme.test'), role: 'ADMINISTRATOR', status: 'ACTIVE', joinedAt: joined(50) },
    { workspaceId: americasWs.id, userId: id('admin@acme.test'), role: 'ADMINISTRATOR', status: 'ACTIVE', joinedAt: joined(40) },
    { workspaceId: europe.id, userId: id('user@acme.test'), role: 'USER', status: 'ACTIVE', joinedAt: joined(30) },
    { workspaceId: ukWs.id, userId: id('user@acme.test'), role: 'OBSERVER', status: 'ACTIVE', joinedAt: joined(20) },
    { workspaceId: ukWs.id, userId: id('observer@acme.test'), role: 'OBSERVER', status: 'ACTIVE', joinedAt: joined(10) },
  ]);
  // Linked one after another, so the switcher's order is stable (Europe, Americas, UK).
  await db
    .insert(workspaceLinks)
    .values([europe, americasWs, ukWs].map((w, i) => ({ workspaceId: w.id, mainOrganizationId: group.id, linkedAt: joined(5 - i) })));
  await db
    .update(organizations)
    .set({ superAdminUserId: id('superadmin@acme.test') })
    .where(eq(organizations.id, group.id));
  await db.insert(workspaceRequests).values({
    workspaceId: europe.id,
    organizationId: group.id,
    kind: 'CREATE',
    contactEmail: 'superadmin@acme.test',
    details: 'A fourth Workspace for Acme APAC (AUD billing). Note: needs the limit raised from 3.',
    requestedBy: id('superadmin@acme.test'),
  });
  return [europe.id, americasWs.id, ukWs.id];
}

/** The logins a newcomer needs, for the console. */
export function demoLoginsText(): string {
  const rows = [
    `  ${DEMO_OPS.email.padEnd(22)} ${DEMO_OPS.password.padEnd(18)} platform operations (ops console)`,
    ...DEMO_USERS.map((u) => `  ${u.email.padEnd(22)} ${DEMO_PASSWORD.padEnd(18)} ${u.role}`),
  ];
  return ['Demo logins:', ...rows].join('\n');
}
