import { encode } from 'next-auth/jwt';
import { expectData, type TestApp } from '../../../test/app';

/** Test setup (not a test): usage as the network reports it, stored through the real ops mutation. */
export interface UsageRecord {
  iccid: string;
  date: string;
  bytesUp: number;
  bytesDown: number;
  smsSent: number;
  smsReceived: number;
  cost: number;
}

export async function recordUsage(app: TestApp, records: UsageRecord[]): Promise<number> {
  const data = expectData(
    await app.gql<{ recordUsage: number }>(
      'mutation($r: [UsageRecordInput!]!) { recordUsage(records: $r) }',
      { r: records },
      { token: await app.opsToken() },
    ),
  );
  return data.recordUsage;
}

export const usage = (iccid: string, date: string, figures: Partial<Omit<UsageRecord, 'iccid' | 'date'>> = {}): UsageRecord => ({
  iccid,
  date,
  bytesUp: 0,
  bytesDown: 0,
  smsSent: 0,
  smsReceived: 0,
  cost: 0,
  ...figures,
});

const DAY = 86_400_000;
export const daysAgo = (n: number, from = Date.now()) => new Date(from - n * DAY).toISOString().slice(0, 10);
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** A browser request's headers: the next-auth session cookie of `userId` (as the sign-in page sets it). */
export async function browserCookie(app: TestApp, userId: string): Promise<string> {
  const jwt = await encode({ token: { sub: userId }, secret: app.runtime.secret });
  return `next-auth.session-token=${jwt}`;
}

/** Reads a streamed response body to the end. */
export async function bodyText(response: Response): Promise<string> {
  expect(response.body).toBeInstanceOf(ReadableStream);
  return response.text();
}

/** The application token a user creates in their active Workspace. */
export async function applicationToken(app: TestApp, token: string): Promise<string> {
  const data = expectData(
    await app.gql<{ createApplicationToken: { token: string } }>(
      'mutation { createApplicationToken(description: "reports") { token } }',
      {},
      { token },
    ),
  );
  return data.createApplicationToken.token;
}
