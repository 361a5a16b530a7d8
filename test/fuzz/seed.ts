import { expectData, type TestApp } from '../app';
import {
  addMember,
  createEndpoint,
  createOrg,
  createTenant,
  createWorkspace,
  linkWorkspace,
  memberWithRole,
  PASSWORD,
  registerSims,
  switchTo,
  unique,
} from '../factories';
import type { Pools } from './arbitraries';

/** The callers of the fuzzed operations. */
export interface Callers {
  /** An Administrator's session in their Workspace, and the same Administrator's application token there. */
  admin: { id: string; email: string; workspaceId: string; session: string; appToken: string };
  ops: string;
}

/**
 * A small world for the fuzz test: a Pro main organization whose Workspace has an Administrator, a
 * User and an Observer, a linked Workspace, a fleet (SIMs, a device, policies, usage), tokens and a
 * pending request; and a second, foreign tenant with its own fleet. Their ids, ICCIDs and emails form
 * the pools the generated inputs draw from, beside random and malformed ones.
 */
export async function seedWorld(app: TestApp): Promise<{ callers: Callers; pools: Pools }> {
  const ops = await app.opsToken();
  const home = await createTenant(app);
  const user = await memberWithRole(app, home.workspace.id, 'USER');
  const observer = await memberWithRole(app, home.workspace.id, 'OBSERVER');
  const subsidiary = await createOrg(app, { package: 'STANDARD', currency: 'USD' });
  const unit = await createWorkspace(app, subsidiary.id);
  await linkWorkspace(app, home.org.id, unit.id);
  const session = await switchTo(app, await app.signIn(home.admin.email, PASSWORD), home.workspace.id);
  const fleet = await seedFleet(app, session);
  const appToken = await createToken(app, session, 'fuzz caller');
  const spareToken = await createToken(app, session, 'fuzz target');
  const request = expectData(
    await app.gql<{ requestWorkspace: { id: string } }>(
      'mutation { requestWorkspace(kind: CREATE, contactEmail: "ops-contact@example.test", details: "fuzz") { id } }',
      {},
      { token: session },
    ),
  ).requestWorkspace.id;
  const foreign = await createTenant(app, { currency: 'GBP' });
  const foreignFleet = await seedFleet(app, foreign.admin.token);
  await recordSomeUsage(app, ops, [...fleet.iccids, ...foreignFleet.iccids]);
  const ids: Pools['ids'] = {
    workspace: [home.workspace.id, unit.id, foreign.workspace.id],
    organization: [home.org.id, subsidiary.id, foreign.org.id],
    user: [home.admin.id, user.id, observer.id, foreign.admin.id],
    sim: [...fleet.sims, ...foreignFleet.sims],
    endpoint: [fleet.endpoint, foreignFleet.endpoint],
    servicePolicy: [fleet.servicePolicy, foreignFleet.servicePolicy],
    coveragePolicy: [fleet.coveragePolicy, foreignFleet.coveragePolicy],
    token: [spareToken.id],
    request: [request],
  };
  // The callers' own emails stay out of the pools: failed sign-ins with them would throttle the callers.
  const emails = [user.email, observer.email, foreign.admin.email];
  return {
    callers: {
      admin: { id: home.admin.id, email: home.admin.email, workspaceId: home.workspace.id, session, appToken: appToken.token },
      ops,
    },
    pools: { ids, iccids: [...fleet.iccids, ...foreignFleet.iccids], emails },
  };
}

/** Makes the Administrator an active Administrator again (a fuzzed call may have changed that) and signs in afresh. */
export async function restoreAdmin(app: TestApp, callers: Callers): Promise<void> {
  await addMember(app, callers.admin.workspaceId, callers.admin.id, 'ADMINISTRATOR');
  callers.admin.session = await switchTo(app, await app.signIn(callers.admin.email, PASSWORD), callers.admin.workspaceId);
}

interface Fleet {
  sims: string[];
  iccids: string[];
  endpoint: string;
  servicePolicy: string;
  coveragePolicy: string;
}

async function seedFleet(app: TestApp, token: string): Promise<Fleet> {
  const sims = await registerSims(app, token, 3);
  const [first] = sims;
  if (!first) throw new Error('no SIM registered');
  const device = await createEndpoint(app, token, { simId: first.id, tags: ['fuzz'] });
  const servicePolicy = expectData(
    await app.gql<{ createServicePolicy: { id: string } }>(
      'mutation($n: String!) { createServicePolicy(input: { name: $n }) { id } }',
      { n: unique('Service') },
      { token },
    ),
  ).createServicePolicy.id;
  const coveragePolicy = expectData(
    await app.gql<{ createCoveragePolicy: { id: string } }>(
      'mutation($n: String!) { createCoveragePolicy(input: { name: $n, countries: ["DE"] }) { id } }',
      { n: unique('Coverage') },
      { token },
    ),
  ).createCoveragePolicy.id;
  return { sims: sims.map((sim) => sim.id), iccids: sims.map((sim) => sim.iccid), endpoint: device.id, servicePolicy, coveragePolicy };
}

async function createToken(app: TestApp, session: string, description: string): Promise<{ id: string; token: string }> {
  const data = expectData(
    await app.gql<{ createApplicationToken: { token: string; applicationToken: { id: string } } }>(
      'mutation($d: String!) { createApplicationToken(description: $d) { token applicationToken { id } } }',
      { d: description },
      { token: session },
    ),
  );
  return { id: data.createApplicationToken.applicationToken.id, token: data.createApplicationToken.token };
}

async function recordSomeUsage(app: TestApp, ops: string, iccids: string[]): Promise<void> {
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const records = iccids.map((iccid) => ({ iccid, date: day, bytesUp: 1000, bytesDown: 2000, smsSent: 1, smsReceived: 2, cost: 0.5 }));
  expectData(await app.gql('mutation($r: [UsageRecordInput!]!) { recordUsage(records: $r) }', { r: records }, { token: ops }));
}
