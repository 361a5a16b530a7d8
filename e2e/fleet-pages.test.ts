import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from './support/browser';
import { alertText, asMember, callFromPage, memberToken, newContext, newIccid, opsSession, signIn } from './support/portal-fixtures';
import { type PortalServer, startPortal } from './support/server';

/**
 * The home, SIM and policies pages in a browser: the home counts link to the filtered lists, the
 * usage chart and the latest events render; a SIM is suspended from its page (badge and events
 * follow), its numbers are checked at the field; policies are created, used by a device, edited and
 * refused deletion while in use; an Observer sees no controls; every page fits a 390 px phone.
 */

interface Sim {
  id: string;
  iccid: string;
}

interface Fixture {
  ws: { id: string; name: string };
  depot: { id: string; name: string };
  uma: { email: string };
  olga: { email: string };
  umaToken: string;
  sims: Sim[];
  truckId: string;
  foreignSimId: string;
}

const REGISTER = 'mutation($i: [String!]!) { registerSims(iccids: $i) { id iccid } }';
const UPDATE_SIM = 'mutation($id: ID!, $i: UpdateSimInput!) { updateSim(id: $id, input: $i) { id } }';
const CREATE_DEVICE = 'mutation($i: CreateEndpointInput!) { createEndpoint(input: $i) { id } }';

async function seed(portal: PortalServer): Promise<Fixture> {
  const ops = await opsSession(portal);
  const org = await ops.organization('Pages Logistics SE', 'EUR', 'PRO');
  const ws = await ops.workspace(org, 'Pages Fleet');
  const depot = await ops.workspace(org, 'Pages Depot');
  const foreign = await ops.workspace(await ops.organization('Elsewhere Ltd', 'GBP', 'STANDARD'), 'Elsewhere Fleet');
  const uma = await ops.user('Uma Pages');
  const olga = await ops.user('Olga Pages');
  const fred = await ops.user('Fred Elsewhere');
  await ops.member(ws.id, uma.id, 'USER'); // first membership: where sign-in lands
  await ops.member(depot.id, uma.id, 'OBSERVER');
  await ops.member(ws.id, olga.id, 'OBSERVER');
  await ops.member(foreign.id, fred.id, 'ADMINISTRATOR');

  const umaToken = await memberToken(portal, uma.email);
  const { registerSims: sims } = await asMember<{ registerSims: Sim[] }>(portal, umaToken, REGISTER, {
    i: [newIccid(), newIccid(), newIccid()],
  });
  for (const sim of sims.slice(0, 2)) await asMember(portal, umaToken, UPDATE_SIM, { id: sim.id, i: { status: 'ACTIVATED' } });
  const truck = await asMember<{ createEndpoint: { id: string } }>(portal, umaToken, CREATE_DEVICE, {
    i: { name: 'Pages truck', simId: sims[0]?.id },
  });
  await asMember(portal, umaToken, CREATE_DEVICE, { i: { name: 'Spare sensor', status: 'DISABLED' } });

  const fredToken = await memberToken(portal, fred.email);
  const { registerSims: foreignSims } = await asMember<{ registerSims: Sim[] }>(portal, fredToken, REGISTER, { i: [newIccid()] });
  return {
    ws,
    depot,
    uma,
    olga,
    umaToken,
    sims,
    truckId: truck.createEndpoint.id,
    foreignSimId: foreignSims[0]?.id ?? '',
  };
}

const fits = (page: Page) => page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: window.innerWidth }));
/** Serious and critical WCAG 2.1 A/AA violations, as "rule: first targets". */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

const noSpinner = (page: Page) => page.waitForFunction(() => document.querySelectorAll('.state-loading').length === 0);

describeWithChromium('the home, SIM and policies pages in a browser', () => {
  let portal: PortalServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let fx: Fixture;
  let servicePolicyId = '';
  let coveragePolicyId = '';
  const at = (path = '') => `${portal.url}/w/${fx.ws.id}${path}`;
  const sim = (i: number): Sim => {
    const found = fx.sims[i];
    if (!found) throw new Error(`no SIM ${i}`);
    return found;
  };

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchChromium();
    fx = await seed(portal);
    context = await newContext(browser);
    page = await context.newPage();
    await signIn(page, portal.url, fx.uma.email);
  }, 6 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  }, 30_000);

  it('shows the fleet by status on the home page, each count linking to the filtered list', async () => {
    await page.waitForURL(at());
    await page.getByRole('link', { name: 'SIMs: 3' }).waitFor();
    await page.getByRole('link', { name: 'Devices: 2' }).waitFor();
    await page.getByRole('link', { name: 'Issued 1 SIMs' }).waitFor();
    await page.getByRole('link', { name: 'Enabled 1 Devices' }).waitFor();

    await page.getByRole('link', { name: 'Activated 2 SIMs' }).click();
    await page.waitForURL((url) => url.pathname === `/w/${fx.ws.id}/sims` && url.searchParams.get('status') === 'ACTIVATED');
    await page.getByText('Showing 2 of 2 SIMs').waitFor();

    await page.goto(at());
    await page.getByRole('link', { name: 'Disabled 1 Devices' }).click();
    await page.waitForURL((url) => url.pathname === `/w/${fx.ws.id}/devices` && url.searchParams.get('status') === 'DISABLED');
    await page.getByText('Showing 1 of 1 devices').waitFor();
  });

  it('shows the usage chart with totals, the latest events in words and the other Workspaces', async () => {
    await page.goto(at());
    await page.locator('figcaption', { hasText: 'Data volume per day' }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    const totals = (await page.locator('dl[aria-label="Usage totals"]').textContent()) ?? '';
    expect(totals).toContain('€0.00');
    expect(totals).toContain('0 B');

    const events = page.getByRole('list', { name: 'Latest events' });
    await events.getByText('Device created').first().waitFor();
    const text = (await events.textContent()) ?? '';
    expect(text).toContain('SIM activated');
    expect(text).toContain('Spare sensor');
    await events.getByRole('link', { name: 'Pages truck' }).first().waitFor();
    // The relative time carries the exact one in its title.
    expect(await events.locator('time').first().getAttribute('title')).toMatch(/\d{4}/);

    const others = page.getByRole('list', { name: 'Other Workspaces' });
    const depot = others.getByRole('link', { name: /Pages Depot/ });
    expect(await depot.textContent()).toContain('Observer');
    expect(await depot.getAttribute('href')).toBe(`/w/${fx.depot.id}`);
    expect(await page.locator('dl[aria-label="Workspace details"]').textContent()).toMatch(/Your role\s*User/);
    await page.screenshot({ path: '/tmp/fleet-pages-home.png', fullPage: true });
  });

  it('suspends a SIM from its page: the badge changes and the event is listed', async () => {
    const s = sim(1);
    await page.goto(at(`/sims/${s.id}`));
    await page.getByRole('heading', { level: 1, name: `SIM ${s.iccid}` }).waitFor();
    await page.getByText('In no device.').waitFor();
    expect(await page.getByRole('button', { name: `Activate SIM ${s.iccid}` }).count()).toBe(0);
    await page.getByRole('button', { name: `Suspend SIM ${s.iccid}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `SIM ${s.iccid} is now suspended.` })
      .waitFor();
    await page.locator('.page-header .pill', { hasText: 'Suspended' }).waitFor();
    await page.getByRole('list', { name: 'SIM events' }).getByText('SIM suspended').waitFor();
    await page.getByRole('button', { name: `Activate SIM ${s.iccid}` }).waitFor();
    await page.locator('figcaption', { hasText: 'Data volume per day' }).waitFor();

    // Deleting asks first and says it is final; cancelled here.
    await page.getByRole('button', { name: `Delete SIM ${s.iccid}` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete SIM ${s.iccid}?` });
    expect(await dialog.textContent()).toContain('final');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.screenshot({ path: '/tmp/fleet-pages-sim.png', fullPage: true });
  });

  it('edits a SIM’s numbers with the server’s error at the field', async () => {
    const s = sim(1);
    const form = page.getByRole('form', { name: 'SIM numbers' });
    await form.getByLabel('MSISDN').fill('0170 123');
    await form.getByRole('button', { name: 'Save numbers' }).click();
    expect(await alertText(page, /E\.164/)).toMatch(/E\.164/);
    expect(await form.getByLabel('MSISDN').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('MSISDN').fill('+491701234567');
    await form.getByRole('button', { name: 'Save numbers' }).click();
    await page.getByRole('status').filter({ hasText: 'Numbers saved.' }).waitFor();
    await page.locator('dl[aria-label="SIM identifiers"]').getByText('+491701234567').waitFor();
    await page.getByRole('heading', { level: 1, name: `SIM ${s.iccid}` }).waitFor();
  });

  it('links a SIM to its device, and says "SIM not found" for another Workspace’s SIM or an unknown id', async () => {
    await page.goto(at(`/sims/${sim(0).id}`));
    await page.getByRole('link', { name: 'Pages truck' }).click();
    await page.waitForURL(at(`/devices/${fx.truckId}`));
    for (const id of [fx.foreignSimId, '00000000-0000-4000-8000-000000000000']) {
      await page.goto(at(`/sims/${id}`));
      await page.getByRole('heading', { level: 1, name: 'SIM not found' }).waitFor();
    }
  });

  it('creates policies with errors at the fields, and lists them', async () => {
    await page.goto(at('/policies'));
    await page.getByText('No service policies yet').waitFor();
    await page.getByText('No coverage policies yet').waitFor();

    await page.getByRole('button', { name: 'New service policy' }).click();
    const service = page.getByRole('form', { name: 'New service policy' });
    await service.getByLabel('Monthly data limit (MB)').fill('lots');
    await service.getByRole('button', { name: 'Create service policy' }).click();
    expect(await alertText(page, /name/)).toBe('Enter a name for the policy.');
    expect(await service.getByLabel('Monthly data limit (MB)').getAttribute('aria-invalid')).toBe('true');
    await service.getByLabel('Name').fill('Fleet standard');
    await service.getByLabel('Monthly data limit (MB)').fill('500');
    await service.getByRole('button', { name: 'Create service policy' }).click();
    await page.getByRole('status').filter({ hasText: 'Service policy Fleet standard created.' }).waitFor();
    const serviceRow = page.getByRole('table', { name: 'Service policies' }).locator('tbody tr');
    await serviceRow.filter({ hasText: 'Fleet standard' }).waitFor();
    expect(await serviceRow.textContent()).toMatch(/500 MB a month.*0 devices/);

    await page.getByRole('button', { name: 'New coverage policy' }).click();
    const coverage = page.getByRole('form', { name: 'New coverage policy' });
    await coverage.getByLabel('Name').fill('EU roaming');
    await coverage.getByLabel('Countries').fill('DE, XX');
    await coverage.getByRole('button', { name: 'Create coverage policy' }).click();
    expect(await alertText(page, /XX/)).toMatch(/XX/);
    expect(await coverage.getByLabel('Countries').getAttribute('aria-invalid')).toBe('true');
    await coverage.getByLabel('Countries').fill('de at');
    await coverage.getByRole('button', { name: 'Create coverage policy' }).click();
    await page.getByRole('status').filter({ hasText: 'Coverage policy EU roaming created.' }).waitFor();
    expect(await page.getByRole('table', { name: 'Coverage policies' }).locator('tbody tr').textContent()).toContain('DE, AT');
    await page.getByRole('heading', { name: 'Service policies (1)' }).waitFor();
    await page.screenshot({ path: '/tmp/fleet-pages-policies.png', fullPage: true });
  });

  it('shows a policy’s devices once a device uses it, edits it, and refuses to delete it while in use', async () => {
    await page.getByRole('link', { name: 'Fleet standard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fleet standard' }).waitFor();
    servicePolicyId = page.url().split('/').at(-1) ?? '';
    await page.getByText('No device uses this policy').waitFor();

    await asMember(portal, fx.umaToken, 'mutation($id: ID!, $i: UpdateEndpointInput!) { updateEndpoint(id: $id, input: $i) { id } }', {
      id: fx.truckId,
      i: { servicePolicyId },
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Devices using it (1)' }).waitFor();
    await page
      .getByRole('table', { name: /Devices using the policy/ })
      .getByRole('link', { name: 'Pages truck' })
      .waitFor();

    await page.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit Fleet standard' });
    await form.getByLabel('Monthly SMS limit').fill('100');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
    await page.locator('dl[aria-label="Policy settings"]').getByText('100 SMS a month').waitFor();

    await page.getByRole('button', { name: 'Delete service policy Fleet standard' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete service policy Fleet standard?' });
    await dialog.getByRole('button', { name: 'Delete service policy' }).click();
    const refusal = await alertText(page, /device/);
    expect(refusal).toMatch(/1 device uses this service policy/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.screenshot({ path: '/tmp/fleet-pages-policy.png', fullPage: true });

    await page.goto(at('/policies'));
    await page.getByRole('table', { name: 'Service policies' }).getByText('Fleet standard').waitFor();
    expect(await page.getByRole('table', { name: 'Service policies' }).locator('tbody tr').textContent()).toContain('1 device');

    await page.goto(at(`/policies/service/${servicePolicyId}`));
    await page.getByRole('link', { name: 'Show in the device list' }).click();
    await page.waitForURL((url) => url.pathname === `/w/${fx.ws.id}/devices` && url.searchParams.get('servicePolicy') === servicePolicyId);
    await page.getByText('Showing 1 of 1 devices').waitFor();
  });

  it('deletes an unused policy after confirming by name', async () => {
    await page.goto(at('/policies'));
    await page.getByRole('button', { name: 'Delete coverage policy EU roaming' }).click();
    await page
      .getByRole('dialog', { name: 'Delete coverage policy EU roaming?' })
      .getByRole('button', { name: 'Delete coverage policy' })
      .click();
    await page.getByRole('status').filter({ hasText: 'Coverage policy EU roaming deleted.' }).waitFor();
    await page.getByText('No coverage policies yet').waitFor();
  });

  it('shows an Observer no edit controls on the SIM and policy pages; the server refuses a forced change', async () => {
    const observer = await newContext(browser);
    try {
      const tab = await observer.newPage();
      await signIn(tab, portal.url, fx.olga.email);
      await tab.getByRole('link', { name: 'SIMs: 3' }).waitFor();

      await tab.goto(at(`/sims/${sim(1).id}`));
      await tab.getByRole('heading', { level: 1, name: `SIM ${sim(1).iccid}` }).waitFor();
      await tab.getByRole('list', { name: 'SIM events' }).waitFor();
      const main = tab.getByRole('main');
      expect(await main.getByRole('button', { name: /^(Activate|Suspend|Delete)/ }).count()).toBe(0);
      expect(await tab.getByRole('form', { name: 'SIM numbers' }).count()).toBe(0);

      await tab.goto(at('/policies'));
      await tab.getByRole('table', { name: 'Service policies' }).waitFor();
      expect(await main.getByRole('button', { name: /New|Delete/ }).count()).toBe(0);
      await tab.getByText('An Administrator or a User of this Workspace can create one.').waitFor();

      await tab.goto(at(`/policies/service/${servicePolicyId}`));
      await tab.getByRole('heading', { level: 1, name: 'Fleet standard' }).waitFor();
      expect(await main.getByRole('button', { name: /Edit|Delete/ }).count()).toBe(0);

      const forced = await callFromPage(tab, fx.ws.id, 'mutation($id: ID!) { deleteServicePolicy(id: $id) }', { id: servicePolicyId });
      expect(forced.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await observer.close();
    }
  });

  it.each([
    ['a 1280 px desktop', 1280],
    ['a 390 px phone', 390],
  ])('fits every new page on %s, without serious axe violations', async (_, width) => {
    const phone = await browser.newContext({
      viewport: { width, height: 844 },
      isMobile: width < 600,
      hasTouch: width < 600,
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    phone.setDefaultTimeout(20_000);
    try {
      coveragePolicyId ||= (
        await asMember<{ createCoveragePolicy: { id: string } }>(
          portal,
          fx.umaToken,
          'mutation { createCoveragePolicy(input: { name: "Nordics", countries: ["SE", "NO"], dataPlan: "Nordic 5 GB" }) { id } }',
        )
      ).createCoveragePolicy.id;
      const p = await phone.newPage();
      await signIn(p, portal.url, fx.uma.email);
      for (const [path, title] of [
        ['', 'Pages Fleet'],
        [`/sims/${sim(1).id}`, `SIM ${sim(1).iccid}`],
        [`/sims/${fx.foreignSimId}`, 'SIM not found'],
        ['/policies', 'Policies'],
        [`/policies/service/${servicePolicyId}`, 'Fleet standard'],
        [`/policies/coverage/${coveragePolicyId}`, 'Nordics'],
      ] as const) {
        await p.goto(at(path));
        await p.getByRole('heading', { level: 1, name: title }).waitFor();
        await noSpinner(p);
        const size = await fits(p);
        expect({ path, ...size }).toEqual({ path, document: size.viewport, viewport: width });
        expect({ path, violations: await seriousViolations(p) }).toEqual({ path, violations: [] });
        await p.screenshot({ path: `/tmp/fleet-pages-${width}-${title.replace(/\W+/g, '-').toLowerCase()}.png`, fullPage: true });
      }
    } finally {
      await phone.close();
    }
  });
});
