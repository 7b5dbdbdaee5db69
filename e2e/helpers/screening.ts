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
