import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api, signInToken } from './support/api';
import { describeWithChromium, launchChromium } from './support/browser';
import { type PortalServer, startPortal } from './support/server';

/**
 * The portal in a real browser against a production build (`next start`) on a fresh embedded
 * database: sign-in, the Workspace home, the switcher, two tabs in two Workspaces, the not-found
 * page, sign-out, the default Workspace, the ops console and accepting an invitation.
 */

const PASSWORD = 'e2e-password-123';
const unique = () => randomBytes(4).toString('hex');

interface Fixture {
  berlin: { id: string; name: string };
  boston: { id: string; name: string };
  foreign: { id: string; name: string };
  alice: { id: string; email: string };
  nomad: { email: string };
}

async function seed(portal: PortalServer): Promise<Fixture> {
  const token = await signInToken(portal.url, portal.ops.email, portal.ops.password);
  const call = <T>(query: string, variables: Record<string, unknown>) => api<T>(portal.url, query, variables, token);
  const org = async (name: string, currency: string, pkg: 'PRO' | 'STANDARD') =>
    (
      await call<{ createOrganization: { id: string } }>(
        'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
        { i: { name, currency, package: pkg } },
      )
    ).createOrganization.id;
  const workspace = async (organizationId: string, name: string) =>
    (
      await call<{ createWorkspace: { id: string; name: string } }>(
        'mutation($o: ID!, $n: String!) { createWorkspace(organizationId: $o, name: $n) { id name } }',
        { o: organizationId, n: name },
      )
    ).createWorkspace;
  const user = async (label: string) => {
    const email = `${label.toLowerCase().replace(/\W+/g, '-')}-${unique()}@e2e.test`;
    const created = await call<{ createUser: { id: string; email: string } }>(
      'mutation($e: String!, $n: String!, $p: String!) { createUser(email: $e, name: $n, password: $p) { id email } }',
      { e: email, n: label, p: PASSWORD },
    );
    return created.createUser;
  };
  const member = (workspaceId: string, userId: string, role: string) =>
    call('mutation($w: ID!, $u: ID!, $r: Role!) { addMember(workspaceId: $w, userId: $u, role: $r) { role } }', {
      w: workspaceId,
      u: userId,
      r: role,
    });

  const berlin = await workspace(await org('Acme Europe GmbH', 'EUR', 'PRO'), 'Acme Berlin');
  const boston = await workspace(await org('Acme Americas Inc.', 'USD', 'STANDARD'), 'Acme Boston');
  const foreign = await workspace(await org('Other Company Ltd', 'GBP', 'STANDARD'), 'Other Fleet');
  const alice = await user('Alice Admin');
  await member(berlin.id, alice.id, 'ADMINISTRATOR'); // first membership: where sign-in lands
  await member(boston.id, alice.id, 'OBSERVER');
  const nomad = await user('Nomad Without Workspace');
  return { berlin, boston, foreign, alice, nomad };
}

/** The value next to a term in the Workspace details list. */
async function detail(page: Page, term: string): Promise<string> {
  const row = page
    .locator('dl[aria-label="Workspace details"] > div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) });
  return ((await row.locator('dd').textContent()) ?? '').trim();
}

async function expectHome(
  page: Page,
  url: string,
  workspace: { id: string; name: string },
  expected: { organization: string; currency: string; role: string },
) {
  await page.waitForURL(`${url}/w/${workspace.id}`);
  await page.getByRole('heading', { level: 1, name: workspace.name }).waitFor();
  expect({
    organization: await detail(page, 'Organization'),
    currency: await detail(page, 'Currency'),
    role: await detail(page, 'Your role'),
  }).toEqual(expected);
  // The switcher's button is named "Switch Workspace, current: <name>, <organization> · <role>".
  const current = page.getByRole('button', { name: `Switch Workspace, current: ${workspace.name}` });
  expect(await current.textContent()).toContain(expected.organization);
}

async function signIn(page: Page, url: string, email: string, password: string) {
  await page.goto(`${url}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function alertText(page: Page): Promise<string> {
  // Next's route announcer is an (empty) alert too: take the one with text.
  const alert = page.getByRole('alert').filter({ hasText: /\S/ });
  await alert.waitFor();
  return ((await alert.textContent()) ?? '').trim();
}

describeWithChromium('the portal in a browser', () => {
  let portal: PortalServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let fx: Fixture;
  const BERLIN_HOME = { organization: 'Acme Europe GmbH', currency: 'EUR', role: 'Administrator' };
  const BOSTON_HOME = { organization: 'Acme Americas Inc.', currency: 'USD', role: 'Observer' };

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchChromium();
    fx = await seed(portal);
    context = await browser.newContext({ viewport: { width: 1200, height: 760 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  }, 6 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  }, 30_000);

  it('sends a visitor without a session from a Workspace page to the sign-in page', async () => {
    await page.goto(`${portal.url}/w/${fx.berlin.id}`);
    await page.waitForURL(`${portal.url}/signin`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });

  it('shows an error for a wrong password and stays on the sign-in page', async () => {
    await signIn(page, portal.url, fx.alice.email, 'not-the-password');
    expect(await alertText(page)).toBe('Wrong email or password.');
    expect(page.url()).toBe(`${portal.url}/signin`);
    await page.screenshot({ path: '/tmp/portal-signin-error.png' });
  });

  it('refuses an account with no active Workspace, saying so', async () => {
    await signIn(page, portal.url, fx.nomad.email, PASSWORD);
    expect(await alertText(page)).toMatch(/no active Workspace/);
    expect(page.url()).toBe(`${portal.url}/signin`);
  });

  it('signs in and lands on the default Workspace home: name, organization, currency, role', async () => {
    await signIn(page, portal.url, fx.alice.email.toUpperCase(), PASSWORD);
    await expectHome(page, portal.url, fx.berlin, BERLIN_HOME);
    await page.screenshot({ path: '/tmp/portal-home.png' });
  });

  it('lists every Workspace in the switcher, the default marked, and switches by URL', async () => {
    await page.getByRole('button', { name: /Switch Workspace/ }).click();
    const list = page.getByRole('listbox', { name: 'Your Workspaces' });
    await list.waitFor();
    // The Workspaces (Alice, an Administrator of a Pro organization, also gets "Create" and "Link" below them).
    const items = list.getByRole('group', { name: 'Workspaces', exact: true }).getByRole('option');
    expect(await items.count()).toBe(2);
    const berlin = list.getByRole('option', { name: /Acme Berlin/ });
    expect(await berlin.getAttribute('aria-current')).toBe('true');
    expect(await berlin.textContent()).toContain('Default');
    expect(await list.getByRole('option', { name: /Acme Boston/ }).textContent()).not.toContain('Default');
    await page.screenshot({ path: '/tmp/portal-switcher.png' });

    await list.getByRole('option', { name: /Acme Boston/ }).click();
    await expectHome(page, portal.url, fx.boston, BOSTON_HOME);
  });

  it('keeps two tabs in two Workspaces at once, each showing its own', async () => {
    const second = await context.newPage();
    try {
      await second.goto(`${portal.url}/w/${fx.berlin.id}`);
      await expectHome(second, portal.url, fx.berlin, BERLIN_HOME);
      // Fresh requests in both tabs, interleaved: neither tab's Workspace leaks into the other.
      await page.reload();
      await expectHome(page, portal.url, fx.boston, BOSTON_HOME);
      await second.reload();
      await expectHome(second, portal.url, fx.berlin, BERLIN_HOME);
      await page.bringToFront();
      await page.reload();
      await expectHome(page, portal.url, fx.boston, BOSTON_HOME);
    } finally {
      await second.close();
    }
  });

  it('shows "Workspace not found" for a Workspace the user cannot enter, an unknown id and a malformed one', async () => {
    for (const id of [fx.foreign.id, '00000000-0000-4000-8000-000000000000', 'not-a-workspace']) {
      await page.goto(`${portal.url}/w/${id}`);
      await page.getByRole('heading', { level: 1, name: 'Workspace not found' }).waitFor();
      expect(await page.getByText('Other Fleet').count()).toBe(0);
    }
    await page.screenshot({ path: '/tmp/portal-not-found.png' });
    await page.getByRole('link', { name: 'Go to your default Workspace' }).click();
    await expectHome(page, portal.url, fx.berlin, BERLIN_HOME);
  });

  it('refuses the ops console to a customer', async () => {
    await page.goto(`${portal.url}/ops`);
    await page.getByText('Only platform operations staff can open the ops console.').waitFor();
  });

  it('signs out: Workspace pages then lead to the sign-in page', async () => {
    await page.goto(`${portal.url}/w/${fx.berlin.id}`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${portal.url}/signin`);
    await page.goto(`${portal.url}/w/${fx.boston.id}`);
    await page.waitForURL(`${portal.url}/signin`);
    const cookies = await context.cookies();
    expect(cookies.some((c) => c.name.includes('next-auth.session-token'))).toBe(false);
  });

  it('lands an operator without a Workspace in the ops console, on its request queue', async () => {
    const opsContext = await browser.newContext({ viewport: { width: 1200, height: 760 } });
    opsContext.setDefaultTimeout(15_000);
    try {
      const ops = await opsContext.newPage();
      await signIn(ops, portal.url, portal.ops.email, portal.ops.password);
      await ops.waitForURL(`${portal.url}/ops/requests`);
      await ops.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
      const nav = ops.getByRole('navigation', { name: 'Ops console' });
      for (const name of ['Requests', 'Organizations', 'Create', 'Audit log']) await nav.getByRole('link', { name }).waitFor();
      await ops.screenshot({ path: '/tmp/portal-ops.png' });
      // An operator is no member of customer Workspaces.
      await ops.goto(`${portal.url}/w/${fx.berlin.id}`);
      await ops.getByRole('heading', { level: 1, name: 'Workspace not found' }).waitFor();
    } finally {
      await opsContext.close();
    }
  });

  it('accepts an invitation from its email link, then signs in to the inviting Workspace', async () => {
    const admin = await signInToken(portal.url, fx.alice.email, PASSWORD); // lands in Berlin, as Administrator
    const email = `invitee-${unique()}@e2e.test`;
    await api(portal.url, 'mutation($e: String!) { addUserToWorkspace(email: $e, role: USER) { status } }', { e: email }, admin);
    // Without SMTP_URL the server logs the email instead of sending it.
    const link = await waitFor(() => {
      const sent = portal.logLines().find((line) => line.component === 'mail' && line.to === email);
      return /(http\S+\/activate\?key=\S+)/.exec(String(sent?.body ?? ''))?.[1];
    }, 'the invitation email in the server log (without SMTP_URL the server logs each email once the outbox is flushed after the commit)');

    const invited = await browser.newContext();
    invited.setDefaultTimeout(15_000);
    try {
      const tab = await invited.newPage();
      await tab.goto(link);
      await tab.getByRole('heading', { name: 'Activate your account' }).waitFor();
      await tab.getByLabel('Your name (optional)').fill('Ivy Invitee');
      await tab.getByLabel('New password').fill('short');
      await tab.getByLabel('Repeat password').fill('short');
      await tab.getByRole('button', { name: 'Activate account' }).click();
      expect(await alertText(tab)).toMatch(/10 to 200 characters/);
      await tab.getByLabel('New password').fill('invitee-password-1');
      await tab.getByLabel('Repeat password').fill('invitee-password-1');
      await tab.getByRole('button', { name: 'Activate account' }).click();
      await expectHome(tab, portal.url, fx.berlin, { ...BERLIN_HOME, role: 'User' });
      expect(await tab.locator('.who-name').textContent()).toBe('Ivy Invitee');
      // The key is one-time.
      await tab.goto(link);
      await tab.getByLabel('New password').fill('invitee-password-2');
      await tab.getByLabel('Repeat password').fill('invitee-password-2');
      await tab.getByRole('button', { name: 'Activate account' }).click();
      expect(await alertText(tab)).toMatch(/invalid or has expired/);
    } finally {
      await invited.close();
    }
  });

  it('sets the current Workspace as default from the sidebar; the next sign-in lands there', async () => {
    await signIn(page, portal.url, fx.alice.email, PASSWORD);
    await expectHome(page, portal.url, fx.berlin, BERLIN_HOME);
    expect(await page.getByRole('button', { name: 'Set as default' }).count()).toBe(0);
    await page.goto(`${portal.url}/w/${fx.boston.id}`);
    await expectHome(page, portal.url, fx.boston, BOSTON_HOME);
    await page.getByRole('button', { name: 'Set as default' }).click();
    await page.getByRole('status').filter({ hasText: 'Acme Boston is now your default Workspace.' }).waitFor();
    await page.getByRole('button', { name: /Switch Workspace/ }).click();
    const list = page.getByRole('listbox', { name: 'Your Workspaces' });
    await list.getByRole('option', { name: /Acme Boston.*Default/ }).waitFor(); // the frame reloads after the change
    expect(await list.getByRole('option', { name: /Acme Berlin/ }).textContent()).not.toContain('Default');
    await page.getByText('Your default Workspace: sign-in lands here.').waitFor();

    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${portal.url}/signin`);
    await signIn(page, portal.url, fx.alice.email, PASSWORD);
    await expectHome(page, portal.url, fx.boston, BOSTON_HOME);
  });
});

async function waitFor<T>(probe: () => T | null | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
