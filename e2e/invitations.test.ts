import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signInToken } from './support/api';
import { describeWithChromium, launchChromium } from './support/browser';
import { alertText, newContext, opsSession, PASSWORD, signIn, unique } from './support/portal-fixtures';
import { type PortalServer, startPortal } from './support/server';

/**
 * Invitations in a browser: an Administrator invites an account that exists only in an unrelated
 * Workspace, and the users page shows it exactly like an unknown email; the invitee accepts from the
 * email link with the password they have (which stays), on a phone-sized screen; an unknown email
 * activates a new account from its link.
 */

interface Fixture {
  northwind: { id: string; name: string };
  contoso: { id: string; name: string };
  adam: { email: string };
  bea: { email: string; name: string };
}

async function seed(portal: PortalServer): Promise<Fixture> {
  const ops = await opsSession(portal);
  const northwind = await ops.workspace(await ops.organization('Northwind Logistics', 'EUR', 'STANDARD'), 'Northwind Fleet');
  const contoso = await ops.workspace(await ops.organization('Contoso Ltd', 'GBP', 'STANDARD'), 'Contoso Sensors');
  const adam = await ops.user('Adam Admin');
  await ops.member(northwind.id, adam.id, 'ADMINISTRATOR');
  // Bea has an account, but only in Contoso: nothing links it to Northwind.
  const bea = await ops.user('Bea Berger');
  await ops.member(contoso.id, bea.id, 'USER');
  return { northwind, contoso, adam, bea };
}

const PHONE = { width: 390, height: 844 };

/** Whether the document is no wider than the viewport (nothing to scroll sideways). */
async function fitsViewport(page: Page): Promise<{ document: number; viewport: number }> {
  return page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: window.innerWidth }));
}

async function phoneContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'UTC' });
  context.setDefaultTimeout(20_000);
  return context;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function waitFor<T>(probe: () => T | null | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describeWithChromium('invitations in a browser', () => {
  let portal: PortalServer;
  let browser: Browser;
  let adminContext: BrowserContext;
  let admin: Page;
  let fx: Fixture;
  /** The unknown email invited next to Bea's: the same local part, so the same provisional name. */
  let unknownEmail: string;

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchChromium();
    fx = await seed(portal);
    unknownEmail = `${fx.bea.email.split('@')[0]}@nowhere-${unique()}.e2e.test`;
    adminContext = await newContext(browser);
    admin = await adminContext.newPage();
    await signIn(admin, portal.url, fx.adam.email);
  }, 6 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  }, 30_000);

  const memberRow = (page: Page, text: string) =>
    page.getByRole('table', { name: 'Members' }).getByRole('row', { name: new RegExp(escaped(text)) });

  /** The invitation link in the email to `email`: without SMTP_URL the server logs each email once the outbox is flushed. */
  const invitationLink = (email: string) =>
    waitFor(() => {
      const sent = portal.logLines().find((line) => line.component === 'mail' && line.to === email);
      return /(http\S+\/activate\?key=\S+)/.exec(String(sent?.body ?? ''))?.[1];
    }, `the invitation email to ${email} in the server log`);

  it('invites an account of an unrelated Workspace: the users page shows it exactly like an unknown email', async () => {
    await admin.goto(`${portal.url}/w/${fx.northwind.id}/users`);
    await admin.getByRole('table', { name: 'Members' }).waitFor();
    const form = admin.getByRole('form', { name: 'Invite a user' });
    // The page does not promise that an existing account joins at once: only one of the group does.
    await admin.getByText('anyone else gets an email invitation to accept').waitFor();
    const shown: { notice: string; row: string }[] = [];
    for (const email of [fx.bea.email, unknownEmail]) {
      await form.getByLabel('Email').fill(email);
      await form.getByLabel('Role').selectOption('USER');
      await form.getByRole('button', { name: 'Invite' }).click();
      const notice = admin.getByRole('status').filter({ hasText: email });
      await notice.waitFor();
      const row = memberRow(admin, email);
      await row.waitFor();
      const anonymous = (text: string | null) => (text ?? '').replaceAll(email, '<email>').trim();
      shown.push({ notice: anonymous(await notice.textContent()), row: anonymous(await row.textContent()) });
    }
    expect(shown[0]).toEqual(shown[1]);
    expect(shown[0]?.notice).toBe('<email> is invited as User; they get an email with an activation link.');
    expect(shown[0]?.row).toMatch(/^bea-berger-[0-9a-f]+<email>.*Invited/);
    // Nothing of Bea's account shows: not her name, not her Workspace.
    expect(await admin.getByText(fx.bea.name).count()).toBe(0);
    expect(await admin.getByText(fx.contoso.name).count()).toBe(0);
    await admin.screenshot({ path: '/tmp/portal-invited-existing.png', fullPage: true });
  });

  it('lets the invitee accept with their current password on a phone: wrong password refused, right one signs in', async () => {
    const link = await invitationLink(fx.bea.email);
    expect(link).toMatch(/[?&]account=existing(&|$)/);
    const context = await phoneContext(browser);
    try {
      const tab = await context.newPage();
      await tab.goto(link);
      await tab.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
      expect(await tab.title()).toBe('Accept your invitation · IoT Portal');
      // Only the current password: no name, no new password to choose.
      expect(await tab.locator('input').count()).toBe(1);
      expect(await tab.getByLabel('Your password').getAttribute('autocomplete')).toBe('current-password');
      expect(await fitsViewport(tab)).toEqual({ document: PHONE.width, viewport: PHONE.width });
      await tab.screenshot({ path: '/tmp/portal-accept-existing.png', fullPage: true });

      const submit = tab.getByRole('button', { name: 'Accept invitation' });
      await submit.click();
      expect(await alertText(tab)).toBe('Enter the password of your account.');

      // A slow answer shows the form busy (and not clickable twice), then the refusal.
      await tab.route('**/api/graphql', async (route) => {
        await new Promise((r) => setTimeout(r, 800));
        await route.continue();
      });
      await tab.getByLabel('Your password').fill('not-my-password');
      await submit.click();
      const busy = tab.getByRole('button', { name: 'Accepting…' });
      await busy.waitFor();
      expect(await busy.isDisabled()).toBe(true);
      expect(await alertText(tab, /Wrong password/)).toBe('Wrong password. Enter the password you sign in with; it stays as it is.');
      await tab.unroute('**/api/graphql');
      expect(await submit.isEnabled()).toBe(true);
      // The cursor is back in the password, tied to the message for screen readers.
      const field = tab.getByLabel('Your password');
      expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await field.getAttribute('aria-describedby')).toBeTruthy();
      expect(await fitsViewport(tab)).toEqual({ document: PHONE.width, viewport: PHONE.width });
      await tab.screenshot({ path: '/tmp/portal-accept-existing-wrong.png', fullPage: true });

      await tab.getByLabel('Your password').fill(PASSWORD);
      await submit.click();
      // Signed in: the sign-in lands in Bea's default Workspace, as any sign-in.
      await tab.waitForURL(`${portal.url}/w/${fx.contoso.id}`);
      await tab.getByRole('heading', { level: 1, name: fx.contoso.name }).waitFor();

      // The key worked once.
      await tab.goto(link);
      await tab.getByLabel('Your password').fill(PASSWORD);
      await tab.getByRole('button', { name: 'Accept invitation' }).click();
      expect(await alertText(tab, /invalid or has expired/)).toMatch(/invalid or has expired/);
    } finally {
      await context.close();
    }
  });

  it('afterwards the invitee switches into the inviting Workspace and signs in with the password they always had', async () => {
    const context = await newContext(browser);
    try {
      const tab = await context.newPage();
      await signIn(tab, portal.url, fx.bea.email, PASSWORD);
      expect(tab.url()).toBe(`${portal.url}/w/${fx.contoso.id}`);
      await tab.getByRole('button', { name: /Switch Workspace/ }).click();
      const list = tab.getByRole('listbox', { name: 'Your Workspaces' });
      await list.getByRole('option', { name: new RegExp(fx.northwind.name) }).click();
      await tab.waitForURL(`${portal.url}/w/${fx.northwind.id}`);
      await tab.getByRole('heading', { level: 1, name: fx.northwind.name }).waitFor();
      expect(await tab.locator('dl[aria-label="Workspace details"]').textContent()).toMatch(/Your role\s*User/);
    } finally {
      await context.close();
    }
    // The API agrees: the old password still signs in.
    expect(await signInToken(portal.url, fx.bea.email, PASSWORD)).toBeTruthy();
    // The Administrator now sees her as an active member, under her own name.
    await admin.reload();
    expect(await memberRow(admin, fx.bea.email).textContent()).toMatch(new RegExp(`^${fx.bea.name}.*Active`));
  });

  it('activates a new account from the unknown email’s link, on a phone', async () => {
    const link = await invitationLink(unknownEmail);
    expect(link).not.toMatch(/account=existing/);
    const context = await phoneContext(browser);
    try {
      const tab = await context.newPage();
      await tab.goto(link);
      await tab.getByRole('heading', { level: 1, name: 'Activate your account' }).waitFor();
      expect(await tab.title()).toBe('Activate your account · IoT Portal');
      expect(await fitsViewport(tab)).toEqual({ document: PHONE.width, viewport: PHONE.width });
      await tab.getByLabel('Your name (optional)').fill('Nia Newcomer');
      await tab.getByLabel('New password').fill('newcomer-password-1');
      await tab.getByLabel('Repeat password').fill('newcomer-password-2');
      await tab.getByRole('button', { name: 'Activate account' }).click();
      expect(await alertText(tab)).toBe('The two passwords differ.');
      await tab.getByLabel('Repeat password').fill('newcomer-password-1');
      await tab.getByRole('button', { name: 'Activate account' }).click();
      await tab.waitForURL(`${portal.url}/w/${fx.northwind.id}`);
      await tab.getByRole('heading', { level: 1, name: fx.northwind.name }).waitFor();
      await tab.screenshot({ path: '/tmp/portal-activated-new.png', fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('explains a link without a key, on a phone', async () => {
    const context = await phoneContext(browser);
    try {
      const tab = await context.newPage();
      await tab.goto(`${portal.url}/activate?account=existing`);
      expect(await alertText(tab, /no activation key/)).toMatch(/no activation key/);
      expect(await fitsViewport(tab)).toEqual({ document: PHONE.width, viewport: PHONE.width });
    } finally {
      await context.close();
    }
  });
});
