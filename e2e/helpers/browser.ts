import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import '../setup/provided.ts';

// Debian's Chromium, never a downloaded browser; everything that phones home is switched off.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface Browser {
  page: Page;
  context: BrowserContext;
  baseUrl: string;
  /** Requests the guard refused: anything not to this machine. */
  blocked: string[];
  /** What the server's Content-Security-Policy refused on any page, as Chromium reported it. */
  cspViolations: string[];
  /** Close the browser and fail the test if anything tried to leave the machine or broke the CSP. */
  close: () => Promise<void>;
}

/**
 * A fresh Chromium with its own temporary profile (so no cookies or language carry over between
 * tests), a 1280×800 window, and every request to another host aborted and recorded.
 */
export async function openBrowser(baseUrl: string = inject('baseUrl')): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'qiao-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    baseURL: baseUrl,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
  });
  const blocked: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const local = LOCAL_HOSTS.has(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:';
    if (local) return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  // The app must live within its own CSP: Chromium reports each refusal as a console error.
  const cspViolations: string[] = [];
  const watch = (p: Page) =>
    p.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(`${p.url()}: ${message.text()}`);
    });
  const first = context.pages()[0];
  if (first) watch(first);
  context.on('page', watch);
  const page = first ?? (await context.newPage());

  return {
    page,
    context,
    baseUrl,
    blocked,
    cspViolations,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      expect(blocked, 'the browser tried to reach another host').toEqual([]);
      expect(cspViolations, 'a page broke the Content-Security-Policy').toEqual([]);
    },
  };
}
