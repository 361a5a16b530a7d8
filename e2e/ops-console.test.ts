import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api } from './support/api';
import { describeWithChromium, launchChromium } from './support/browser';
import { memberToken, newContext, type Ops, opsSession, signIn } from './support/portal-fixtures';
import { type PortalServer, startPortal } from './support/server';

/**
 * The ops console in a browser: an operator approves a CREATE request with adjusted organization
 * terms (the requester then finds the new Workspace, in its own currency, in the switcher), rejects
 * another with a reason the requester reads, creates an organization, Workspace, user and membership
 * through the forms (field errors shown at the field), filters the audit log (kept in the URL), and
 * every ops page fits a 390 px phone.
 */

interface Fixture {
  alice: { email: string };
  bob: { email: string };
}

const REQUEST = `mutation($d: String!, $n: String, $c: String) {
  requestWorkspace(kind: CREATE, contactEmail: "ops-contact@e2e.test", details: $d, name: $n, currency: $c) { id }
}`;

async function seed(portal: PortalServer, ops: Ops): Promise<Fixture> {
  const acme = await ops.organization('Acme Group', 'EUR', 'PRO');
  const hq = await ops.workspace(acme, 'Acme HQ');
  const alice = await ops.user('Alice Admin');
  await ops.member(hq.id, alice.id, 'ADMINISTRATOR');
  const beta = await ops.organization('Beta Holding', 'EUR', 'PRO');
  const betaHq = await ops.workspace(beta, 'Beta HQ');
  const bob = await ops.user('Bob Boss');
  await ops.member(betaHq.id, bob.id, 'ADMINISTRATOR');
  const send = async (email: string, variables: Record<string, unknown>) => {
    await api(portal.url, REQUEST, variables, await memberToken(portal, email));
  };
  await send(alice.email, { d: 'Our Australian unit, billed in AUD.', n: 'Acme APAC', c: 'AUD' });
  await send(bob.email, { d: 'A Workspace for the APAC team.', n: 'Beta APAC', c: null });
  const gamma = await ops.workspace(await ops.organization('Gamma Group', 'CHF', 'PRO'), 'Gamma HQ');
  const gina = await ops.user('Gina Gamma');
  await ops.member(gamma.id, gina.id, 'ADMINISTRATOR');
  await ops.workspace(await ops.organization('Gamma Labs AG', 'CHF', 'STANDARD'), 'Gamma Labs');
  await api(
    portal.url,
    'mutation { requestWorkspace(kind: LINK, contactEmail: "gina@e2e.test", details: "Please link our Gamma Labs Workspace.") { id } }',
    {},
    await memberToken(portal, gina.email),
  );
  return { alice, bob };
}

async function opsSignIn(page: Page, portal: PortalServer): Promise<void> {
  await page.goto(`${portal.url}/signin`);
  await page.getByLabel('Email').fill(portal.ops.email);
  await page.getByLabel('Password').fill(portal.ops.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${portal.url}/ops/requests`);
}

const fits = (page: Page) => page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: window.innerWidth }));

describeWithChromium('the ops console in a browser', () => {
  let portal: PortalServer;
  let browser: Browser;
  let opsContext: BrowserContext;
  let page: Page;
  let fx: Fixture;

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchChromium();
    fx = await seed(portal, await opsSession(portal));
    opsContext = await newContext(browser);
    page = await opsContext.newPage();
    await opsSignIn(page, portal);
  }, 6 * 60_000);

  afterAll(async () => {
    await opsContext?.close();
    await browser?.close();
    await portal?.stop();
  });

  it('approves a CREATE request with adjusted terms; the requester sees the new Workspace in its own currency', async () => {
    const queue = page.getByRole('list', { name: 'Pending requests' });
    const card = queue.getByRole('listitem', { name: 'Acme Group' });
    expect(await card.textContent()).toMatch(/Acme APAC.*AUD.*ops-contact@e2e\.test.*Alice Admin/);
    await card.getByRole('button', { name: 'Approve the request of Acme Group' }).click();
    const dialog = page.getByRole('dialog', { name: /Approve: new Workspace for Acme Group/ });
    const field = (name: RegExp) => dialog.getByRole('textbox', { name });
    expect(await field(/^Workspace name/).inputValue()).toBe('Acme APAC');
    expect(await field(/^Currency/).inputValue()).toBe('AUD');
    await field(/^Organization name/).fill('Acme APAC Pty Ltd');
    await field(/^VAT rate/).fill('150');
    await dialog.getByRole('button', { name: 'Approve and create' }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: /between 0 and 100/ })
      .waitFor();
    expect(await field(/^VAT rate/).getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: '/tmp/ops-approve-error.png' });

    await field(/^VAT rate/).fill('10');
    await dialog.getByRole('button', { name: 'Approve and create' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Approved: Acme APAC created for Acme APAC Pty Ltd \(AUD\)/ })
      .waitFor();
    await queue.getByRole('listitem', { name: 'Acme Group' }).waitFor({ state: 'detached' });
    const history = page.getByRole('table', { name: 'Decided requests' });
    expect(await history.getByRole('row', { name: /Acme Group/ }).textContent()).toMatch(
      /Approved.*by .*Acme APAC \(Acme APAC Pty Ltd, AUD\)/,
    );
    await page.screenshot({ path: '/tmp/ops-requests.png', fullPage: true });

    const requester = await newContext(browser);
    try {
      const alice = await requester.newPage();
      await signIn(alice, portal.url, fx.alice.email);
      await alice.getByRole('button', { name: /Switch Workspace/ }).click();
      const entry = alice.getByRole('listbox', { name: 'Your Workspaces' }).getByRole('option', { name: /Acme APAC/ });
      expect(await entry.textContent()).toMatch(/Acme APAC Pty Ltd.*AUD/);
    } finally {
      await requester.close();
    }
  });

  it('approves a LINK request with the Workspace picked through a search', async () => {
    const card = page.getByRole('list', { name: 'Pending requests' }).getByRole('listitem', { name: 'Gamma Group' });
    await card.getByRole('button', { name: 'Approve the request of Gamma Group' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve: link a Workspace to Gamma Group' });
    await dialog.getByRole('button', { name: 'Approve and link' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Choose the Workspace to link.' }).waitFor();
    await dialog.getByRole('searchbox', { name: 'Search Workspaces' }).fill('gamma labs');
    expect(await dialog.getByRole('radio').count()).toBe(1);
    await dialog.getByRole('radio', { name: /Gamma Labs.*Gamma Labs AG/ }).check();
    await dialog.getByRole('button', { name: 'Approve and link' }).click();
    await page.getByRole('status').filter({ hasText: 'Approved: Gamma Labs is now linked to Gamma Group.' }).waitFor();
    const history = page.getByRole('table', { name: 'Decided requests' });
    expect(await history.getByRole('row', { name: /Gamma Group/ }).textContent()).toMatch(
      /Link existing Workspace.*Approved.*Gamma Labs \(Gamma Labs AG, CHF\)/,
    );
  });

  it('rejects a request with a reason the requester reads with the request', async () => {
    const card = page.getByRole('list', { name: 'Pending requests' }).getByRole('listitem', { name: 'Beta Holding' });
    await card.getByRole('button', { name: 'Reject the request of Beta Holding' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject the request of Beta Holding' });
    await dialog.getByRole('button', { name: 'Reject request' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Reason is required' }).waitFor();
    await dialog.getByRole('textbox', { name: /^Reason/ }).fill('No Pro contract for APAC yet; call us.');
    await dialog.getByRole('button', { name: 'Reject request' }).click();
    await page.getByRole('status').filter({ hasText: 'Rejected the request of Beta Holding' }).waitFor();
    await page.getByRole('heading', { name: /Queue/ }).waitFor();
    await page.getByText('Nothing waiting').waitFor();

    const requester = await newContext(browser);
    try {
      const bob = await requester.newPage();
      await signIn(bob, portal.url, fx.bob.email);
      await bob.getByRole('button', { name: /Switch Workspace/ }).click();
      await bob.getByRole('option', { name: /Create a new Workspace/ }).click();
      const requests = bob.getByRole('list', { name: 'Workspace requests' });
      expect(await requests.textContent()).toMatch(/Rejected.*Reason: No Pro contract for APAC yet; call us\./);
    } finally {
      await requester.close();
    }
  });

  it('creates an organization, a Workspace, a user and a membership through the forms, errors at their fields', async () => {
    await page.getByRole('navigation', { name: 'Ops console' }).getByRole('link', { name: 'Create' }).click();
    await page.waitForURL(`${portal.url}/ops/create`);
    const org = page.getByRole('region', { name: 'Organization' });
    await org.getByRole('textbox', { name: /^Name/ }).fill('Nordic Fleet AS');
    await org.getByRole('textbox', { name: /^Currency/ }).fill('EURO');
    await org.getByRole('button', { name: 'Create organization' }).click();
    await org
      .getByRole('alert')
      .filter({ hasText: /currency/i })
      .waitFor();
    expect(await org.getByRole('textbox', { name: /^Currency/ }).getAttribute('aria-invalid')).toBe('true');
    await org.getByRole('textbox', { name: /^Currency/ }).fill('NOK');
    await org.getByRole('button', { name: 'Create organization' }).click();
    await org.getByRole('status').filter({ hasText: 'Organization Nordic Fleet AS (NOK) created.' }).waitFor();

    const ws = page.getByRole('region', { name: 'Workspace' });
    await ws.getByRole('combobox', { name: /^Organization/ }).selectOption({ label: 'Nordic Fleet AS (NOK)' });
    await ws.getByRole('textbox', { name: /^Name/ }).fill('Nordic Trucks');
    await ws.getByRole('button', { name: 'Create Workspace' }).click();
    await ws.getByRole('status').filter({ hasText: 'Workspace Nordic Trucks created.' }).waitFor();

    const user = page.getByRole('region', { name: 'User' });
    await user.getByRole('textbox', { name: /^Email/ }).fill('nora@e2e.test');
    await user.getByRole('textbox', { name: /^Name/ }).fill('Nora Nordic');
    await user.getByLabel(/^Password/).fill('short');
    await user.getByRole('button', { name: 'Create user' }).click();
    await user.getByRole('alert').filter({ hasText: /10/ }).waitFor();
    expect(await user.getByLabel(/^Password/).getAttribute('aria-invalid')).toBe('true');
    await user.getByLabel(/^Password/).fill('a-long-enough-password');
    await user.getByRole('button', { name: 'Create user' }).click();
    await user.getByRole('status').filter({ hasText: 'User nora@e2e.test created' }).waitFor();

    const membership = page.getByRole('region', { name: 'Membership' });
    const picker = membership.getByRole('combobox', { name: /^User/ });
    // Prefilled with the user just created.
    expect(await picker.inputValue()).toBe('Nora Nordic (nora@e2e.test)');
    await membership.getByRole('searchbox', { name: 'Search Workspaces' }).fill('nordic');
    await membership.getByRole('radio', { name: /Nordic Trucks/ }).check();
    await membership.getByRole('combobox', { name: /^Role/ }).selectOption('ADMINISTRATOR');
    await membership.getByRole('button', { name: 'Add membership' }).click();
    await membership.getByRole('status').filter({ hasText: 'nora@e2e.test is now administrator of Nordic Trucks.' }).waitFor();

    // Anyone else is found by typing part of their name, and chosen with the keyboard.
    await picker.fill('gamm');
    const options = membership.getByRole('listbox', { name: /^User: matches/ }).getByRole('option');
    await options.filter({ hasText: 'Gina Gamma' }).waitFor();
    expect(await options.allTextContents()).toEqual([expect.stringMatching(/^Gina Gamma gina-gamma-.*@e2e\.test$/)]);
    await picker.press('ArrowDown');
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    expect(await picker.getAttribute('aria-activedescendant')).toBe(await options.first().getAttribute('id'));
    await picker.press('Enter');
    expect(await picker.inputValue()).toMatch(/^Gina Gamma \(gina-gamma-.*@e2e\.test\)$/);
    expect(await picker.getAttribute('aria-expanded')).toBe('false');
    await membership.getByRole('combobox', { name: /^Role/ }).selectOption('OBSERVER');
    await membership.getByRole('button', { name: 'Add membership' }).click();
    await membership
      .getByRole('status')
      .filter({ hasText: /gina-gamma-.*@e2e\.test is now observer of Nordic Trucks\./ })
      .waitFor();
    // Typing again forgets the choice: the API is not asked for a user the form no longer names.
    await picker.fill('nobody-matches-this');
    await membership.getByText('No user matches.').waitFor();
    await membership.getByRole('button', { name: 'Add membership' }).click();
    await membership.getByRole('alert').filter({ hasText: 'Choose the user.' }).waitFor();
    await page.screenshot({ path: '/tmp/ops-create.png', fullPage: true });
  });

  it('filters the audit log, the filters kept in the URL', async () => {
    await page.getByRole('navigation', { name: 'Ops console' }).getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL(`${portal.url}/ops/audit`);
    const filters = page.getByRole('form', { name: 'Audit filters' });
    await filters.getByRole('combobox', { name: /^Organization/ }).selectOption({ label: 'Nordic Fleet AS' });
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/\/ops\/audit\?organization=[0-9a-f-]{36}$/);
    const table = page.getByRole('table', { name: 'Audit events' });
    // The old rows stay on screen until the filtered answer arrives: wait for the expected set.
    const actions = async () => (await table.locator('tbody th').allTextContents()).map((t) => t.trim()).sort();
    const showing = async (expected: string[]) => {
      for (let i = 0; i < 50 && JSON.stringify(await actions()) !== JSON.stringify(expected); i++) await page.waitForTimeout(200);
      expect(await actions()).toEqual(expected);
    };
    await showing(['membership.added', 'membership.added', 'organization.created', 'workspace.created']);

    await filters.getByRole('combobox', { name: /^Action/ }).selectOption('workspace.created');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/organization=.*&action=workspace\.created/);
    await page.reload();
    await showing(['workspace.created']);
    expect(await filters.getByRole('combobox', { name: /^Action/ }).inputValue()).toBe('workspace.created');
    await page.screenshot({ path: '/tmp/ops-audit.png', fullPage: true });

    await filters.getByRole('button', { name: 'Reset' }).click();
    await page.waitForURL(`${portal.url}/ops/audit`);

    // The actor is picked by name; the URL keeps their id, and a reload shows their name and email again.
    const actor = filters.getByRole('combobox', { name: /^Actor/ });
    await actor.fill('gina');
    await filters.getByRole('option', { name: /Gina Gamma/ }).click();
    expect(await actor.inputValue()).toMatch(/^Gina Gamma \(gina-gamma-.*@e2e\.test\)$/);
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/\/ops\/audit\?actor=[0-9a-f-]{36}$/);
    await page.reload();
    await showing(['workspace_request.sent']);
    // The name and email come with the listed events: wait for them to replace the bare id.
    const shown = async () => filters.getByRole('combobox', { name: /^Actor/ }).inputValue();
    for (let i = 0; i < 50 && !(await shown()).startsWith('Gina Gamma'); i++) await page.waitForTimeout(200);
    expect(await shown()).toMatch(/^Gina Gamma \(gina-gamma-.*@e2e\.test\)$/);
    await filters.getByRole('button', { name: 'Reset' }).click();
    await page.waitForURL(`${portal.url}/ops/audit`);
  });

  it('fits every ops page on a 390 px phone', async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    phone.setDefaultTimeout(20_000);
    try {
      const p = await phone.newPage();
      await opsSignIn(p, portal);
      for (const [path, title] of [
        ['/ops/requests', 'Requests'],
        ['/ops/create', 'Create'],
        ['/ops/audit', 'Audit log'],
      ] as const) {
        await p.goto(`${portal.url}${path}`);
        await p.getByRole('heading', { level: 1, name: title }).waitFor();
        await p.waitForFunction(() => document.querySelectorAll('.state-loading').length === 0);
        if (path === '/ops/create') {
          // The user picker's open list, with long emails, stays within the screen too.
          await p.getByRole('combobox', { name: /^User/ }).fill('e2e.test');
          await p
            .getByRole('listbox', { name: /^User: matches/ })
            .getByRole('option')
            .first()
            .waitFor();
        }
        const size = await fits(p);
        expect({ path, ...size }).toEqual({ path, document: size.viewport, viewport: 390 });
        await p.screenshot({ path: `/tmp/ops-phone-${title.replace(/\W+/g, '-').toLowerCase()}.png`, fullPage: true });
      }
    } finally {
      await phone.close();
    }
  });
});
