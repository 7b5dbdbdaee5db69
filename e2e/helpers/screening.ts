// Screening steps: import list files, search a name, decide on a hit, read the alerts.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from './demo.ts';

const FIXTURES = fileURLToPath(new URL('../../apps/server/src/modules/screening/fixtures', import.meta.url));

/** The small list files the screening module's tests use: v1, then v2 which adds a record and removes one. */
export function listFixture(version: 'v1' | 'v2'): string[] {
  const dir = path.join(FIXTURES, version);
  return readdirSync(dir).map((f) => path.join(dir, f));
}

/** A signed-in API session for setting the scene (users, organisations) without clicking through it. */
export async function apiSession(baseUrl: string, email: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}${url}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}

/** Imports list files; returns the result, or the refusal when the import would remove too much. */
export async function importLists(page: Page, files: string[]): Promise<string> {
  await page.goto('/screening/lists');
  await page.locator('#list-files').setInputFiles(files);
  await page.locator('form.form-panel button[type="submit"]').click();
  const outcome = page.locator('form.form-panel ul[aria-live], [data-testid="list-shrink"]').first();
  await outcome.waitFor();
  return outcome.innerText();
}

/** Confirms the import the page refused for removing records; returns the result. */
export async function confirmListShrink(page: Page): Promise<string> {
  await page.locator('[data-testid="list-shrink-confirm"]').click();
  const result = page.locator('form.form-panel ul[aria-live]');
  await result.waitFor();
  return result.innerText();
}

/** Screen a name and return the headings of the match cards. */
export async function screenName(page: Page, name: string): Promise<string[]> {
  await page.goto('/screening');
  await page.locator('#screen-name').fill(name);
  await page.locator('form[role="search"] button[type="submit"]').click();
  await page.locator('div[aria-live="polite"] p.muted').first().waitFor();
  return page.locator('.match-card h3').allInnerTexts();
}

/** Open a match's "why it matched" and return its lines. */
export async function explanationOf(page: Page, entityName: string): Promise<string[]> {
  const card = page.locator('.match-card', { has: page.locator('h3', { hasText: entityName }) }).first();
  await card.locator('details summary').first().click();
  return card.locator('.explanation li').allInnerTexts();
}

export async function openParty(page: Page, partyName: string): Promise<void> {
  await page.goto('/screening/parties');
  await page.locator('table a', { hasText: partyName }).first().click();
  await page.locator('#party-title').waitFor();
}

export async function recordDecision(page: Page, decision: 'false_positive' | 'true_match', reason: string): Promise<string> {
  const form = page.locator('form.decision-form').first();
  await form.locator('input[type="radio"]').nth(decision === 'false_positive' ? 0 : 1).check();
  await form.locator('textarea').fill(reason);
  await form.locator('button[type="submit"]').click();
  await form.waitFor({ state: 'detached' });
  return page.locator('.card p', { hasText: reason }).first().innerText();
}

export async function openAlerts(page: Page): Promise<string[]> {
  await page.goto('/screening/alerts');
  await page.locator('#alerts-title').waitFor();
  const rows = page.locator('table tbody tr');
  await rows.first().waitFor();
  return rows.allInnerTexts();
}

/** The screening tabs' targets and which of them are marked active. */
export async function screeningTabs(page: Page): Promise<{ hrefs: string[]; active: string[] }> {
  const tabs = page.locator('[data-testid="screening-tab"]');
  await tabs.first().waitFor();
  const hrefs = await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
  const active = await tabs.evaluateAll((els) => els.filter((e) => e.classList.contains('tab-active')).map((e) => e.getAttribute('href') ?? ''));
  return { hrefs, active };
}

/** Click the screening tab that leads to `href` and wait for its address. */
export async function openScreeningTab(page: Page, href: string): Promise<void> {
  await page.locator(`[data-testid="screening-tab"][href="${href}"]`).click();
  await page.waitForURL((url) => url.pathname === href);
}

type Box = { x: number; y: number; width: number; height: number };

/** Where the search card, its name input and its type select sit on the page. */
export async function searchFormGeometry(page: Page): Promise<{ form: Box; name: Box; type: Box }> {
  const box = async (selector: string): Promise<Box> => {
    const b = await page.locator(selector).boundingBox();
    if (!b) throw new Error(`${selector} is not visible`);
    return b;
  };
  await page.locator('#screen-name').waitFor();
  return { form: await box('form[role="search"]'), name: await box('#screen-name'), type: await box('#screen-type') };
}

/** Upload a CSV as a batch from the Batch tab. */
export async function startBatchFile(page: Page, fileName: string, csv: string): Promise<void> {
  await page.locator('#batch-file').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('[data-testid="batch-form"] button[type="submit"]').click();
  await page.locator('[data-testid="batch-job"]').waitFor();
}

/** The rows of "Your batches": their text and download link. */
export async function batchHistory(page: Page): Promise<{ text: string; download: string | null }[]> {
  const history = page.locator('[data-testid="batch-history"]');
  await history.waitFor();
  await history.locator('table, p.muted').first().waitFor();
  const rows = history.locator('[data-testid="batch-history-row"]');
  const out: { text: string; download: string | null }[] = [];
  for (const row of await rows.all()) {
    const link = row.locator('[data-testid="batch-download"]');
    out.push({ text: await row.innerText(), download: (await link.count()) > 0 ? await link.getAttribute('href') : null });
  }
  return out;
}

/** Delete the first batch whose row mentions `text`; `confirm: false` cancels in the dialog. */
export async function deleteBatch(page: Page, text: string, confirm: boolean): Promise<void> {
  const row = page.locator('[data-testid="batch-history-row"]', { hasText: text }).first();
  await row.locator('[data-testid="batch-delete"]').click();
  await page.locator(`[data-testid="confirm-${confirm ? 'yes' : 'no'}"]`).click();
  await page.locator('[data-testid="confirm-dialog"]').waitFor({ state: 'detached' });
  if (confirm) await row.waitFor({ state: 'detached' });
}
