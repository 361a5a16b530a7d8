import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api, signInToken } from './support/api';
import { describeWithChromium, launchChromium } from './support/browser';
import { newContext } from './support/portal-fixtures';
import { type PortalServer, ROOT, startPortal } from './support/server';

/**
 * Every page of the portal, on the demo data, at a desktop and a phone width: the page's content
 * loads (no loading or error state left), nothing is wider than the viewport, axe finds no serious or
 * critical WCAG 2.1 A/AA violation, and a full-page screenshot lands in e2e/screenshots/ to look at.
 */

const DEMO_PASSWORD = 'portal-demo-2026'; // src/db/seed.ts, the README's demo logins
const ADMIN = 'superadmin@acme.test'; // SuperAdmin of Acme Group, Administrator of Acme Europe
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SCREENSHOTS = path.join(ROOT, 'e2e', 'screenshots');

type Login = 'anonymous' | 'admin' | 'ops';

/** The demo data's ids that page addresses need. */
interface Ids {
  workspace: string;
  device: string;
  sim: string;
  servicePolicy: string;
  coveragePolicy: string;
  organization: string;
}

interface Route {
  /** Names the test and the screenshot file. */
  name: string;
  path: (ids: Ids) => string;
  login: Login;
  /**
   * What shows once the page's own content is there (default: its h1; with it, no loading state may be
   * left). Pages being rewritten on other branches keep the default: a list may become cards on a phone.
   */
  ready?: string;
  /** Brings the page into the state to check (e.g. submits a form) after it is ready. */
  act?: (page: Page) => Promise<void>;
  /** The page shows an error state on purpose. */
  expectsError?: true;
}

const w = (suffix: string) => (ids: Ids) => `/w/${ids.workspace}${suffix}`;

const ROUTES: Route[] = [
  { name: 'signin', path: () => '/signin', login: 'anonymous' },
  {
    name: 'activate-bad-key',
    path: () => '/activate?key=not-a-real-key',
    login: 'anonymous',
    act: submitBadActivation,
    expectsError: true,
  },
  { name: 'activate-no-key', path: () => '/activate', login: 'anonymous', expectsError: true },
  { name: 'not-found', path: () => '/no-such-page', login: 'anonymous' },
  { name: 'graphiql', path: () => '/graphiql', login: 'admin', ready: '.graphiql-container .graphiql-editor' },
  { name: 'home', path: w(''), login: 'admin' },
  { name: 'devices', path: w('/devices'), login: 'admin' },
  { name: 'device-detail', path: (ids) => `/w/${ids.workspace}/devices/${ids.device}`, login: 'admin' },
  { name: 'sims', path: w('/sims'), login: 'admin' },
  { name: 'sim-detail', path: (ids) => `/w/${ids.workspace}/sims/${ids.sim}`, login: 'admin' },
  { name: 'policies', path: w('/policies'), login: 'admin' },
  {
    name: 'service-policy',
    path: (ids) => `/w/${ids.workspace}/policies/service/${ids.servicePolicy}`,
    login: 'admin',
  },
  {
    name: 'coverage-policy',
    path: (ids) => `/w/${ids.workspace}/policies/coverage/${ids.coveragePolicy}`,
    login: 'admin',
  },
  { name: 'reports', path: w('/reports'), login: 'admin' },
  { name: 'tokens', path: w('/tokens'), login: 'admin', ready: 'table' },
  { name: 'users', path: w('/users'), login: 'admin', ready: 'table' },
  { name: 'audit', path: w('/audit'), login: 'admin', ready: 'table' },
  { name: 'ops-requests', path: () => '/ops/requests', login: 'ops' },
  { name: 'ops-organizations', path: () => '/ops/organizations', login: 'ops', ready: 'table' },
  { name: 'ops-organization', path: (ids) => `/ops/organizations/${ids.organization}`, login: 'ops' },
  { name: 'ops-create', path: () => '/ops/create', login: 'ops' },
  { name: 'ops-audit', path: () => '/ops/audit', login: 'ops', ready: 'table' },
];

/** A key the server does not know: the form refuses it in an alert. */
async function submitBadActivation(page: Page): Promise<void> {
  await page.getByLabel('New password').fill('a-long-enough-password');
  await page.getByLabel('Repeat password').fill('a-long-enough-password');
  await page.getByRole('button', { name: 'Activate account' }).click();
  await page.locator('.form-error', { hasText: 'invalid or has expired' }).waitFor();
}

describeWithChromium('every page at 1280 and 390 px: loaded, no overflow, no serious axe violation', () => {
  let portal: PortalServer;
  let browser: Browser;
  let ids: Ids;
  const pages = new Map<Login, Page>();
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    portal = await startPortal({ env: { SEED_DEMO: 'true' }, readyWithinMs: 4 * 60_000 });
    browser = await launchChromium();
    ids = await demoIds(portal);
    await auditedChanges(portal);
    for (const login of ['anonymous', 'admin', 'ops'] as const) {
      const context = await newContext(browser);
      contexts.push(context);
      const page = await context.newPage();
      if (login === 'admin') await signIn(page, portal.url, ADMIN, DEMO_PASSWORD, /\/w\/[0-9a-f-]+$/);
      if (login === 'ops') await signIn(page, portal.url, portal.ops.email, portal.ops.password, /\/ops\/requests$/);
      pages.set(login, page);
    }
  }, 7 * 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await portal?.stop();
  });

  const cases = WIDTHS.flatMap((size) => ROUTES.map((route) => ({ route, size })));
  it.each(cases.map((c) => [`${c.route.name} at ${c.size.width} px`, c] as const))(
    '%s',
    async (_title, { route, size }) => {
      const page = pages.get(route.login);
      if (!page) throw new Error(`no page for ${route.login}`);
      await page.setViewportSize(size);
      const target = route.path(ids);
      await page.goto(`${portal.url}${target}`);
      try {
        await waitForContent(page, route);
        if (route.act) await route.act(page);
      } finally {
        // Also of a page that never got ready: it shows why.
        await page.screenshot({ path: path.join(SCREENSHOTS, `${route.name}-${size.width}.png`), fullPage: true });
      }

      if (!route.expectsError) expect(await visibleErrors(page)).toEqual([]);
      expect(await overflow(page)).toEqual({ document: 'fits', body: 'fits', widerThanViewport: [] });
      expect(await seriousViolations(page)).toEqual([]);
    },
    90_000,
  );

  it('on a phone, a wide table scrolls by keyboard inside its region while its first column stays in view', async () => {
    const page = pages.get('admin');
    if (!page) throw new Error('no admin page');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${portal.url}/w/${ids.workspace}/audit`);
    const region = page.getByRole('region', { name: 'Audit events' });
    await region.locator('tbody tr').first().waitFor();
    const widths = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.scroll).toBeGreaterThan(widths.client); // wider than the phone: it scrolls here, not the page
    await region.focus();
    expect(await region.evaluate((el) => el === document.activeElement)).toBe(true);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    const handle = await region.elementHandle();
    await page.waitForFunction((el) => (el?.scrollLeft ?? 0) > 0, handle);
    const firstCell = region.locator('tbody tr').first().locator('td, th').first();
    const [box, cell] = [await region.boundingBox(), await firstCell.boundingBox()];
    expect(Math.round(cell?.x ?? -1)).toBe(Math.round((box?.x ?? 0) + 1)); // still at the left edge, inside the 1 px border
    expect(await overflow(page)).toEqual({ document: 'fits', body: 'fits', widerThanViewport: [] });
  });
});

async function signIn(page: Page, url: string, email: string, password: string, landing: RegExp): Promise<void> {
  await page.goto(`${url}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(landing);
}

async function demoIds(portal: PortalServer): Promise<Ids> {
  const admin = await signInToken(portal.url, ADMIN, DEMO_PASSWORD);
  const fleet = await api<{
    viewer: { activeWorkspace: { id: string } | null };
    endpoints: { edges: { node: { id: string } }[] };
    sims: { edges: { node: { id: string } }[] };
    servicePolicies: { edges: { node: { id: string } }[] };
    coveragePolicies: { edges: { node: { id: string } }[] };
  }>(
    portal.url,
    `{ viewer { activeWorkspace { id } }
       endpoints(first: 1) { edges { node { id } } }
       sims(first: 1) { edges { node { id } } }
       servicePolicies(first: 1) { edges { node { id } } }
       coveragePolicies(first: 1) { edges { node { id } } } }`,
    {},
    admin,
  );
  const ops = await signInToken(portal.url, portal.ops.email, portal.ops.password);
  const { organizations } = await api<{ organizations: { id: string; name: string }[] }>(
    portal.url,
    '{ organizations { id name } }',
    {},
    ops,
  );
  const first = (list: { edges: { node: { id: string } }[] }, what: string) => {
    const id = list.edges[0]?.node.id;
    if (!id) throw new Error(`the demo data has no ${what}`);
    return id;
  };
  const group = organizations.find((o) => o.name === 'Acme Group');
  if (!fleet.viewer.activeWorkspace || !group) throw new Error('the demo data has no Acme Europe / Acme Group');
  return {
    workspace: fleet.viewer.activeWorkspace.id,
    device: first(fleet.endpoints, 'device'),
    sim: first(fleet.sims, 'SIM'),
    servicePolicy: first(fleet.servicePolicies, 'service policy'),
    coveragePolicy: first(fleet.coveragePolicies, 'coverage policy'),
    organization: group.id,
  };
}

/**
 * The demo data is written straight into the database, so both audit logs start empty and so does the
 * token list: one token (audited in Acme Europe) and one operator change (audited on the platform) give
 * those pages a table to show. Setting Acme Group's Workspace limit to the 4 it has changes nothing else.
 */
async function auditedChanges(portal: PortalServer): Promise<void> {
  const admin = await signInToken(portal.url, ADMIN, DEMO_PASSWORD);
  await api(portal.url, 'mutation { createApplicationToken(description: "Every-page test") { applicationToken { id } } }', {}, admin);
  const ops = await signInToken(portal.url, portal.ops.email, portal.ops.password);
  const { organizations } = await api<{ organizations: { id: string; name: string }[] }>(
    portal.url,
    '{ organizations { id name } }',
    {},
    ops,
  );
  const group = organizations.find((o) => o.name === 'Acme Group');
  await api(portal.url, 'mutation($o: ID!) { setWorkspaceLimit(mainOrganizationId: $o, limit: 4) { id } }', { o: group?.id }, ops);
}

/** The page's own content is there: its marker shows and no loading state is left anywhere. */
async function waitForContent(page: Page, route: Route): Promise<void> {
  // GraphiQL's editor keeps loading its workers for a while: the markers below decide, this only helps.
  await page.waitForLoadState('networkidle', { timeout: 8_000 }).catch(() => undefined);
  await page
    .locator(route.ready ?? 'h1')
    .first()
    .waitFor({ state: 'visible' });
  await page.waitForFunction(() => {
    const busy = document.querySelectorAll('.state-loading, [aria-busy="true"]');
    return Array.from(busy).every((el) => !(el as HTMLElement).offsetParent);
  });
}

/** Error states the user would see (role=alert with text, or the error notice). */
async function visibleErrors(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.state-error, .form-error, [role="alert"]'))
      .filter((el) => (el as HTMLElement).offsetParent && el.textContent?.trim() && el.id !== '__next-route-announcer__')
      .map((el) => el.textContent?.trim().slice(0, 160) ?? ''),
  );
}

/**
 * Whether the document and the body fit the viewport; if not, the outermost elements that stick out
 * (an element inside a container that clips or scrolls sideways does not count), to fix them quickly.
 */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const fits = (scrollWidth: number) => (scrollWidth <= width ? 'fits' : `${scrollWidth} px > ${width} px`);
    const clipped = (el: Element) => {
      for (let parent = el.parentElement; parent; parent = parent.parentElement) {
        if (parent === document.body) return false;
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${Array.from(el.classList)
        .slice(0, 3)
        .map((c) => `.${c}`)
        .join('')} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`;
    const wide = Array.from(document.body.querySelectorAll('*')).filter(
      (el) => el.getBoundingClientRect().right > width + 1 && !clipped(el),
    );
    const outermost = wide.filter((el) => !wide.some((other) => other !== el && other.contains(el)));
    return {
      document: fits(document.documentElement.scrollWidth),
      body: fits(document.body.scrollWidth),
      widerThanViewport: outermost.slice(0, 6).map(describe),
    };
  });
}

/** Serious and critical WCAG 2.1 A/AA violations: rule, help and the first targets, ready to fix. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' '));
      return `${v.id} (${v.impact}): ${v.help} [${v.nodes.length}× e.g. ${targets.join(' | ')}]`;
    });
}
