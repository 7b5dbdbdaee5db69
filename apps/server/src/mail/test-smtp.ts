import { simpleParser } from 'mailparser';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type * as SmtpServerModule from 'smtp-server';

// smtp-server's ES module build imports a nodemailer folder path that Node's ESM loader refuses;
// its CommonJS build (the same code) loads fine.
const { SMTPServer } = createRequire(import.meta.url)('smtp-server') as typeof SmtpServerModule;

const headerText = (value: unknown): string => (typeof value === 'string' ? value : '');

export interface CapturedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  language: string;
}

/**
 * A real SMTP server in process, for tests: it accepts every message, parses it and keeps it. It can
 * be stopped and started again on the same port, to show that mail waits while the server is down.
 */
export class TestSmtpServer {
  readonly messages: CapturedMail[] = [];
  private server: SmtpServerModule.SMTPServer | undefined;
  private waiters: (() => void)[] = [];
  port = 0;

  async start(port = this.port): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      // Plain SMTP on loopback: no certificate to trust in tests.
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const to = session.envelope.rcptTo.map((r) => r.address);
            this.messages.push({ to, from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', subject: parsed.subject ?? '', text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : '', language: headerText(parsed.headers.get('content-language')) });
            for (const w of this.waiters.splice(0)) w();
            callback();
          })
          .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Resolves once `count` messages have arrived (or rejects after `ms`). */
  async waitFor(count: number, ms = 10_000): Promise<CapturedMail[]> {
    const deadline = Date.now() + ms;
    while (this.messages.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} messages, got ${this.messages.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.messages;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
