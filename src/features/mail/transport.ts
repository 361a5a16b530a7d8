import nodemailer, { type Transporter } from 'nodemailer';

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
 * from MAIL_FROM. Without it (development) they are printed to the server log instead.
 */
export function currentTransport(env: NodeJS.ProcessEnv = process.env): Deliver {
  const url = env.SMTP_URL;
  if (!url) return logEmail;
  if (smtp?.url !== url) smtp = { url, transporter: nodemailer.createTransport(url) };
  const { transporter } = smtp;
  const from = env.MAIL_FROM || 'IoT Portal <no-reply@localhost>';
  return async (email) => {
    await transporter.sendMail({ from, to: email.recipient, subject: email.subject, text: email.body });
  };
}

async function logEmail(email: OutgoingEmail): Promise<void> {
  console.info(`[mail] (no SMTP_URL: logged, not sent) to ${email.recipient}: ${email.subject}\n${email.body}`);
}
