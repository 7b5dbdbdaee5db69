import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { openTrack, planRound } from './helpers/groups.ts';
import { messages } from './helpers/messages.ts';
import { signIn, switchLanguage, type Language } from './helpers/ui.ts';
import datasetsEn from '../apps/web/src/pages/datasets/i18n/en.json' with { type: 'json' };
import groupsEn from '../apps/web/src/pages/groups/i18n/en.json' with { type: 'json' };
import indicatorsEn from '../apps/web/src/pages/indicators/i18n/en.json' with { type: 'json' };
import projectsEn from '../apps/web/src/pages/projects/i18n/en.json' with { type: 'json' };
import screeningEn from '../apps/web/src/pages/screening/i18n/en.json' with { type: 'json' };

// Walks every page of the app as each kind of person (signed out, admin, co-chair, member,
// compliance officer, data steward), in English and Chinese, at a desktop and a phone width, and
// lists everything a person should never see: console errors, raw translation keys or enum names,
// ids instead of names, and a page wider than the screen. One list per person and language, so a
// failure names every page at once.

const WIDTHS = { desktop: 1280, phone: 390 } as const;

const VIEWERS = [
  { who: 'signed out', email: null },
  { who: 'admin', email: DEMO_USERS.admin },
  { who: 'co-chair', email: DEMO_USERS.usCoChair },
  { who: 'member', email: DEMO_USERS.usMember },
  { who: 'compliance officer', email: DEMO_USERS.usCompliance },
  { who: 'data steward', email: DEMO_USERS.cnSteward },
] as const;

/** Every key path of every translation namespace, as `a.b.c`: shown as text, it is a missing translation. */
function keyPaths(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([key, value]) => keyPaths(value, prefix ? `${prefix}.${key}` : key));
}
const KEYS = [messages.en, datasetsEn, groupsEn, indicatorsEn, projectsEn, screeningEn].flatMap((tree) => keyPaths(tree)).filter((k) => k.includes('.'));
const escapeKey = (key: string) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const KEY_ALTERNATIVES = KEYS.map(escapeKey).join('|');
/** A key as the whole text, after a namespace colon, or as a word of its own: one pattern for every key. */
const RAW_KEY = new RegExp(`^(?:${KEY_ALTERNATIVES})$|:(?:${KEY_ALTERNATIVES})|(?:^|\\s)(?:${KEY_ALTERNATIVES})(?:\\s|$)`);

interface Ids {
  group: string;
  round: string;
  project: string;
  openDataset: string;
  requestDataset: string;
  indicator: string;
  party: string;
}

function signedInPages(ids: Ids): string[] {
  return [
    '/',
    '/screening',
    '/screening/parties',
    `/screening/parties/${ids.party}`,
    '/screening/alerts',
    '/screening/batch',
    '/screening/lists',
    '/groups',
    '/groups/new',
    '/groups/my-actions',
    '/groups/notifications',
    `/groups/${ids.group}`,
    `/groups/${ids.group}/record`,
    '/dialogues',
    `/dialogues/groups/${ids.group}`,
    `/dialogues/rounds/${ids.round}`,
    '/projects',
    '/projects/new',
    `/projects/${ids.project}`,
    `/projects/${ids.project}/edit`,
    '/datasets',
    '/datasets/new',
    '/datasets/requests',
    `/datasets/${ids.openDataset}`,
    `/datasets/${ids.requestDataset}`,
    '/indicators',
    `/indicators/${ids.indicator}`,
    '/directory',
    '/account/password',
    '/admin/users',
    '/admin/audit',
    '/no-such-page',
  ];
}

function publicPages(ids: Ids): string[] {
  return [
    '/sign-in',
    '/datasets',
    `/datasets/${ids.openDataset}`,
    `/datasets/${ids.requestDataset}`,
    '/indicators',
    '/invite/not-a-real-invitation',
  ];
}

/** What the page shows as text, including collapsed panels and options, but not scripts or form values. */
function textsOnPage(page: Page): Promise<{ text: string; chart: boolean }[]> {
  return page.evaluate(() => {
    const texts: { text: string; chart: boolean }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // translate="no" marks what is shown as the data says it (column names, file names, codes).
      if (!parent || parent.closest('script, style, noscript, code, pre, textarea, [translate="no"]')) continue;
      const text = (node.textContent ?? '').trim();
      // A chart's description names the data's own columns (`depth_km`), as the file has them.
      if (text) texts.push({ text, chart: !!parent.closest('figure') });
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      if (el.closest('[translate="no"]')) continue;
      for (const name of ['placeholder', 'aria-label', 'title']) {
        const value = el.getAttribute(name)?.trim();
        if (value) texts.push({ text: value, chart: !!el.closest('figure') });
      }
    }
    return texts;
  });
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
const SHORT_ID = /\b[0-9a-f]{8}(?:…|\.\.\.)/i;
/** `air_quality`, `confirmed_match`, `co_chair`: an enum name where a label belongs. */
const SNAKE = /(?<![\w@./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@./-])/;
/** A whole text that reads like `list.title` or `groups:record.heading`. */
const KEY_SHAPE = /^(?:[a-z]+:)?[a-z][a-zA-Z0-9]*(?:\.[a-z][a-zA-Z0-9_]*)+$/;

function problemsIn(texts: { text: string; chart: boolean }[]): string[] {
  const problems = new Set<string>();
  for (const { text, chart } of texts) {
    if (UUID.test(text) || SHORT_ID.test(text)) problems.add(`id shown: "${text.slice(0, 80)}"`);
    const snake = chart ? null : SNAKE.exec(text);
    if (snake) problems.add(`enum name shown: "${snake[0]}" in "${text.slice(0, 80)}"`);
    if (KEY_SHAPE.test(text) && !text.includes('@')) problems.add(`raw key shown: "${text}"`);
    else if (RAW_KEY.test(text)) {
      problems.add(`raw key shown: "${text.slice(0, 80)}"`);
    }
  }
  return [...problems];
}

/** Requests each page has in flight, without the live-update stream that stays open by design. */
const inFlight = new WeakMap<Page, Set<unknown>>();

function trackRequests(page: Page): void {
  const pending = new Set<unknown>();
  inFlight.set(page, pending);
  const live = (url: string) => new URL(url).pathname === '/api/live';
  page.on('request', (request) => {
    if (!live(request.url())) pending.add(request);
  });
  page.on('requestfinished', (request) => pending.delete(request));
  page.on('requestfailed', (request) => pending.delete(request));
}

/** Wait until the page has nothing left to load (or give up quietly: a page that never settles is a finding). */
async function settle(page: Page): Promise<string | null> {
  const pending = inFlight.get(page);
  const deadline = Date.now() + 8_000;
  // Quiet means no request in flight on two looks 250 ms apart, and no loading indicator.
  let quiet = 0;
  while (Date.now() < deadline && quiet < 2) {
    await page.waitForTimeout(250);
    const loading = await page.evaluate(() => Boolean(document.querySelector('.loading')));
    quiet = !loading && (pending?.size ?? 0) === 0 ? quiet + 1 : 0;
  }
  return quiet >= 2 ? null : 'still loading after 8 s';
}

async function overflow(page: Page): Promise<string | null> {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    // Name the element that sticks out furthest, so the finding says where to look.
    let widest = '';
    let right = window.innerWidth;
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.right > right + 1 && box.width > 0) {
        right = box.right;
        widest = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
      }
    }
    return { scrollWidth: root.scrollWidth, innerWidth: window.innerWidth, widest };
  });
  return scrollWidth > innerWidth ? `wider than the screen: ${scrollWidth}px > ${innerWidth}px (${widest || 'unknown element'})` : null;
}

/** Visit each page at both widths and return every problem found, one line each. */
async function walk(page: Page, pages: string[], label: string): Promise<string[]> {
  const findings: string[] = [];
  let errors: string[] = [];
  let current = '';
  trackRequests(page);
  page.on('console', (message) => {
    // A refused request is reported below with its address; the console line alone does not say which.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    // Asking whether anyone is signed in is answered 401 for a visitor: that is the answer, not a fault.
    if (response.status() === 401 && url.pathname === '/api/auth/me') return;
    // Opening a record one may not see is answered 403/404 and the page says so; any other refused
    // request is a page asking for what it should not.
    const own = current.split('/').pop() ?? '';
    if ([403, 404].includes(response.status()) && own.length > 20 && url.pathname.endsWith(`/${own}`)) return;
    if (response.status() >= 400) errors.push(`${response.request().method()} ${url.pathname} answered ${response.status()}`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  for (const path of pages) {
    errors = [];
    current = path;
    await page.setViewportSize({ width: WIDTHS.desktop, height: 800 });
    await page.goto(path);
    const stuck = await settle(page);
    if (stuck) findings.push(`${label} ${path}: ${stuck}`);
    for (const problem of problemsIn(await textsOnPage(page))) findings.push(`${label} ${path}: ${problem}`);
    for (const [name, width] of Object.entries(WIDTHS)) {
      await page.setViewportSize({ width, height: 800 });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const wide = await overflow(page);
      if (wide) findings.push(`${label} ${path} @${name}: ${wide}`);
    }
    for (const error of new Set(errors)) findings.push(`${label} ${path}: console error: ${error.slice(0, 200)}`);
  }
  await page.setViewportSize({ width: WIDTHS.desktop, height: 800 });
  return findings;
}

async function json<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return (await response.json()) as T;
  }, path);
}

type Listed = { items: { id: string; accessLevel?: string; name?: { en?: string } }[] };

/** The co-chair plans a round in the demo group, so the dialogue pages have one to show; returns the ids. */
async function prepare(): Promise<Ids> {
  const browser = await openBrowser();
  try {
    const { page } = browser;
    await signIn(page, DEMO_USERS.usCoChair);
    const groups = await json<Listed>(page, '/api/working-groups');
    const group = groups.items.find((g) => g.name?.en === 'Air quality and health') ?? groups.items[0];
    if (!group) throw new Error('the demo has no working group');
    await openTrack(page, group.id, { en: 'Walk-through track', zh: '巡查议题' });
    const round = await planRound(page, { title: { en: 'Walk-through round', zh: '巡查轮次' }, startsAt: '2027-03-01T09:00', place: 'Beijing' });
    const projects = await json<Listed>(page, '/api/projects');
    const datasets = await json<Listed>(page, '/api/datasets');
    const indicators = await json<Listed>(page, '/api/indicators');
    const parties = await json<Listed>(page, '/api/organizations');
    const openDataset = datasets.items.find((d) => d.accessLevel === 'open') ?? datasets.items[0];
    const requestDataset = datasets.items.find((d) => d.accessLevel !== 'open') ?? datasets.items[0];
    const ids = {
      group: group.id,
      round,
      project: projects.items[0]?.id ?? '',
      openDataset: openDataset?.id ?? '',
      requestDataset: requestDataset?.id ?? '',
      indicator: indicators.items[0]?.id ?? '',
      party: parties.items[0]?.id ?? '',
    };
    for (const [name, id] of Object.entries(ids)) if (!id) throw new Error(`the demo has no ${name} to visit`);
    return ids;
  } finally {
    await browser.close();
  }
}

describe('every page, as everyone, in both languages, on a desktop and a phone', () => {
  let ids: Ids;
  beforeAll(async () => {
    ids = await prepare();
  });

  for (const viewer of VIEWERS) {
    // Chinese first: the last language chosen is saved to the account, and other specs expect English.
    for (const language of ['zh', 'en'] as Language[]) {
      describe(`${viewer.who} in ${language}`, () => {
        let browser: Browser;
        beforeAll(async () => {
          browser = await openBrowser();
        });
        afterAll(async () => {
          await browser.close();
        });

        it('shows no console error, raw key, id or page wider than the screen', { timeout: 600_000 }, async () => {
          const { page } = browser;
          if (viewer.email) await signIn(page, viewer.email);
          else await page.goto('/sign-in');
          await switchLanguage(page, language);
          const pages = viewer.email ? signedInPages(ids) : publicPages(ids);
          const findings = await walk(page, pages, `${viewer.who} ${language}`);
          expect(findings).toEqual([]);
        });
      });
    }
  }
});
