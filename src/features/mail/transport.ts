import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../../server/log';

export interface OutgoingEmail {
  id: string;
  recipient: string;
  subject: string;
  body: string;
}

/** Delivers one email; throws when it could not be handed over. */
export type Deliver = (email: OutgoingEmail) => Promise<void>;

let smtp: { url: string; transporter: Transporter } | null = null;

/**
 * With SMTP_URL set (e.g. smtps://user:pass@smtp.example.com), emails go out through nodemailer,
 * from MAIL_FROM. Without it they are written to `log` instead. Their bodies carry one-time activation
 * keys, which are secrets: the body is logged only in development, or where MAIL_LOG_BODY=true says
 * the log is private (a trial server, the browser tests); a production log gets recipient and subject.
 */
export function currentTransport(env: NodeJS.ProcessEnv, log: Logger): Deliver {
  const url = env.SMTP_URL;
  if (!url) {
    const withBody = env.MAIL_LOG_BODY ? env.MAIL_LOG_BODY === 'true' : env.NODE_ENV !== 'production';
    return async (email) => logEmail(log, email, withBody);
  }
  if (smtp?.url !== url) smtp = { url, transporter: nodemailer.createTransport(url) };
  const { transporter } = smtp;
  const from = env.MAIL_FROM || 'IoT Portal <no-reply@localhost>';
  return async (email) => {
    await transporter.sendMail({ from, to: email.recipient, subject: email.subject, text: email.body });
  };
}

function logEmail(log: Logger, email: OutgoingEmail, withBody: boolean): void {
  const body = withBody ? email.body : '(withheld: it holds a one-time key; set SMTP_URL, or MAIL_LOG_BODY=true on a private log)';
  log.info(
    { component: 'mail', emailId: email.id, to: email.recipient, subject: email.subject, body },
    `email not sent (no SMTP_URL): to ${email.recipient}: ${email.subject}`,
  );
}
