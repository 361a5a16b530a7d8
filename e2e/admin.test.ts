import type { Browser, BrowserContext, Page } from 'playwright-core';
import { callApi } from './support/api';
import { describeWithChromium, launchChromium } from './support/browser';
import { alertText, asMember, bodyRows, memberToken, newContext, newIccid, opsSession, signIn, unique } from './support/portal-fixtures';
import { type PortalServer, startPortal } from './support/server';

/**
 * The Administrator's pages in a browser: users (invite, role, suspend, remove), the audit log,
 * application tokens (the secret shown once), Workspace requests from the switcher, and the
 * centralized reports across two Workspaces billed in different currencies.
 */

interface Fixture {
  munich: { id: string; name: string };
  chicago: { id: string; name: string };
  adam: { email: string };
  uma: { email: string; name: string };
  olga: { email: string; name: string };
}

const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

async function seed(portal: PortalServer): Promise<Fixture> {
  const ops = await opsSession(portal);
  const munich = await ops.workspace(await ops.organization('Acme Group SE', 'EUR', 'PRO'), 'Acme Munich');
  const chicago = await ops.workspace(await ops.organization('Acme US Inc.', 'USD', 'STANDARD'), 'Acme Chicago');
  const adam = await ops.user('Adam Admin');
  const uma = await ops.user('Uma User');
  const olga = await ops.user('Olga Observer');
  await ops.member(munich.id, adam.id, 'ADMINISTRATOR');
  await ops.member(chicago.id, adam.id, 'USER');
  await ops.member(munich.id, uma.id, 'USER');
  await ops.member(munich.id, olga.id, 'OBSERVER');

  // Usage in both Workspaces: one SIM each, recorded by the network (ops).
  const register = async (workspaceId: string) => {
    const token = await memberToken(portal, adam.email, workspaceId);
    const iccid = newIccid();
    await asMember(portal, token, 'mutation($i: [String!]!) { registerSims(iccids: $i) { id } }', { i: [iccid] });
    return iccid;
  };
  const munichSim = await register(munich.id);
  const chicagoSim = await register(chicago.id);
  const record = (iccid: string, date: string, bytesUp: number, bytesDown: number, sms: number, cost: number) => ({
    iccid,
    date,
    bytesUp,
    bytesDown,
    smsSent: sms,
    smsReceived: 0,
    cost,
  });
  await ops.call('mutation($r: [UsageRecordInput!]!) { recordUsage(records: $r) }', {
    r: [
      record(munichSim, day(-3), 2_000_000, 3_000_000, 2, 10),
      record(munichSim, day(-1), 1_000_000, 0, 1, 2.5),
      record(chicagoSim, day(-2), 500_000, 500_000, 4, 7.25),
    ],
  });
  return { munich, chicago, adam, uma, olga };
}

describeWithChromium('the Administrator pages in a browser', () => {
  let portal: PortalServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let fx: Fixture;

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchChromium();
    fx = await seed(portal);
    context = await newContext(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: portal.url });
    page = await context.newPage();
    await signIn(page, portal.url, fx.adam.email);
  }, 6 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  }, 30_000);

  const nav = () => page.getByRole('navigation', { name: 'Workspace pages' });
  const memberRow = (name: string) => page.getByRole('table', { name: 'Members' }).getByRole('row', { name: new RegExp(name) });

  it('invites a user by email and role; a second invitation of a member shows the server’s refusal', async () => {
    await nav().getByRole('link', { name: 'Users' }).click();
    await page.getByRole('table', { name: 'Members' }).waitFor();
    expect(await bodyRows(page, 'Members')).toHaveLength(3);
    const email = `invitee-${unique()}@e2e.test`;
    const form = page.getByRole('form', { name: 'Invite a user' });
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Role').selectOption('OBSERVER');
    await form.getByRole('button', { name: 'Invite' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${email} is invited as Observer` })
      .waitFor();
    await page.getByText('Showing 4 of 4 members').waitFor();
    expect(await memberRow(email).textContent()).toMatch(/Observer.*Invited/);

    await form.getByLabel('Email').fill(fx.uma.email);
    await form.getByRole('button', { name: 'Invite' }).click();
    expect(await alertText(page, /already a member/)).toMatch(/already a member/);
    expect(await form.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: '/tmp/portal-users.png', fullPage: true });

    await memberRow(email)
      .getByRole('button', { name: /^Remove/ })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove user' }).click();
    await page.getByText('Showing 3 of 3 members').waitFor();
  });

  it('changes a member’s role and suspends and reactivates another; the own row is locked', async () => {
    await page.getByLabel(`Role of ${fx.uma.name}`).selectOption('OBSERVER');
    await memberRow(fx.uma.name).getByRole('button', { name: 'Save role' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${fx.uma.name} is now Observer.` })
      .waitFor();
    await page.reload();
    await page.getByRole('table', { name: 'Members' }).waitFor();
    expect(await page.getByLabel(`Role of ${fx.uma.name}`).inputValue()).toBe('OBSERVER');

    await page.getByRole('button', { name: `Suspend ${fx.olga.name}` }).click();
    await page.getByRole('button', { name: `Reactivate ${fx.olga.name}` }).waitFor();
    expect(await memberRow(fx.olga.name).textContent()).toContain('Suspended');
    await page.getByRole('button', { name: `Reactivate ${fx.olga.name}` }).click();
    await page.getByRole('button', { name: `Suspend ${fx.olga.name}` }).waitFor();

    const own = memberRow('Adam Admin');
    expect(await own.getByRole('combobox').count()).toBe(0);
    expect(await own.textContent()).toContain('Ask another Administrator');
  });

  it('shows the audit log with the role change, who made it and the state before and after', async () => {
    await nav().getByRole('link', { name: 'Audit log' }).click();
    const row = page.getByRole('table', { name: 'Audit events' }).getByRole('row', { name: /membership\.role_changed/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Adam Admin');
    await row.getByText('Before / after').click();
    expect(await row.locator('pre').first().textContent()).toContain('USER');
    await page.screenshot({ path: '/tmp/portal-audit.png', fullPage: true });
  });

  it('keeps users and the audit log from a member who is no Administrator', async () => {
    const other = await newContext(browser);
    try {
      const tab = await other.newPage();
      await signIn(tab, portal.url, fx.uma.email);
      const links = tab.getByRole('navigation', { name: 'Workspace pages' });
      await links.getByRole('link', { name: 'Devices' }).waitFor();
      expect(await links.getByRole('link', { name: 'Users' }).count()).toBe(0);
      expect(await links.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
      await tab.goto(`${portal.url}/w/${fx.munich.id}/users`);
      await tab.getByText(/Only Administrators and the SuperAdmin can manage this Workspace.s users/).waitFor();
      // Nor may they ask for Workspaces.
      await tab.getByRole('button', { name: /Switch Workspace/ }).click();
      await tab.getByRole('listbox', { name: 'Your Workspaces' }).waitFor();
      expect(await tab.getByRole('option', { name: /Create a new Workspace/ }).count()).toBe(0);
      expect(await tab.getByRole('region', { name: 'Workspace requests status' }).count()).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('creates a token and shows its secret once; after a reload only the prefix; revoking stops it', async () => {
    await nav().getByRole('link', { name: 'Application tokens' }).click();
    await page.getByText('No tokens').waitFor();
    await page.getByRole('button', { name: 'Create token' }).click();
    const form = page.getByRole('form', { name: 'Create a token' });
    await form.getByLabel('Description').fill('CI deploy');
    await form.getByLabel('Expires (optional)').fill(day(30));
    await form.getByLabel('Allowed IP addresses (optional)').fill('not-an-ip');
    await form.getByRole('button', { name: 'Create token' }).click();
    expect(await alertText(page, /not an IP/)).toContain('"not-an-ip" is not an IP address');
    await form.getByLabel('Allowed IP addresses (optional)').fill('127.0.0.1\n::1');
    await form.getByRole('button', { name: 'Create token' }).click();

    await page.getByText('you will not see it again', { exact: false }).waitFor();
    const secret = await page.getByLabel('Token secret').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Copied to the clipboard|Copying is not allowed/ })
      .waitFor();
    await page.getByText('Showing 1 of 1 tokens').waitFor();
    const row = (await bodyRows(page, 'Application tokens'))[0] ?? '';
    expect(row).toMatch(/CI deploy.*You.*Never.*Active/);
    const prefix = (
      (await page.getByRole('table', { name: 'Application tokens' }).locator('tbody th').first().textContent()) ?? ''
    ).replace('…', '');
    expect(secret.startsWith(prefix)).toBe(true);
    await page.screenshot({ path: '/tmp/portal-token-secret.png', fullPage: true });

    const works = await callApi<{ viewer: { user: { email: string } } }>(portal.url, '{ viewer { user { email } } }', {}, secret);
    expect(works.data?.viewer.user.email).toBe(fx.adam.email);

    await page.reload();
    await page.getByText('Showing 1 of 1 tokens').waitFor();
    expect(await page.content()).not.toContain(secret);
    expect(await page.getByLabel('Token secret').count()).toBe(0);
    expect(await page.getByRole('table', { name: 'Application tokens' }).textContent()).toContain(`${prefix}…`);
    await page.screenshot({ path: '/tmp/portal-tokens.png', fullPage: true });

    await page.getByRole('button', { name: 'Revoke token CI deploy' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await page.getByRole('status').filter({ hasText: 'is revoked' }).waitFor();
    await page.getByText('No tokens').waitFor();
    await page.getByLabel('Show revoked tokens').check();
    await page.getByRole('table', { name: 'Application tokens' }).getByText('Revoked').waitFor();
    const refused = await callApi(portal.url, '{ viewer { user { email } } }', {}, secret);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('sends a Workspace request (proposed name and currency) from the switcher and lists it as pending; a second one is refused until it is withdrawn', async () => {
    await page.getByRole('button', { name: /Switch Workspace/ }).click();
    await page.getByRole('dialog', { name: 'Switch Workspace' }).getByText('No request pending.').waitFor();
    await page.screenshot({ path: '/tmp/portal-switcher-requests.png' });
    await page.getByRole('option', { name: /Create a new Workspace/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a new Workspace' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Send request' }).click();
    expect(await alertText(page, /Tell ops/)).toMatch(/Tell ops what you need/);
    await dialog.getByLabel('Details').fill('Acme Hamburg: the new logistics unit.');
    await dialog.getByRole('textbox', { name: /^Workspace name/ }).fill('Acme Hamburg');
    await dialog.getByRole('textbox', { name: /^Currency/ }).fill('XX');
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: /currency/i })
      .waitFor();
    expect(await dialog.getByRole('textbox', { name: /^Currency/ }).getAttribute('aria-invalid')).toBe('true');
    await dialog.getByRole('textbox', { name: /^Currency/ }).fill('dkk');
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await dialog.getByText('Request sent.').waitFor();
    const list = dialog.getByRole('list', { name: 'Workspace requests' });
    await list.getByText('Acme Hamburg: the new logistics unit.').waitFor();
    expect(await list.textContent()).toMatch(/Pending.*Acme Hamburg · DKK/);
    await page.screenshot({ path: '/tmp/portal-workspace-request.png' });
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

    await page.getByRole('button', { name: /Switch Workspace/ }).click();
    // The switcher says so before the form does.
    await page
      .getByRole('dialog', { name: 'Switch Workspace' })
      .getByText(/Request pending: Create a new Workspace “Acme Hamburg”/)
      .waitFor();
    await page.getByRole('option', { name: /Link existing Workspace/ }).click();
    const again = page.getByRole('dialog', { name: 'Link existing Workspace' });
    await again.getByLabel('Details').fill('Link Acme Chicago.');
    await again.getByRole('button', { name: 'Send request' }).click();
    expect(await alertText(page, /pending request/)).toMatch(/already has a pending request/);
    const requests = again.getByRole('list', { name: 'Workspace requests' });
    await requests.getByRole('button', { name: 'Withdraw request' }).click();
    await requests.getByText('Withdrawn').waitFor();
    await again.getByRole('button', { name: 'Send request' }).click();
    await again.getByText('Request sent.').waitFor();
    await page.keyboard.press('Escape');
    await again.waitFor({ state: 'detached' });
  });

  it('reports usage per day for two Workspaces in two currencies: a chart per metric and totals per currency', async () => {
    await nav().getByRole('link', { name: 'Reports' }).click();
    const totals = page.getByRole('table', { name: 'Totals per currency' });
    await totals.waitFor();
    const rows = await totals.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^EUR.*Acme Munich.*3 MB.*3 MB.*3.*0.*€12\.50/);
    expect(rows[1]).toMatch(/^USD.*Acme Chicago.*500 kB.*500 kB.*4.*0.*\$7\.25/);
    // Data, SMS, and one cost chart per currency.
    await page.locator('figcaption', { hasText: 'Cost in USD' }).waitFor();
    expect(await page.locator('figcaption').allTextContents()).toEqual([
      'Data volume (sent + received)',
      'SMS (sent + received)',
      'Cost in EUR',
      'Cost in USD',
    ]);
    await page.locator('.recharts-surface').nth(3).waitFor();
    expect(await page.locator('.recharts-line').count()).toBeGreaterThanOrEqual(4); // two Workspaces in two line charts
    await page.screenshot({ path: '/tmp/portal-reports.png', fullPage: true });

    const href = (await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')) ?? '';
    expect(href).toContain(`workspaceIds=${fx.munich.id}%2C${fx.chicago.id}`);
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    expect(csv.split('\r\n')[0]).toBe('workspace_id,workspace_name,currency,date,bytes_up,bytes_down,sms_sent,sms_received,cost');
    expect(csv).toContain(`${fx.chicago.id},Acme Chicago,USD,${day(-2)},500000,500000,4,0,7.2500`);

    await page.getByRole('checkbox', { name: /Acme Chicago/ }).uncheck();
    await page.waitForFunction(() => document.querySelectorAll('table[aria-labelledby="totals-title"] tbody tr').length === 1);
    expect(await totals.locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/^EUR.*€12\.50/)]);
    await page.getByLabel('From').fill(day(-1));
    await page.waitForFunction(() =>
      document.querySelector('table[aria-labelledby="totals-title"] tbody tr')?.textContent?.includes('€2.50'),
    );
  });
});
