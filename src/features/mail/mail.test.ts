import { createServer, type Server } from 'node:net';
import { eq } from 'drizzle-orm';
import { createTestApp, expectData, expectError, type TestApp } from '../../../test/app';
import { createTenant, unique } from '../../../test/factories';
import { emailOutbox, users } from '../../db/schema';
import { flushOutbox, outboxIdle } from './sender';

const ADD = 'mutation($e: String!) { addUserToWorkspace(email: $e, role: USER) { status } }';

/** A minimal SMTP server that accepts every message (enough for nodemailer without TLS or auth). */
async function fakeSmtp(): Promise<{ url: string; messages: string[]; close(): Promise<void> }> {
  const messages: string[] = [];
  const server: Server = createServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let data: string | null = null;
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data !== null) {
          if (line === '.') {
            messages.push(data);
            data = null;
            socket.write('250 queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'DATA') {
          data = '';
          socket.write('354 go ahead\r\n');
        } else if (command === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { url: `smtp://127.0.0.1:${address.port}`, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  await new Promise((resolve) => server.close(resolve));
  return address.port;
}

describe('the email outbox', () => {
  let app: TestApp;
  /** The mail lines of the server log: message and, for emails that were not sent, the body. */
  const mailLines = () => app.logs.lines().filter((line) => line.component === 'mail');
  const logged = () =>
    mailLines()
      .map((line) => `${line.msg}\n${String(line.body ?? '')}`)
      .join('\n');
  const outboxFor = (recipient: string) => app.database.db.select().from(emailOutbox).where(eq(emailOutbox.recipient, recipient));
  const newEmail = () => `${unique('mail')}@example.test`.toLowerCase();

  beforeAll(async () => {
    app = await createTestApp();
  });
  beforeEach(() => {
    app.logs.clear();
    delete process.env.SMTP_URL;
  });
  afterEach(() => {
    delete process.env.SMTP_URL;
  });
  afterAll(async () => {
    await outboxIdle();
    await app.close();
  });

  it('without SMTP_URL prints the email to the server log after the commit and marks it sent', async () => {
    const { admin } = await createTenant(app);
    const email = newEmail();
    expectData(await app.gql(ADD, { e: email }, { token: admin.token }));
    await outboxIdle();
    expect(logged()).toContain(`to ${email}`);
    expect(logged()).toMatch(/http:\/\/localhost:3000\/activate\?key=[\w-]+/);
    const [row] = await outboxFor(email);
    expect(row?.sentAt).toBeInstanceOf(Date);
  });

  it('sends nothing for a request that rolled back', async () => {
    const { admin } = await createTenant(app);
    const email = newEmail();
    const result = await app.gql(
      'mutation($e: String!) { a: addUserToWorkspace(email: $e, role: USER) { status } b: setUserRole(userId: "00000000-0000-4000-8000-000000000000", role: USER) { role } }',
      { e: email },
      { token: admin.token },
    );
    expectError(result, 'NOT_FOUND', 'userId');
    await outboxIdle();
    expect(logged()).not.toContain(email);
    expect(await outboxFor(email)).toEqual([]);
    expect(await app.database.db.select().from(users).where(eq(users.email, email))).toEqual([]);
  });

  it('with SMTP_URL delivers through SMTP instead of the log', async () => {
    const smtp = await fakeSmtp();
    try {
      process.env.SMTP_URL = smtp.url;
      process.env.MAIL_FROM = 'Portal <portal@example.test>';
      const { admin } = await createTenant(app);
      const email = newEmail();
      expectData(await app.gql(ADD, { e: email }, { token: admin.token }));
      await outboxIdle();
      const [row] = await outboxFor(email);
      expect(row?.sentAt).toBeInstanceOf(Date);
      const key = /Activation key: ([\w-]+)/.exec(row?.body ?? '')?.[1];
      const message = smtp.messages.find((m) => m.includes(`To: ${email}`));
      expect(message).toContain('From: Portal <portal@example.test>');
      // The body is quoted-printable: undo soft line breaks and =XX escapes.
      const text = (message ?? '')
        .replace(/=\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      expect(text).toContain(`Activation key: ${key}`);
      expect(text).toContain(`http://localhost:3000/activate?key=${key}`);
      expect(logged()).not.toContain(email);
    } finally {
      delete process.env.MAIL_FROM;
      await smtp.close();
    }
  });

  it('keeps an email whose delivery failed for the next flush', async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${await closedPort()}`;
    const { admin } = await createTenant(app);
    const email = newEmail();
    expectData(await app.gql(ADD, { e: email }, { token: admin.token }));
    await outboxIdle();
    expect(
      mailLines()
        .filter((line) => line.level === 'error')
        .map((line) => line.msg),
    ).toContain('could not deliver an email');
    expect((await outboxFor(email))[0]?.sentAt).toBeNull();

    delete process.env.SMTP_URL;
    expect(await flushOutbox(app.database, app.runtime.log)).toBeGreaterThanOrEqual(1);
    expect(logged()).toContain(`to ${email}`);
    expect((await outboxFor(email))[0]?.sentAt).toBeInstanceOf(Date);
  });
});
