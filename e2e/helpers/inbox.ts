// A server of its own for the inbox journey (it needs mail settings the shared server lacks), a small
// API client for the steps a spec only sets up, and steps on the bell and the inbox page.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { freePort, serveEnv, startServe } from '../setup/serve.ts';
import { DEMO_PASSWORD } from './demo.ts';

export interface MailServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/** `qiao serve` on a fresh data directory with mail through `smtpUrl`; the scheduler looks every 250 ms. */
export async function startServerWithMail(smtpUrl: string): Promise<MailServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qiao-e2e-inbox-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = serveEnv(port, dataDir, {
    QIAO_SMTP_URL: smtpUrl,
    QIAO_MAIL_FROM: 'Qiao <qiao@e2e.example>',
    QIAO_PUBLIC_URL: baseUrl,
    QIAO_NOTIFY_POLL_MS: '250',
    QIAO_JOB_POLL_MS: '100',
  });
  let server;
  try {
    server = await startServe(env);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    baseUrl,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiSession {
  userId: string;
  call<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown): Promise<T>;
}

/** Signs a demo account in over HTTP, for the steps a spec sets up rather than tests. */
export async function apiSignIn(baseUrl: string, email: string): Promise<ApiSession> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (!res.ok) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
  const session = (await res.json()) as { csrfToken: string; user: { id: string } };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return {
    userId: session.user.id,
    async call<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown): Promise<T> {
      const r = await fetch(`${baseUrl}${url}`, {
        method,
        headers: { cookie, 'x-csrf-token': session.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${text}`);
      return (text ? JSON.parse(text) : null) as T;
    },
  };
}

/** The unread count on the header's bell, once it has loaded. */
export async function bellCount(page: Page): Promise<number> {
  const bell = page.locator('[data-testid="inbox-bell"][data-count]');
  await bell.waitFor();
  return Number(await bell.getAttribute('data-count'));
}

/** Waits, without reloading, until the bell shows `n`. */
export async function waitForBell(page: Page, n: number, timeout = 5000): Promise<void> {
  await page.locator(`[data-testid="inbox-bell"][data-count="${n}"]`).waitFor({ timeout });
}

/** The inbox page's notices: kind, title and whether read. */
export async function inboxItems(page: Page): Promise<{ kind: string; title: string; read: boolean }[]> {
  const items = page.locator('[data-testid="inbox-item"]');
  await page.locator('[data-testid="inbox-list"], .empty-state').first().waitFor();
  const out: { kind: string; title: string; read: boolean }[] = [];
  for (const item of await items.all()) {
    out.push({ kind: (await item.getAttribute('data-kind')) ?? '', title: (await item.locator('[data-testid="inbox-item-link"]').innerText()).trim(), read: (await item.getAttribute('data-read')) === 'true' });
  }
  return out;
}
