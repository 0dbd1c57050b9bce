import nodemailer from 'nodemailer';

/**
 * E-mail for alerts, through nodemailer: the one file that loads it. Configured by
 * KILDE_SMTP_URL (e.g. smtp://user:pass@mail.example.dk:587) and KILDE_MAIL_FROM; without them
 * Kilde sends no e-mail and alerts stay in the bell and the feed.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export function createMailer(config: { smtpUrl: string | null; mailFrom: string }): Mailer | null {
  if (!config.smtpUrl) return null;
  // Shorter waits than nodemailer's (2 minutes to connect, 10 of silence): alerts queue behind
  // each other, and a mail server that does not answer should cost one message, not the hour.
  const transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  return {
    async send(message) {
      await transport.sendMail({ from: config.mailFrom, ...message });
    },
    close() {
      transport.close();
    },
  };
}
