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

/** The organizations, Workspaces, people, links and request queue; returns the Workspaces' ids. */
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
  // Joined and linked one after another (days ago), so "longest-standing" and the switcher's order
  // (Europe, Americas, UK, APAC) are well defined and the request history reads like one.
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  await db.insert(memberships).values([
    { workspaceId: europe.id, userId: id('superadmin@acme.test'), role: 'ADMINISTRATOR', status: 'ACTIVE', joinedAt: daysAgo(50) },
    { workspaceId: americasWs.id, userId: id('admin@acme.test'), role: 'ADMINISTRATOR', status: 'ACTIVE', joinedAt: daysAgo(40) },
    { workspaceId: europe.id, userId: id('user@acme.test'), role: 'USER', status: 'ACTIVE', joinedAt: daysAgo(30) },
    { workspaceId: ukWs.id, userId: id('user@acme.test'), role: 'OBSERVER', status: 'ACTIVE', joinedAt: daysAgo(20) },
    { workspaceId: ukWs.id, userId: id('observer@acme.test'), role: 'OBSERVER', status: 'ACTIVE', joinedAt: daysAgo(10) },
  ]);
  await db
    .insert(workspaceLinks)
    .values([europe, americasWs, ukWs].map((w, i) => ({ workspaceId: w.id, mainOrganizationId: group.id, linkedAt: daysAgo(9 - i) })));
  // The limit was raised from 3 to 4 for Acme APAC, which the approved request below created.
  await db
    .update(organizations)
    .set({ superAdminUserId: id('superadmin@acme.test'), workspaceLimit: 4 })
    .where(eq(organizations.id, group.id));
  const queue = {
    db,
    groupId: group.id,
    fromWorkspaceId: europe.id,
    requester: id('superadmin@acme.test'),
    operator: id(DEMO_OPS.email),
    daysAgo,
  };
  const apac = await seedApprovedCreate(queue);
  await seedRequestHistory(queue);
  return [europe.id, americasWs.id, ukWs.id, apac];
}

/** What the request queue's rows share: sent by the SuperAdmin from Acme Europe for Acme Group, decided by ops. */
interface QueueSeed {
  db: Database;
  groupId: string;
  fromWorkspaceId: string;
  requester: string;
  operator: string;
  daysAgo: (days: number) => Date;
}

/**
 * The request queue's approved CREATE: it made Acme APAC, a Workspace billed in AUD by an organization
 * of its own (the terms ops gave when approving), linked to Acme Group. Returns the Workspace's id.
 */
async function seedApprovedCreate({ db, groupId, fromWorkspaceId, requester, operator, daysAgo }: QueueSeed): Promise<string> {
  const [apacOrg] = await db
    .insert(organizations)
    .values({ name: 'Acme APAC Pty Ltd', currency: 'AUD', vatRate: '10.00', vatNumber: 'AU51824753556', billingEmail: 'ap@acme-apac.test' })
    .returning();
  if (!apacOrg) throw new Error('seed: APAC organization not created');
  const [apac] = await db.insert(workspaces).values({ organizationId: apacOrg.id, name: 'Acme APAC' }).returning();
  if (!apac) throw new Error('seed: APAC Workspace not created');
  await db.insert(workspaceLinks).values({ workspaceId: apac.id, mainOrganizationId: groupId, linkedAt: daysAgo(5) });
  await db.insert(workspaceRequests).values({
    workspaceId: fromWorkspaceId,
    organizationId: groupId,
    kind: 'CREATE',
    status: 'APPROVED',
    name: 'Acme APAC',
    currency: 'AUD',
    contactEmail: 'superadmin@acme.test',
    details: 'A fourth Workspace for Acme APAC (AUD billing), invoiced to Acme APAC Pty Ltd. Note: needs the limit raised from 3.',
    requestedBy: requester,
    createdAt: daysAgo(6),
    decidedAt: daysAgo(5),
    decidedBy: operator,
    resultWorkspaceId: apac.id,
  });
  return apac.id;
}

/** The rest of the queue: a rejected LINK with its reason, a withdrawn CREATE, and the one pending request. */
async function seedRequestHistory({ db, groupId, fromWorkspaceId, requester, operator, daysAgo }: QueueSeed): Promise<void> {
  const common = { workspaceId: fromWorkspaceId, organizationId: groupId, contactEmail: 'superadmin@acme.test', requestedBy: requester };
  await db.insert(workspaceRequests).values([
    {
      ...common,
      kind: 'LINK',
      status: 'REJECTED',
      details: 'Please link the Workspace of Acme Labs, our R&D spin-off.',
      createdAt: daysAgo(4),
      decidedAt: daysAgo(3.5),
      decidedBy: operator,
      rejectionReason: 'Acme Labs has no contract with us yet; once it has signed, send the request again.',
    },
    {
      ...common,
      kind: 'CREATE',
      status: 'WITHDRAWN',
      name: 'Acme Events',
      currency: 'EUR',
      details: 'A Workspace for the trade-fair demo devices.',
      createdAt: daysAgo(3),
      decidedAt: daysAgo(2),
      decidedBy: requester,
    },
    {
      ...common,
      kind: 'CREATE',
      name: 'Acme Nordics',
      currency: 'SEK',
      details: 'A Workspace for Acme Nordics (SEK billing). Note: needs the limit raised from 4.',
      createdAt: daysAgo(1),
    },
  ]);
}

/** The logins a newcomer needs, for the console. */
export function demoLoginsText(): string {
  const rows = [
    `  ${DEMO_OPS.email.padEnd(22)} ${DEMO_OPS.password.padEnd(18)} platform operations (ops console)`,
    ...DEMO_USERS.map((u) => `  ${u.email.padEnd(22)} ${DEMO_PASSWORD.padEnd(18)} ${u.role}`),
  ];
  return ['Demo logins:', ...rows].join('\n');
}
