import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from './support/browser';
import {
  alertText,
  asMember,
  bodyRows,
  callFromPage,
  memberToken,
  newContext,
  newIccid,
  newImei,
  opsSession,
  signIn,
} from './support/portal-fixtures';
import { type PortalServer, startPortal } from './support/server';

/**
 * The fleet pages in a browser: a User registers SIMs and creates a device (and sees both in the
 * lists, searches, edits and deletes); an Observer sees the lists without any create button, and the
 * server refuses when the Observer forces a change; a device of another Workspace is not found.
 */

interface Fixture {
  berlin: { id: string; name: string };
  foreignDeviceId: string;
  uma: { email: string };
  olga: { email: string };
}

async function seed(portal: PortalServer): Promise<Fixture> {
  const ops = await opsSession(portal);
  const berlin = await ops.workspace(await ops.organization('Fleet Europe GmbH', 'EUR', 'PRO'), 'Fleet Berlin');
  const foreign = await ops.workspace(await ops.organization('Other Company Ltd', 'GBP', 'STANDARD'), 'Other Fleet');
  const uma = await ops.user('Uma User');
  const olga = await ops.user('Olga Observer');
  const fred = await ops.user('Fred Foreign');
  await ops.member(berlin.id, uma.id, 'USER');
  await ops.member(berlin.id, olga.id, 'OBSERVER');
  await ops.member(foreign.id, fred.id, 'ADMINISTRATOR');
  const fredToken = await memberToken(portal, fred.email);
  const created = await asMember<{ createEndpoint: { id: string } }>(
    portal,
    fredToken,
    'mutation($i: CreateEndpointInput!) { createEndpoint(input: $i) { id } }',
    {
      i: { name: 'Secret foreign tracker' },
    },
  );
  return { berlin, foreignDeviceId: created.createEndpoint.id, uma, olga };
}

describeWithChromium('the fleet pages in a browser', () => {
  let portal: PortalServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let fx: Fixture;
  const iccids = [newIccid(), newIccid()] as const;
  const imei = newImei();

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchChromium();
    fx = await seed(portal);
    context = await newContext(browser);
    page = await context.newPage();
  }, 6 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  }, 30_000);

  it('shows an empty fleet on the home page, with links to the lists', async () => {
    await signIn(page, portal.url, fx.uma.email);
    await page.getByRole('link', { name: 'SIMs: 0' }).waitFor();
    await page.getByRole('link', { name: 'Devices: 0' }).waitFor();
    await page.getByRole('navigation', { name: 'Workspace pages' }).getByRole('link', { name: 'SIMs' }).click();
    await page.waitForURL(`${portal.url}/w/${fx.berlin.id}/sims`);
    await page.getByText('No SIMs yet').waitFor();
    await page.screenshot({ path: '/tmp/portal-sims-empty.png' });
  });

  it('registers SIMs as a User: the server’s error for a bad ICCID, then the SIMs in the list', async () => {
    await page.getByRole('button', { name: 'Register SIMs' }).click();
    const box = page.getByLabel('ICCIDs, one per line');
    await box.fill(`${iccids[0]}\n1234567890123456789\n`);
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    expect(await alertText(page, /ICCID|check digit/)).toMatch(/invalid check digit|ICCID/);
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: '/tmp/portal-sims-register-error.png' });

    await box.fill(`${iccids[0]}\n\n${iccids[1]}\n`);
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '2 SIMs registered.' }).waitFor();
    await page.getByText('Showing 2 of 2 SIMs').waitFor();
    const rows = await bodyRows(page, 'SIMs');
    expect(rows).toHaveLength(2);
    expect(rows.join('\n')).toContain(iccids[0]);
    expect(rows.join('\n')).toContain(iccids[1]);
    expect(rows.every((r) => r.includes('Issued'))).toBe(true);
  });

  it('activates a SIM along its lifecycle and filters the list by status and search', async () => {
    await page.getByRole('button', { name: `Activate SIM ${iccids[0]}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `SIM ${iccids[0]} is now activated.` })
      .waitFor();
    await page.getByLabel('Filter by status').selectOption('ACTIVATED');
    await page.getByText('Showing 1 of 1 SIMs').waitFor();
    expect((await bodyRows(page, 'SIMs'))[0]).toContain(iccids[0]);
    await page.getByLabel('Filter by status').selectOption('');
    await page.getByText('Showing 2 of 2 SIMs').waitFor(); // the filters live in the URL: wait for the new list
    await page.getByLabel('Search SIMs').fill(iccids[1].slice(0, 16));
    await page.getByText('Showing 1 of 1 SIMs').waitFor();
    expect((await bodyRows(page, 'SIMs'))[0]).toContain(iccids[1]);
    await page.getByLabel('Search SIMs').fill('');
    await page.getByText('Showing 2 of 2 SIMs').waitFor();
    await page.screenshot({ path: '/tmp/portal-sims.png', fullPage: true });
  });

  it('edits a SIM’s numbers: the server’s error for a malformed MSISDN, then saved', async () => {
    await page.getByRole('button', { name: `Edit numbers of SIM ${iccids[1]}` }).click();
    const dialog = page.getByRole('dialog', { name: `SIM ${iccids[1]}` });
    await dialog.getByLabel('IMSI').fill('262011234567890');
    await dialog.getByLabel('MSISDN').fill('0170 123');
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect(await alertText(page, /E\.164/)).toMatch(/MSISDN must be an E\.164 number/);
    await dialog.getByLabel('MSISDN').fill('+491701234567');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `SIM ${iccids[1]} saved.` })
      .waitFor();
    await page.getByRole('table', { name: 'SIMs' }).getByText('+491701234567').waitFor();
    expect(await page.getByRole('table', { name: 'SIMs' }).textContent()).toContain('262011234567890');
  });

  it('creates a device with IMEI, tags and a SIM, and shows it in the device list', async () => {
    await page.getByRole('navigation', { name: 'Workspace pages' }).getByRole('link', { name: 'Devices' }).click();
    await page.getByText('No devices yet').waitFor();
    await page.getByRole('button', { name: 'New device' }).click();
    const form = page.getByRole('form', { name: 'New device' });
    await form.getByRole('button', { name: 'Create device' }).click();
    expect(await alertText(page, /name/)).toBe('Enter a name for the device.');

    await form.getByLabel('Name').fill('Cold truck 7');
    await form.getByLabel('IMEI (optional)').fill('123456789012345');
    await form.getByLabel('Tags (optional)').fill('cold-chain, berlin');
    await form.getByRole('combobox', { name: 'SIM (optional)' }).fill(iccids[0].slice(0, 12));
    await page.getByRole('option', { name: new RegExp(iccids[0]) }).click();
    await form.getByRole('button', { name: 'Create device' }).click();
    expect(await alertText(page, /imei/i)).toMatch(/imei/i); // the server's message, next to the field
    await page.screenshot({ path: '/tmp/portal-device-form-error.png', fullPage: true });
    await form.getByLabel('IMEI (optional)').fill(imei);
    await form.getByRole('button', { name: 'Create device' }).click();
    await page.getByRole('status').filter({ hasText: 'Device Cold truck 7 created.' }).waitFor();
    await page.getByText('Showing 1 of 1 devices').waitFor();
    const rows = await bodyRows(page, 'Devices');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Cold truck 7');
    expect(rows[0]).toContain('Enabled');
    expect(rows[0]).toContain(imei);
    expect(rows[0]).toContain(iccids[0]);
    expect(rows[0]).toContain('cold-chain');
    expect(rows[0]).toContain('€0.00');
    await page.screenshot({ path: '/tmp/portal-devices.png', fullPage: true });
  });

  it('searches, filters and sorts devices', async () => {
    await page.getByRole('button', { name: 'New device' }).click();
    await page.getByRole('form', { name: 'New device' }).getByLabel('Name').fill('Alpha sensor');
    await page.getByRole('form', { name: 'New device' }).getByLabel('Status').selectOption('DISABLED');
    await page.getByRole('form', { name: 'New device' }).getByRole('button', { name: 'Create device' }).click();
    await page.getByText('Showing 2 of 2 devices').waitFor();
    const names = async () =>
      (await page.getByRole('table', { name: 'Devices' }).locator('tbody th').allTextContents()).map((s) => s.trim());
    expect(await names()).toEqual(['Alpha sensor', 'Cold truck 7']); // newest first
    await page.getByRole('button', { name: 'Name', exact: true }).click(); // A to Z
    // The order lives in the URL: the second click toggles only once the first one's order is shown.
    await page.locator('th[aria-sort="ascending"]', { hasText: 'Name' }).waitFor();
    await page.getByRole('button', { name: 'Name', exact: true }).click(); // Z to A
    await page.waitForFunction(() => document.querySelector('table tbody th')?.textContent === 'Cold truck 7');
    await page.getByLabel('Filter by status').selectOption('DISABLED');
    await page.getByText('Showing 1 of 1 devices').waitFor();
    expect(await names()).toEqual(['Alpha sensor']);
    await page.getByLabel('Filter by status').selectOption('');
    await page.getByText('Showing 2 of 2 devices').waitFor();
    await page.getByLabel('Search devices').fill(iccids[0].slice(0, 12));
    await page.getByText('Showing 1 of 1 devices').waitFor();
    expect(await names()).toEqual(['Cold truck 7']);
    await page.getByLabel('Search devices').fill('nothing-like-this');
    await page.getByText('No device matches').waitFor();
    await page.getByLabel('Search devices').fill('');
    await page.getByText('Showing 2 of 2 devices').waitFor();
  });

  it('opens a device, edits it and deletes it after confirming', async () => {
    await page.getByRole('link', { name: 'Cold truck 7' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cold truck 7' }).waitFor();
    const details = page.getByRole('definition');
    expect((await details.allTextContents()).join(' ')).toContain(iccids[0]);
    await page.locator('figcaption', { hasText: 'Data volume per day' }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await page.screenshot({ path: '/tmp/portal-device-detail.png', fullPage: true });

    await page.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit Cold truck 7' });
    await form.getByLabel('Name').fill('Cold truck 8');
    await form.getByRole('combobox', { name: 'SIM (optional)' }).fill('');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Cold truck 8' }).waitFor();
    await page.locator('dl[aria-label="Device details"]').getByText('No SIM').waitFor();

    await page.getByRole('button', { name: 'Delete device Cold truck 8' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Cold truck 8?' });
    await dialog.waitFor();
    await page.screenshot({ path: '/tmp/portal-device-delete.png' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Delete device Cold truck 8' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete device' }).click();
    await page.waitForURL(`${portal.url}/w/${fx.berlin.id}/devices`);
    await page.getByText('Showing 1 of 1 devices').waitFor();
    expect((await bodyRows(page, 'Devices')).join()).not.toContain('Cold truck');
  });

  it('shows "Device not found" for a device of another Workspace and for a malformed id', async () => {
    for (const id of [fx.foreignDeviceId, 'not-a-device']) {
      await page.goto(`${portal.url}/w/${fx.berlin.id}/devices/${id}`);
      await page.getByRole('heading', { level: 1, name: 'Device not found' }).waitFor();
      expect(await page.getByText('Secret foreign tracker').count()).toBe(0);
    }
    await page.screenshot({ path: '/tmp/portal-device-not-found.png' });
  });

  it('lets an Observer see the lists without create buttons; the server refuses a forced change', async () => {
    const observer = await newContext(browser);
    try {
      const tab = await observer.newPage();
      await signIn(tab, portal.url, fx.olga.email);
      await tab.getByRole('link', { name: 'SIMs: 2' }).waitFor();
      await tab.getByRole('link', { name: 'Devices: 1' }).waitFor();
      await tab.screenshot({ path: '/tmp/portal-home-counts.png' });
      // Administrators' pages are not offered.
      const nav = tab.getByRole('navigation', { name: 'Workspace pages' });
      expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);

      await tab.goto(`${portal.url}/w/${fx.berlin.id}/sims`);
      await tab.getByText('Showing 2 of 2 SIMs').waitFor();
      expect(await tab.getByRole('button', { name: 'Register SIMs' }).count()).toBe(0);
      expect(await tab.getByRole('button', { name: /^(Activate|Suspend|Delete)/ }).count()).toBe(0);
      await tab.getByText('Your role (Observer) can view the fleet but not change it.').waitFor();

      await tab.goto(`${portal.url}/w/${fx.berlin.id}/devices`);
      await tab.getByText('Showing 1 of 1 devices').waitFor();
      expect(await tab.getByRole('button', { name: 'New device' }).count()).toBe(0);
      await tab.screenshot({ path: '/tmp/portal-devices-observer.png' });
      await tab.getByRole('link', { name: 'Alpha sensor' }).click();
      await tab.getByRole('heading', { level: 1, name: 'Alpha sensor' }).waitFor();
      expect(await tab.getByRole('button', { name: /Edit|Delete/ }).count()).toBe(0);

      const forced = await callFromPage<{ createEndpoint: { id: string } }>(
        tab,
        fx.berlin.id,
        'mutation { createEndpoint(input: { name: "Sneaky" }) { id } }',
      );
      expect(forced.data).toBeNull();
      expect(forced.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await observer.close();
    }
  });

  it('pages long lists with "Load more"', async () => {
    const token = await memberToken(portal, fx.uma.email);
    const more = Array.from({ length: 30 }, () => newIccid());
    await asMember(portal, token, 'mutation($i: [String!]!) { registerSims(iccids: $i) { id } }', { i: more });
    await page.goto(`${portal.url}/w/${fx.berlin.id}/sims`);
    await page.getByText('Showing 25 of 32 SIMs').waitFor();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText('Showing 32 of 32 SIMs').waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    const shown = (await page.getByRole('table', { name: 'SIMs' }).locator('tbody th').allTextContents()).map((t) => t.trim());
    expect(new Set(shown).size).toBe(32);
    expect(shown).toEqual(expect.arrayContaining([...more, ...iccids]));
  });
});
