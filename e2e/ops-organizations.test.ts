import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from './support/browser';
import { newContext, type Ops, opsSession } from './support/portal-fixtures';
import { type PortalServer, startPortal } from './support/server';

/**
 * The ops console's organizations in a real browser: the directory says where Workspaces are linked,
 * and an operator links and unlinks a Workspace behind its preview, raises the limit and reassigns
 * the SuperAdmin, each checked against the API afterwards.
 */

const PHONE = { width: 390, height: 844 };

interface Fixture {
  group: string;
  retail: string;
  hq: { id: string; name: string };
  plant: { id: string; name: string };
  hana: { id: string; email: string; name: string };
  uwe: { id: string; email: string; name: string };
}

async function seed(ops: Ops): Promise<Fixture> {
  const group = await ops.organization('Globex Group', 'EUR', 'PRO');
  const retail = await ops.organization('Globex Retail', 'USD', 'PRO');
  const initech = await ops.organization('Initech Ltd', 'GBP', 'STANDARD');
  const hq = await ops.workspace(group, 'Globex HQ');
  const shops = await ops.workspace(retail, 'Globex Shops');
  const plant = await ops.workspace(initech, 'Initech Plant');
  const hana = await ops.user('Hana Head');
  const uwe = await ops.user('Uwe User');
  const rita = await ops.user('Rita Retail');
  await ops.member(hq.id, hana.id, 'ADMINISTRATOR'); // the longest-standing Administrator: SuperAdmin on the first link
  await ops.member(hq.id, uwe.id, 'USER');
  await ops.member(shops.id, rita.id, 'ADMINISTRATOR');
  await ops.link(group, hq.id);
  await ops.link(group, shops.id);
  return { group, retail, hq, plant, hana, uwe };
}

async function signInAsOps(page: Page, portal: PortalServer): Promise<void> {
  await page.goto(`${portal.url}/signin`);
  await page.getByLabel('Email').fill(portal.ops.email);
  await page.getByLabel('Password').fill(portal.ops.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/ops/);
}

/** The directory row of an organization, cell by cell. */
async function directoryRow(page: Page, name: string): Promise<string[]> {
  const row = page
    .getByRole('table', { name: 'Organizations' })
    .locator('tbody tr')
    .filter({ has: page.getByRole('rowheader', { name }) });
  return (await row.locator('th, td').allTextContents()).map((t) => t.trim());
}

const fits = (page: Page) => page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: window.innerWidth }));

describeWithChromium('ops console: organizations', () => {
  let portal: PortalServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ops: Ops;
  let fx: Fixture;

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchChromium();
    ops = await opsSession(portal);
    fx = await seed(ops);
    context = await newContext(browser);
    page = await context.newPage();
    await signInAsOps(page, portal);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await portal?.stop();
  });

  const groupState = () =>
    ops.call<{ organization: { workspaceLimit: number; linkedWorkspaceCount: number; superAdmin: { id: string } | null } }>(
      'query($id: ID!) { organization(id: $id) { workspaceLimit linkedWorkspaceCount superAdmin { id } } }',
      { id: fx.group },
    );

  it('lists a main organization with count / limit and an organization linked under it as "linked under"', async () => {
    await page.goto(`${portal.url}/ops/organizations`);
    await page.getByRole('table', { name: 'Organizations' }).waitFor();
    expect(await directoryRow(page, 'Globex Group')).toEqual(['Globex Group', 'Pro', 'EUR', 'Yes', '1', '2 / 3']);
    expect(await directoryRow(page, 'Globex Retail')).toEqual(['Globex Retail', 'Pro', 'USD', 'No', '1', 'linked under Globex Group']);
    expect(await directoryRow(page, 'Initech Ltd')).toEqual(['Initech Ltd', 'Standard', 'GBP', 'No', '1', '— (Standard)']);

    await page.getByLabel('Search organizations').fill('shops'); // a Workspace's name finds its organization
    await page.waitForURL(/\?q=shops/);
    const rows = await page.getByRole('table', { name: 'Organizations' }).locator('tbody th').allTextContents();
    expect(rows).toEqual(['Globex Retail']);
    await page.screenshot({ path: '/tmp/portal-ops-organizations.png' });
  });

  it('links a Workspace behind its preview, then unlinks it behind its preview', async () => {
    await page.goto(`${portal.url}/ops/organizations/${fx.group}`);
    await page.getByRole('heading', { level: 1, name: 'Globex Group' }).waitFor();
    await page.getByLabel('Find a Workspace to link').fill('Initech');
    await page.getByRole('button', { name: 'Link Initech Plant' }).click();

    const linkDialog = page.getByRole('dialog', { name: 'Link Initech Plant to Globex Group?' });
    await linkDialog.getByRole('list', { name: 'Gains access' }).waitFor();
    expect(await linkDialog.getByRole('list', { name: 'Gains access' }).locator('li').allTextContents()).toEqual([
      `${fx.hana.name} (${fx.hana.email})`,
    ]);
    expect(await linkDialog.locator('dd').allTextContents()).toEqual([`${fx.hana.name} (${fx.hana.email})`, '3 of 3']);
    await page.screenshot({ path: '/tmp/portal-ops-link-preview.png' });
    await linkDialog.getByRole('button', { name: 'Link Workspace' }).click();
    await page.getByRole('status').filter({ hasText: 'Initech Plant is now linked to Globex Group.' }).waitFor();
    // The page reloads what changed: the new row appears once the answer is in.
    await page.getByRole('table', { name: 'Linked Workspaces' }).getByRole('rowheader', { name: 'Initech Plant' }).waitFor();
    expect(await page.getByRole('table', { name: 'Linked Workspaces' }).locator('tbody th').allTextContents()).toEqual([
      'Globex HQ',
      'Globex Shops',
      'Initech Plant',
    ]);
    expect((await groupState()).organization.linkedWorkspaceCount).toBe(3);

    await page.getByRole('table', { name: 'Linked Workspaces' }).getByRole('button', { name: 'Unlink Initech Plant' }).click();
    const unlinkDialog = page.getByRole('dialog', { name: 'Unlink Initech Plant from Globex Group?' });
    await unlinkDialog.getByRole('list', { name: 'Loses access' }).waitFor();
    expect(await unlinkDialog.getByRole('list', { name: 'Loses access' }).locator('li').allTextContents()).toEqual([
      `${fx.hana.name} (${fx.hana.email})`,
    ]);
    expect(await unlinkDialog.locator('dd').allTextContents()).toEqual([`${fx.hana.name} (${fx.hana.email})`, '2 of 3']);
    await unlinkDialog.getByRole('button', { name: 'Unlink Workspace' }).click();
    await page.getByRole('status').filter({ hasText: 'Initech Plant is no longer linked to Globex Group.' }).waitFor();
    await page
      .getByRole('table', { name: 'Linked Workspaces' })
      .getByRole('rowheader', { name: 'Initech Plant' })
      .waitFor({ state: 'detached' });
    expect(await page.getByRole('table', { name: 'Linked Workspaces' }).locator('tbody th').allTextContents()).toEqual([
      'Globex HQ',
      'Globex Shops',
    ]);
    expect((await groupState()).organization.linkedWorkspaceCount).toBe(2);
  });

  it('refuses a limit below the linked count at the field, then raises it', async () => {
    await page.goto(`${portal.url}/ops/organizations/${fx.group}`);
    const form = page.getByRole('form', { name: 'Workspace limit' });
    await form.getByLabel('Limit').fill('1');
    await form.getByRole('button', { name: 'Set limit' }).click();
    const error = form.locator('.field-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/cannot be below the 2 Workspaces linked now/);
    expect(await form.getByLabel('Limit').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('Limit').fill('5');
    await form.getByRole('button', { name: 'Set limit' }).click();
    await page.getByRole('status').filter({ hasText: 'Globex Group may now link 5 Workspaces.' }).waitFor();
    await page.getByText('2 / 5', { exact: true }).first().waitFor();
    expect((await groupState()).organization.workspaceLimit).toBe(5);
  });

  it('reassigns the SuperAdmin among the eligible members, with the effect explained', async () => {
    await page.goto(`${portal.url}/ops/organizations/${fx.group}`);
    const card = page.getByRole('region', { name: 'SuperAdmin' });
    await card.getByText(fx.hana.email).waitFor();
    const options = await card.getByLabel('New SuperAdmin').locator('option').allTextContents();
    expect(options).toEqual(['Choose a member…', `${fx.uwe.name} (${fx.uwe.email}), User in Globex HQ`]);
    await card.getByLabel('New SuperAdmin').selectOption(fx.uwe.id);
    await card.getByRole('button', { name: 'Reassign…' }).click();
    const dialog = page.getByRole('dialog', { name: `Make ${fx.uwe.name} the SuperAdmin?` });
    expect(await dialog.textContent()).toMatch(new RegExp(`${fx.hana.name} stops being SuperAdmin`));
    await dialog.getByRole('button', { name: 'Make SuperAdmin' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${fx.uwe.name} is now the SuperAdmin of Globex Group.` })
      .waitFor();
    await card.getByText(fx.uwe.email).waitFor();
    expect((await groupState()).organization.superAdmin?.id).toBe(fx.uwe.id);
  });

  it('fits a 390 px phone on every organizations page', async () => {
    const phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'UTC' });
    phone.setDefaultTimeout(20_000);
    try {
      const small = await phone.newPage();
      await signInAsOps(small, portal);
      const pages = [
        { path: '/ops/organizations', ready: small.getByRole('table', { name: 'Organizations' }) },
        { path: `/ops/organizations/${fx.group}`, ready: small.getByRole('heading', { level: 1, name: 'Globex Group' }) },
        { path: `/ops/organizations/${fx.retail}`, ready: small.getByRole('heading', { level: 1, name: 'Globex Retail' }) },
      ];
      for (const { path, ready } of pages) {
        await small.goto(`${portal.url}${path}`);
        await ready.waitFor();
        const { document, viewport } = await fits(small);
        expect({ path, document }).toEqual({ path, document: viewport });
      }
      await small.screenshot({ path: '/tmp/portal-ops-organization-phone.png', fullPage: true });
    } finally {
      await phone.close();
    }
  });
});
