import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from './support/browser';
import { asMember, memberToken, newContext, opsSession, signIn } from './support/portal-fixtures';
import { type PortalServer, startPortal } from './support/server';

/**
 * The product shell in a browser (production build): the Workspace switcher by mouse and by keyboard
 * (Ctrl+K, a filter, arrows, Enter), a second tab that keeps its Workspace, the request limit and the
 * pending request shown to the SuperAdmin before anything is typed, and the phone's drawer at 390 px.
 */

interface Fixture {
  hq: { id: string; name: string };
  berlin: { id: string; name: string };
  boston: { id: string; name: string };
  sam: { id: string; email: string };
}

async function seed(portal: PortalServer): Promise<Fixture> {
  const ops = await opsSession(portal);
  const group = await ops.organization('Acme Group SE', 'EUR', 'PRO');
  const hq = await ops.workspace(group, 'Acme HQ');
  const berlin = await ops.workspace(await ops.organization('Acme Europe GmbH', 'EUR', 'PRO'), 'Acme Berlin');
  const boston = await ops.workspace(await ops.organization('Acme Americas Inc.', 'USD', 'STANDARD'), 'Acme Boston');
  const sam = await ops.user('Sam Super');
  await ops.member(hq.id, sam.id, 'ADMINISTRATOR'); // the first Administrator: SuperAdmin on the first link
  await ops.member(boston.id, sam.id, 'OBSERVER'); // not linked: a plain membership
  await ops.link(group, hq.id);
  await ops.link(group, berlin.id);
  // A request waiting for ops, sent through the API before the browser opens the switcher.
  const token = await memberToken(portal, sam.email, hq.id);
  await asMember(
    portal,
    token,
    'mutation($e: String!) { requestWorkspace(kind: CREATE, contactEmail: $e, details: "The Hamburg unit.", name: "Acme Hamburg") { id } }',
    { e: sam.email },
  );
  return { hq, berlin, boston, sam };
}

const switcherButton = (page: Page) => page.getByRole('button', { name: /^Switch Workspace/ });
const switcher = (page: Page) => page.getByRole('dialog', { name: 'Switch Workspace' });
const options = (page: Page) =>
  switcher(page)
    .getByRole('listbox', { name: 'Your Workspaces' })
    .getByRole('group', { name: 'Workspaces', exact: true })
    .getByRole('option');

async function landsIn(page: Page, url: string, workspace: { id: string; name: string }): Promise<void> {
  await page.waitForURL(`${url}/w/${workspace.id}`);
  await page.getByRole('heading', { level: 1, name: workspace.name }).waitFor();
  await page.getByRole('button', { name: `Switch Workspace, current: ${workspace.name}` }).waitFor();
}

/** axe's findings inside `selector` (WCAG 2.1 A and AA), as "rule: target" lines. */
async function axe(page: Page, selector: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const fits = (page: Page) => page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: window.innerWidth }));

describeWithChromium('the product shell', () => {
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
    page = await context.newPage();
    await signIn(page, portal.url, fx.sam.email);
    await landsIn(page, portal.url, fx.hq);
  }, 6 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  }, 30_000);

  it('shows the sidebar: the Workspace and its organization, the pages in groups, the user', async () => {
    const sidebar = page.getByRole('complementary', { name: 'Sidebar' });
    expect(await switcherButton(page).textContent()).toMatch(/Acme HQ.*Acme Group SE.*SuperAdmin/);
    const nav = sidebar.getByRole('navigation', { name: 'Workspace pages' });
    const links = (await nav.getByRole('link').allTextContents()).map((t) => t.trim());
    expect(links).toEqual(['Home', 'Devices', 'SIMs', 'Policies', 'Reports', 'Users', 'Audit log', 'Application tokens', 'API explorer']);
    expect(await nav.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: 'API explorer' }).getAttribute('href')).toBe('/graphiql');
    expect(await nav.getByRole('link', { name: 'Policies' }).getAttribute('href')).toBe(`/w/${fx.hq.id}/policies`);
    expect(await sidebar.textContent()).toContain(fx.sam.email);
    await sidebar.getByRole('button', { name: 'Sign out' }).waitFor();
    // The phone's top bar is not shown on a desktop.
    expect(await page.getByRole('button', { name: 'Open menu' }).isVisible()).toBe(false);
    await page.screenshot({ path: '/tmp/portal-shell.png' });
    expect(await axe(page, '.sidebar')).toEqual([]);
  });

  it('shows the SuperAdmin the limit and the pending request before anything is typed, and withdraws it', async () => {
    await switcherButton(page).click();
    const dialog = switcher(page);
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    const status = dialog.getByRole('region', { name: 'Workspace requests status' });
    await status.getByText('2 of 3 Workspaces linked').waitFor();
    expect(await status.textContent()).toMatch(/to Acme Group SE\./);
    expect(await status.textContent()).toMatch(/Request pending: Create a new Workspace “Acme Hamburg”.*by Sam Super/);
    expect(await dialog.getByRole('option', { name: /Create a new Workspace/ }).count()).toBe(1);
    expect(await dialog.getByRole('option', { name: /Link existing Workspace/ }).count()).toBe(1);
    await page.screenshot({ path: '/tmp/portal-switcher-modal.png' });
    expect(await axe(page, '.switcher-dialog')).toEqual([]);

    await status.getByRole('button', { name: 'Withdraw request' }).click();
    await status.getByText('No request pending.').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('lists every Workspace with organization, role, currency and the default; a click switches', async () => {
    await switcherButton(page).click();
    const texts = await options(page).allTextContents();
    expect(texts).toHaveLength(3);
    expect(texts.find((t) => t.includes('Acme HQ'))).toMatch(/Acme HQ \(current\)Default.*Acme Group SE · SuperAdmin · EUR/);
    expect(texts.find((t) => t.includes('Acme Berlin'))).toMatch(/Acme Europe GmbH · SuperAdmin · EUR/);
    expect(texts.find((t) => t.includes('Acme Boston'))).toMatch(/Acme Americas Inc\. · Observer · USD/);
    expect(await options(page).filter({ hasText: 'Acme HQ' }).getAttribute('aria-current')).toBe('true');
    await options(page).filter({ hasText: 'Acme Boston' }).click();
    await landsIn(page, portal.url, fx.boston);
    await switcher(page).waitFor({ state: 'detached' });
  });

  it('switches by keyboard: Ctrl+K, a filter, arrows and Enter', async () => {
    await page.getByRole('heading', { level: 1 }).click(); // focus in the page, not in a field
    await page.keyboard.press('Control+k');
    await switcher(page).waitFor();
    await page.keyboard.type('acme b');
    await waitForCount(options(page), 2);
    const names = (await options(page).allTextContents()).map((t) => (t.includes('Acme Berlin') ? fx.berlin : fx.boston));
    expect(await options(page).nth(0).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await options(page).nth(1).getAttribute('aria-selected')).toBe('true');
    const target = names[1] ?? fx.berlin;
    await page.keyboard.press('Enter');
    await landsIn(page, portal.url, target);
    // Back to Boston for the next test, by typing the organization's name.
    if (target.id !== fx.boston.id) {
      await page.keyboard.press('Meta+k');
      await page.keyboard.type('americas');
      await waitForCount(options(page), 1);
      await page.keyboard.press('Enter');
      await landsIn(page, portal.url, fx.boston);
    }
  });

  it('keeps a second tab in its own Workspace when the first one switches', async () => {
    const second = await context.newPage();
    try {
      await second.goto(`${portal.url}/w/${fx.hq.id}`);
      await landsIn(second, portal.url, fx.hq);
      await page.bringToFront();
      await switcherButton(page).click();
      await options(page).filter({ hasText: 'Acme Berlin' }).click();
      await landsIn(page, portal.url, fx.berlin);
      await second.bringToFront();
      await second.reload();
      await landsIn(second, portal.url, fx.hq);
      expect(
        await second.getByRole('navigation', { name: 'Workspace pages' }).getByRole('link', { name: 'Devices' }).getAttribute('href'),
      ).toBe(`/w/${fx.hq.id}/devices`);
    } finally {
      await second.close();
    }
  });

  it('on a 390 px phone: a top bar, the menu opens a drawer, a link navigates and closes it, nothing is wider than the screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US', timezoneId: 'UTC' });
    phone.setDefaultTimeout(20_000);
    try {
      const tab = await phone.newPage();
      await signIn(tab, portal.url, fx.sam.email);
      await tab.getByRole('heading', { level: 1, name: 'Acme HQ' }).waitFor();
      expect(await tab.getByRole('complementary', { name: 'Sidebar' }).isVisible()).toBe(false);
      const menu = tab.getByRole('button', { name: 'Open menu' });
      // While the drawer is open the page behind it, top bar included, is hidden from assistive technology.
      const menuButton = tab.locator('button[aria-label="Open menu"]');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      // The top bar names the Workspace and its organization.
      expect(await switcherButton(tab).textContent()).toMatch(/Acme HQ.*Acme Group SE/);
      expect(await fits(tab)).toEqual({ document: 390, viewport: 390 });

      await menu.click();
      const drawer = tab.getByRole('dialog', { name: 'Workspace menu' });
      await drawer.waitFor();
      expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
      await tab.screenshot({ path: '/tmp/portal-drawer.png' });
      expect(await axe(tab, '.drawer')).toEqual([]);
      await tab.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');

      await menu.click();
      await drawer.getByRole('navigation', { name: 'Workspace pages' }).getByRole('link', { name: 'Reports' }).click();
      await tab.waitForURL(`${portal.url}/w/${fx.hq.id}/reports`);
      await drawer.waitFor({ state: 'detached' });
      await tab.getByRole('heading', { level: 1 }).waitFor();
      expect(await fits(tab)).toEqual({ document: 390, viewport: 390 });

      await tab.screenshot({ path: '/tmp/portal-phone-reports.png' });

      // The switcher is a full-screen sheet on a phone.
      await switcherButton(tab).click();
      const box = await switcher(tab).boundingBox();
      expect(box?.width).toBe(390);
      await tab.screenshot({ path: '/tmp/portal-phone-switcher.png' });
      await switcher(tab).getByRole('button', { name: 'Close' }).click(); // no Escape key on a phone
      await switcher(tab).waitFor({ state: 'detached' });

      // From the drawer too: the switcher opens over it, and switching closes both.
      await menu.click();
      await drawer.getByRole('button', { name: /^Switch Workspace/ }).click();
      await options(tab).filter({ hasText: 'Acme Boston' }).click();
      await tab.waitForURL(`${portal.url}/w/${fx.boston.id}`);
      await tab.getByRole('heading', { level: 1, name: 'Acme Boston' }).waitFor();
      await drawer.waitFor({ state: 'detached' });
      expect(await fits(tab)).toEqual({ document: 390, viewport: 390 });
    } finally {
      await phone.close();
    }
  });
});

describeWithChromium('the ops console shell on a phone', () => {
  let portal: PortalServer;
  let browser: Browser;

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchChromium();
  }, 6 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  }, 30_000);

  it('opens its sections from the drawer at 390 px, which closes on navigation', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US', timezoneId: 'UTC' });
    phone.setDefaultTimeout(20_000);
    try {
      const tab = await phone.newPage();
      await tab.goto(`${portal.url}/signin`);
      await tab.getByLabel('Email').fill(portal.ops.email);
      await tab.getByLabel('Password').fill(portal.ops.password);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.waitForURL(`${portal.url}/ops/requests`);
      await tab.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
      await tab.getByRole('button', { name: 'Open menu' }).click();
      const drawer = tab.getByRole('dialog', { name: 'Ops console menu' });
      await drawer.getByRole('navigation', { name: 'Ops console' }).getByRole('link', { name: 'Organizations' }).click();
      await tab.waitForURL(`${portal.url}/ops/organizations`);
      await drawer.waitFor({ state: 'detached' });
      expect(await fits(tab)).toEqual({ document: 390, viewport: 390 });
    } finally {
      await phone.close();
    }
  });
});

/** Waits until the locator matches exactly `n` elements (cmdk filters after the keystrokes). */
async function waitForCount(locator: ReturnType<Page['locator']>, n: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await locator.count()) !== n) {
    if (Date.now() > deadline) throw new Error(`Expected ${n} matches, found ${await locator.count()}.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
