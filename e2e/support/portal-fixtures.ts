import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type ApiResult, api, callApi, signInToken } from './api';
import type { PortalServer } from './server';

/** Data made through the API as ops (and as members), for the browser tests of the Workspace pages. */

export const PASSWORD = 'e2e-password-123';
export const unique = (): string => randomBytes(4).toString('hex');

/** `payload` followed by its Luhn check digit. */
export function withLuhn(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let digit = payload.charCodeAt(payload.length - 1 - i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${payload}${(10 - (sum % 10)) % 10}`;
}

const randomDigits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');
/** A fresh, valid 19-digit ICCID. */
export const newIccid = (): string => withLuhn(`8949${randomDigits(14)}`);
/** A fresh, valid IMEI. */
export const newImei = (): string => withLuhn(`35${randomDigits(12)}`);

export interface Ops {
  token: string;
  call<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  organization(name: string, currency: string, pkg: 'PRO' | 'STANDARD'): Promise<string>;
  workspace(organizationId: string, name: string): Promise<{ id: string; name: string }>;
  user(label: string): Promise<{ id: string; email: string; name: string }>;
  member(workspaceId: string, userId: string, role: 'ADMINISTRATOR' | 'USER' | 'OBSERVER'): Promise<void>;
  link(mainOrganizationId: string, workspaceId: string): Promise<void>;
}

export async function opsSession(portal: PortalServer): Promise<Ops> {
  const token = await signInToken(portal.url, portal.ops.email, portal.ops.password);
  const call = <T>(query: string, variables: Record<string, unknown> = {}) => api<T>(portal.url, query, variables, token);
  return {
    token,
    call,
    organization: async (name, currency, pkg) =>
      (
        await call<{ createOrganization: { id: string } }>(
          'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
          { i: { name, currency, package: pkg } },
        )
      ).createOrganization.id,
    workspace: async (organizationId, name) =>
      (
        await call<{ createWorkspace: { id: string; name: string } }>(
          'mutation($o: ID!, $n: String!) { createWorkspace(organizationId: $o, name: $n) { id name } }',
          { o: organizationId, n: name },
        )
      ).createWorkspace,
    user: async (label) => {
      const email = `${label.toLowerCase().replace(/\W+/g, '-')}-${unique()}@e2e.test`;
      const created = await call<{ createUser: { id: string; email: string; name: string } }>(
        'mutation($e: String!, $n: String!, $p: String!) { createUser(email: $e, name: $n, password: $p) { id email name } }',
        { e: email, n: label, p: PASSWORD },
      );
      return created.createUser;
    },
    member: async (workspaceId, userId, role) => {
      await call('mutation($w: ID!, $u: ID!, $r: Role!) { addMember(workspaceId: $w, userId: $u, role: $r) { role } }', {
        w: workspaceId,
        u: userId,
        r: role,
      });
    },
    link: async (mainOrganizationId, workspaceId) => {
      await call('mutation($m: ID!, $w: ID!) { linkWorkspace(mainOrganizationId: $m, workspaceId: $w) { id } }', {
        m: mainOrganizationId,
        w: workspaceId,
      });
    },
  };
}

/** A user's API session in one Workspace (signIn lands in the default; switchWorkspace for others). */
export async function memberToken(portal: PortalServer, email: string, workspaceId?: string): Promise<string> {
  const token = await signInToken(portal.url, email, PASSWORD);
  if (!workspaceId) return token;
  const data = await api<{ switchWorkspace: { token: string } }>(
    portal.url,
    'mutation($w: ID!) { switchWorkspace(workspaceId: $w) { token } }',
    { w: workspaceId },
    token,
  );
  return data.switchWorkspace.token;
}

export async function asMember<T>(portal: PortalServer, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return api<T>(portal.url, query, variables, token);
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US', timezoneId: 'UTC' });
  context.setDefaultTimeout(20_000);
  return context;
}

export async function signIn(page: Page, url: string, email: string, password = PASSWORD): Promise<void> {
  await page.goto(`${url}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/w\/[0-9a-f-]+$/);
}

/** The text of the first alert that has any (Next's route announcer is an empty alert too). */
export async function alertText(page: Page, hasText?: RegExp): Promise<string> {
  const alert = page
    .getByRole('alert')
    .filter({ hasText: hasText ?? /\S/ })
    .first();
  await alert.waitFor();
  return ((await alert.textContent()) ?? '').trim();
}

/** Calls the API from inside the page, with its session cookie: what a user could do from the console. */
export async function callFromPage<T>(
  page: Page,
  workspaceId: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<ApiResult<T>> {
  return page.evaluate(
    async ({ workspaceId, query, variables }) => {
      const response = await fetch('/api/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-workspace-id': workspaceId },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
    { workspaceId, query, variables },
  ) as Promise<ApiResult<T>>;
}

export { callApi };

/** Rows of a table's body, as their text. */
export async function bodyRows(page: Page, tableName: string): Promise<string[]> {
  const rows = page.getByRole('table', { name: tableName }).locator('tbody tr');
  return rows.allTextContents();
}
