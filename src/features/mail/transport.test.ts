import { captureLogs } from '../../../test/logs';
import { currentTransport } from './transport';

const email = {
  id: 'e1',
  recipient: 'ada@example.com',
  subject: 'You are invited',
  body: 'Activate: http://portal.test/activate?key=one-time-secret-key',
};

/** Without SMTP_URL emails go to the log; their bodies hold one-time activation keys. */
describe('the log mail transport', () => {
  it.each([
    ['development', true, { NODE_ENV: 'development' }],
    ['production', false, { NODE_ENV: 'production' }],
    ['production with MAIL_LOG_BODY=true', true, { NODE_ENV: 'production', MAIL_LOG_BODY: 'true' }],
    ['development with MAIL_LOG_BODY=false', false, { NODE_ENV: 'development', MAIL_LOG_BODY: 'false' }],
  ])('%s: body logged = %s', async (_name, withBody, env) => {
    const logs = captureLogs();
    await currentTransport(env as NodeJS.ProcessEnv, logs.logger)(email);
    const [line] = logs.lines();
    expect(line).toMatchObject({ component: 'mail', to: email.recipient, subject: email.subject });
    expect(logs.text().includes('one-time-secret-key')).toBe(withBody);
  });
});
