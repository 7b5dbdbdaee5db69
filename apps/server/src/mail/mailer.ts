import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The recipient's language, for the Content-Language header. */
  lang: 'en' | 'zh';
}

/** Sends one message or throws; the outbox decides when to try again. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`.
 * Timeouts are short so a server that is down fails the attempt quickly and the outbox backs off.
 */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: { 'Content-Language': m.lang === 'zh' ? 'zh-Hans' : 'en' } });
    },
    close: () => transport.close(),
  };
}
