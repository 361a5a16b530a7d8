import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from './support/browser';
import { alertText, bodyRows, callFromPage, newContext, newIccid, signIn } from './support/portal-fixtures';
import { type PortalServer, startPortal } from './support/server';

/**
 * The Devices and SIMs lists on the demo fleet (2,000 devices and SIMs per Workspace,
 * src/features/fleet/seed.ts): search by any part of a name, sort by a column header, filters kept in
 * the URL through a reload and back/forward, bulk changes confirmed by count, the device form's SIM
 * combobox, bad lines of Register SIMs named by number, a 390 px phone, and an Observer without bulk
 * controls.
 */

const DEMO_PASSWORD = 'portal-demo-2026';
const UMA = 'user@acme.test'; // User in Acme Europe
const OSCAR = 'observer@acme.test'; // Observer in Acme UK

const deviceNames = async (page: Page) =>
  (await page.getByRole('table', { name: 'Devices' }).locator('tbody th').allTextContents()).map((s) => s.trim());
const simIccids = async (page: Page) =>
  (await page.getByRole('table', { name: 'SIMs' }).locator('tbody th').allTextContents()).map((s) => s.trim());

/** Serious and critical WCAG 2.1 A/AA violations inside the page's main content (the lists, bars and dialogs). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} [${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}]`,
    );
}

/** True when nothing on the page is wider than the window (tables scroll inside their own card). */
const fitsWindow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describeWithChromium('the Devices and SIMs lists', () => {
  let portal: PortalServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let europe: string;

  beforeAll(async () => {
    portal = await startPortal({ env: { SEED_DEMO: 'true' } });
    browser = await launchChromium();
    context = await newContext(browser);
    page = await context.newPage();
    await signIn(page, portal.url, UMA, DEMO_PASSWORD);
    europe = new URL(page.url()).pathname.split('/')[2] ?? '';
  }, 6 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  }, 30_000);

  const devicesUrl = (query = '') => `${portal.url}/w/${europe}/devices${query}`;
  const simsUrl = (query = '') => `${portal.url}/w/${europe}/sims${query}`;

  it('finds devices by a middle part of their name, and keeps the search in the URL', async () => {
    await page.goto(devicesUrl());
    await page.getByText(/Showing 25 of 2,?000 devices/).waitFor();
    // "eter 012" is inside "Meter 0121" and "Meter 0127" (device n is a Meter when n % 6 = 1).
    await page.getByLabel('Search devices').fill('eter 012');
    await page.getByText('Showing 2 of 2 devices').waitFor();
    expect((await deviceNames(page)).sort()).toEqual(['Meter 0121', 'Meter 0127']);
    await page.waitForURL(/\?q=eter\+012$/);
    await page.reload();
    await page.getByText('Showing 2 of 2 devices').waitFor();
    expect(await page.getByLabel('Search devices').inputValue()).toBe('eter 012');
  });

  it('sorts by a column header: the first rows change order and aria-sort tells the direction', async () => {
    // Disabled devices (n % 25 = 0) mix every kind of name; newest first they start with Meter 0025.
    await page.goto(devicesUrl('?status=DISABLED'));
    await page.getByText('Showing 25 of 80 devices').waitFor();
    const newest = await deviceNames(page);
    expect(newest.slice(0, 3)).toEqual(['Meter 0025', 'Sensor 0050', 'Gateway 0075']);
    const nameHeader = page.getByRole('columnheader', { name: 'Name' });
    expect(await nameHeader.getAttribute('aria-sort')).toBe('none');
    expect(await page.getByRole('columnheader', { name: 'Created' }).getAttribute('aria-sort')).toBe('descending');

    await page.getByRole('button', { name: 'Name', exact: true }).click();
    await page.waitForURL(/sort=NAME_ASC/);
    await page.waitForFunction(() => document.querySelector('table tbody th')?.textContent === 'Gateway 0075');
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await page.getByRole('columnheader', { name: 'Created' }).getAttribute('aria-sort')).toBe('none');
    expect((await deviceNames(page)).slice(0, 3)).toEqual(['Gateway 0075', 'Gateway 0225', 'Gateway 0375']);

    await page.getByRole('button', { name: 'Name', exact: true }).click();
    await page.waitForURL(/sort=NAME_DESC/);
    await page.waitForFunction(() => document.querySelector('table tbody th')?.textContent === 'Tracker 1950');
    expect(await nameHeader.getAttribute('aria-sort')).toBe('descending');
    await page.screenshot({ path: '/tmp/portal-devices-sorted.png', fullPage: true });
    await page.reload(); // the order is in the URL too
    await page.waitForFunction(() => document.querySelector('table tbody th')?.textContent === 'Tracker 1950');
  });

  it('keeps status and tag filters in the URL: a reload shows the same list, back and forward step through them', async () => {
    await page.goto(devicesUrl());
    await page.getByLabel('Filter by status').selectOption('DISABLED');
    await page.waitForURL(/status=DISABLED/);
    await page.getByLabel('Filter by tag').fill('priority');
    await page.waitForURL(/status=DISABLED&tag=priority/);
    // Disabled: n % 25 = 0; priority: n % 10 = 0; both: n % 50 = 0, 40 devices.
    await page.getByText('Showing 25 of 40 devices').waitFor();
    const before = await deviceNames(page);

    await page.reload();
    await page.getByText('Showing 25 of 40 devices').waitFor();
    expect(await deviceNames(page)).toEqual(before);
    expect(await page.getByLabel('Filter by status').inputValue()).toBe('DISABLED');
    expect(await page.getByLabel('Filter by tag').inputValue()).toBe('priority');
    expect((await bodyRows(page, 'Devices')).every((r) => r.includes('Disabled') && r.includes('priority'))).toBe(true);

    await page.goBack(); // the tag was typed (replaced), so back leaves the status filter
    await page.waitForURL((u) => !u.search.includes('status'));
    await page.getByText(/Showing 25 of 2,?000 devices/).waitFor();
    expect(await page.getByLabel('Filter by status').inputValue()).toBe('');
    await page.goForward();
    await page.waitForURL(/status=DISABLED&tag=priority/);
    await page.getByText('Showing 25 of 40 devices').waitFor();

    await page.getByRole('button', { name: 'Reset filters' }).click();
    await page.waitForURL(devicesUrl());
    await page.getByText(/Showing 25 of 2,?000 devices/).waitFor();
    expect(await page.getByLabel('Filter by tag').inputValue()).toBe('');
  });

  it('disables 3 devices at once after a confirmation naming 3', async () => {
    await page.goto(devicesUrl('?q=Sensor%2000&sort=NAME_ASC'));
    await page.getByText('Showing 17 of 17 devices').waitFor();
    const chosen = ['Sensor 0002', 'Sensor 0008', 'Sensor 0014'];
    for (const name of chosen) await page.getByRole('checkbox', { name: `Select ${name}` }).check();
    const bar = page.getByRole('region', { name: 'Bulk actions for selected devices' });
    await bar.getByText('3 selected').waitFor();
    await bar.getByRole('button', { name: 'Disable' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable 3 devices?' });
    await dialog.waitFor();
    await page.screenshot({ path: '/tmp/portal-devices-bulk-confirm.png' });
    expect(await seriousViolations(page)).toEqual([]); // list, bulk bar and dialog at 1280 px
    await dialog.getByRole('button', { name: 'Disable 3 devices' }).click();
    await page.getByRole('status').filter({ hasText: '3 devices disabled.' }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect(await bar.count()).toBe(0); // the selection is let go

    const table = page.getByRole('table', { name: 'Devices' });
    // The list reloads behind the message: wait for each row's new status.
    for (const name of chosen)
      await table
        .getByRole('row', { name: new RegExp(name) })
        .getByText('Disabled')
        .waitFor();
    expect((await bodyRows(page, 'Devices')).find((r) => r.includes('Sensor 0020'))).toContain('Enabled');

    const api = await callFromPage<{ endpoints: { edges: { node: { name: string } }[] } }>(
      page,
      europe,
      'query { endpoints(first: 50, filter: { search: "Sensor 00", status: [DISABLED] }, orderBy: NAME_ASC) { edges { node { name } } } }',
    );
    expect(api.data?.endpoints.edges.map((e) => e.node.name)).toEqual([...chosen, 'Sensor 0050']);
    await page.reload();
    await page.getByText('Showing 17 of 17 devices').waitFor();
    expect((await bodyRows(page, 'Devices')).find((r) => r.includes('Sensor 0008'))).toContain('Disabled');
  });

  it('adds a tag to the devices chosen with "select all loaded"', async () => {
    await page.goto(devicesUrl('?q=eter%20012'));
    await page.getByText('Showing 2 of 2 devices').waitFor();
    await page.getByRole('checkbox', { name: 'Select all loaded devices' }).check();
    const bar = page.getByRole('region', { name: 'Bulk actions for selected devices' });
    await bar.getByText('2 selected').waitFor();
    await bar.getByRole('button', { name: 'Add tag' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a tag to 2 devices?' });
    await dialog.getByRole('button', { name: 'Add tag' }).click();
    expect(await alertText(page, /tag/i)).toBe('Enter a tag.');
    await dialog.getByRole('textbox', { name: 'Tag' }).fill('audit-2026');
    await dialog.getByRole('button', { name: 'Add tag' }).click();
    await page.getByRole('status').filter({ hasText: 'Tag "audit-2026" added to 2 devices.' }).waitFor();
    await page.getByRole('button', { name: 'audit-2026' }).nth(1).waitFor();
    expect((await bodyRows(page, 'Devices')).every((r) => r.includes('audit-2026'))).toBe(true);
  });

  it('picks the SIM of a new device by typing a middle part of its ICCID', async () => {
    const free = await callFromPage<{ sims: { edges: { node: { id: string; iccid: string } }[] } }>(
      page,
      europe,
      'query { sims(first: 1, filter: { assigned: false, status: [ISSUED] }, orderBy: ICCID_DESC) { edges { node { id iccid } } } }',
    );
    const sim = free.data?.sims.edges[0]?.node;
    if (!sim) throw new Error('the demo fleet has no free SIM');
    await page.goto(devicesUrl());
    await page.getByRole('button', { name: 'New device' }).click();
    const form = page.getByRole('form', { name: 'New device' });
    await form.getByLabel('Name').fill('Picker test truck');
    const box = form.getByRole('combobox', { name: 'SIM (optional)' });
    await box.fill(sim.iccid.slice(6, 18)); // inside the ICCID: neither its start nor its end
    await page.getByRole('option', { name: new RegExp(sim.iccid) }).waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: '/tmp/portal-device-sim-picker.png' });
    await box.press('Enter'); // the first (only) match is highlighted
    expect(await box.inputValue()).toBe(`${sim.iccid} (Issued)`);
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await form.getByRole('button', { name: 'Create device' }).click();
    await page.getByRole('status').filter({ hasText: 'Device Picker test truck created.' }).waitFor();

    const created = await callFromPage<{ endpoints: { edges: { node: { sim: { id: string } | null } }[] } }>(
      page,
      europe,
      'query { endpoints(first: 1, filter: { search: "Picker test truck" }) { edges { node { sim { id } } } } }',
    );
    expect(created.data?.endpoints.edges[0]?.node.sim?.id).toBe(sim.id);
  });

  it('moves 3 SIMs to another status at once; SIMs that cannot move are named and nothing changes', async () => {
    await page.goto(simsUrl('?status=FACTORY_TEST&sort=ICCID_ASC'));
    await page.getByText('Showing 25 of 50 SIMs').waitFor();
    expect(await page.getByRole('columnheader', { name: 'ICCID' }).getAttribute('aria-sort')).toBe('ascending');
    const chosen = (await simIccids(page)).slice(0, 3);
    for (const iccid of chosen) await page.getByRole('checkbox', { name: `Select SIM ${iccid}` }).check();
    const bar = page.getByRole('region', { name: 'Bulk actions for selected SIMs' });
    await bar.getByText('3 selected').waitFor();
    await bar.getByLabel('Move to').selectOption('ACTIVATED');
    await bar.getByRole('button', { name: 'Change status' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move 3 SIMs to Activated?' });
    await dialog.getByRole('button', { name: 'Move 3 SIMs' }).click();
    await page.getByRole('status').filter({ hasText: '3 SIMs moved to Activated.' }).waitFor();
    await page.getByText('Showing 25 of 47 SIMs').waitFor();
    const moved = await callFromPage<{ sims: { edges: { node: { iccid: string; status: string } }[] } }>(
      page,
      europe,
      'query($s: String) { sims(first: 5, filter: { search: $s, status: [ACTIVATED] }) { edges { node { iccid status } } } }',
      { s: chosen[1] },
    );
    expect(moved.data?.sims.edges.map((e) => e.node.iccid)).toEqual([chosen[1]]);

    // A deleted SIM cannot be activated: the dialog names it, the server refuses all, naming it too.
    await page.goto(simsUrl('?status=DELETED&sort=ICCID_ASC'));
    await page.getByText(/Showing 25 of 30 SIMs/).waitFor();
    const [deleted] = await simIccids(page);
    await page.getByRole('checkbox', { name: `Select SIM ${deleted}` }).check();
    await bar.getByLabel('Move to').selectOption('ACTIVATED');
    await bar.getByRole('button', { name: 'Change status' }).click();
    const refused = page.getByRole('dialog', { name: 'Move 1 SIM to Activated?' });
    await refused.getByText('This SIM cannot move to Activated').waitFor();
    await refused
      .getByRole('listitem')
      .filter({ hasText: deleted ?? '' })
      .waitFor();
    await refused.getByRole('button', { name: 'Move 1 SIM' }).click();
    expect(await refused.getByRole('alert').textContent()).toContain(deleted);
    await page.screenshot({ path: '/tmp/portal-sims-bulk-refused.png' });
    await refused.getByRole('button', { name: 'Cancel' }).click();
    expect((await bodyRows(page, 'SIMs'))[0]).toContain('Deleted');
  });

  it('links each ICCID to its SIM page', async () => {
    await page.goto(simsUrl('?q=89882&sort=ICCID_ASC'));
    const first = page.getByRole('table', { name: 'SIMs' }).locator('tbody th a').first();
    const href = await first.getAttribute('href');
    expect(href).toMatch(new RegExp(`^/w/${europe}/sims/[0-9a-f-]{36}$`));
  });

  it('names the bad lines of Register SIMs by number, from the browser’s check and from the server', async () => {
    await page.goto(simsUrl());
    await page.getByRole('button', { name: 'Register SIMs' }).click();
    const box = page.getByLabel('ICCIDs, one per line');
    const fresh = newIccid();
    await box.fill(`${fresh}\n\n1234567890123456789\n12345\n`);
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    const errors = await alertText(page, /Line 3/);
    expect(errors).toContain('Line 3: ICCID has an invalid check digit.');
    expect(errors).toContain('Line 4: an ICCID has 19 or 20 digits, this one has 5.');
    expect(await box.getAttribute('aria-invalid')).toBe('true');

    // An ICCID the demo fleet holds already: the server's CONFLICT position becomes line 2.
    const [taken] = await simIccids(page);
    await box.fill(`${fresh}\n${taken}\n`);
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    expect(await alertText(page, /Line 2/)).toBe('Line 2: this ICCID cannot be registered (a card is registered once, in one Workspace).');
    await page.screenshot({ path: '/tmp/portal-sims-register-lines.png' });
  });

  it('fits a 390 px phone: the lists scroll inside their card, the toolbar and bulk bar wrap', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US', timezoneId: 'UTC' });
    phone.setDefaultTimeout(20_000);
    try {
      const tab = await phone.newPage();
      await signIn(tab, portal.url, UMA, DEMO_PASSWORD);
      await tab.goto(devicesUrl());
      await tab.getByText(/Showing 25 of/).waitFor();
      expect(await fitsWindow(tab)).toBe(true);
      await tab.getByRole('checkbox', { name: 'Select all loaded devices' }).check();
      await tab.getByText('25 selected').waitFor();
      expect(await fitsWindow(tab)).toBe(true);
      expect(await seriousViolations(tab)).toEqual([]);
      await tab.screenshot({ path: '/tmp/portal-devices-390.png', fullPage: true });

      await tab.goto(simsUrl());
      await tab.getByText(/Showing 25 of/).waitFor();
      expect(await fitsWindow(tab)).toBe(true);
      await tab.getByRole('checkbox', { name: 'Select all loaded SIMs' }).check();
      await tab.getByText('25 selected').waitFor();
      expect(await fitsWindow(tab)).toBe(true);
      expect(await seriousViolations(tab)).toEqual([]);
      await tab.screenshot({ path: '/tmp/portal-sims-390.png', fullPage: true });
    } finally {
      await phone.close();
    }
  });

  it('shows an Observer the lists without checkboxes or bulk actions', async () => {
    const observer = await newContext(browser);
    try {
      const tab = await observer.newPage();
      await signIn(tab, portal.url, OSCAR, DEMO_PASSWORD);
      const uk = new URL(tab.url()).pathname.split('/')[2];
      await tab.goto(`${portal.url}/w/${uk}/devices?status=DISABLED`);
      await tab.getByText(/Showing 25 of 80 devices/).waitFor();
      expect(await tab.getByRole('checkbox').count()).toBe(0);
      expect(await tab.getByRole('button', { name: /^(Enable|Disable|Add tag|Remove tag|Delete)$/ }).count()).toBe(0);
      expect(await tab.getByRole('button', { name: 'New device' }).count()).toBe(0);
      await tab.goto(`${portal.url}/w/${uk}/sims`);
      await tab.getByText(/Showing 25 of/).waitFor();
      expect(await tab.getByRole('checkbox').count()).toBe(0);
      expect(await tab.getByRole('button', { name: 'Change status' }).count()).toBe(0);
      expect(await tab.getByRole('button', { name: 'Register SIMs' }).count()).toBe(0);
    } finally {
      await observer.close();
    }
  });
});
