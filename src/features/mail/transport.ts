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
 * from MAIL_FROM. Without it (development) they are written to `log` instead, whole (the developer
 * follows the activation link from there): set SMTP_URL wherever the log is kept or shared.
 */
export function currentTransport(env: NodeJS.ProcessEnv, log: Logger): Deliver {
  const url = env.SMTP_URL;
  if (!url) return async (email) => logEmail(log, email);
  if (smtp?.url !== url) smtp = { url, transporter: nodemailer.createTransport(url) };
  const { transporter } = smtp;
  const from = env.MAIL_FROM || 'IoT Portal <no-reply@localhost>';
  return async (email) => {
    await transporter.sendMail({ from, to: email.recipient, subject: email.subject, text: email.body });
  };
}

function logEmail(log: Logger, email: OutgoingEmail): void {
  log.info(
    { component: 'mail', emailId: email.id, to: email.recipient, subject: email.subject, body: email.body },
    `email not sent (no SMTP_URL): to ${email.recipient}: ${email.subject}`,
  );
}
