// Steps on the datasets pages: the catalogue, a dataset's files, preview and chart, access requests.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import en from '../../apps/web/src/pages/datasets/i18n/en.json' with { type: 'json' };
import zh from '../../apps/web/src/pages/datasets/i18n/zh.json' with { type: 'json' };
import { PAGES, signOut, switchLanguage, type Language } from './ui.ts';

/** The datasets module's own translations, so specs assert on what a person reads. */
export const datasetMessages = { en, zh } as const;

/** Titles of the demo datasets (apps/server/src/demo/demo-datasets.ts). */
export const DEMO_DATASETS = {
  airQuality: 'Daily air quality, Beijing and Los Angeles',
  seismic: 'Earthquake catalogue, Sichuan–Yunnan region',
} as const;

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Titles of the catalogue cards, as shown. */
export async function catalogTitles(page: Page): Promise<string[]> {
  const titles = page.locator('[data-testid="dataset-card"] h2');
  await titles.first().waitFor();
  return (await titles.allInnerTexts()).map((s) => s.trim());
}

/** Open the catalogue, search for part of a title, and open the first dataset that has it. */
export async function openDataset(page: Page, titlePart: string): Promise<void> {
  await page.goto(`${PAGES.datasets}?q=${encodeURIComponent(titlePart)}`);
  const link = page.locator('[data-testid="dataset-card"] h2 a', { hasText: titlePart }).first();
  await link.click();
  await page.locator('[data-testid="dataset-page"]').waitFor();
}

/** Column headers and number of rows of the preview table, once it has loaded. */
export async function previewTable(page: Page): Promise<{ columns: string[]; rows: number; range: string }> {
  const table = page.locator('[data-testid="preview-table"]');
  await table.locator('tbody tr').first().waitFor();
  return {
    columns: (await table.locator('thead th').allInnerTexts()).map((s) => s.trim()),
    rows: await table.locator('tbody tr').count(),
    range: (await table.locator('[data-testid="preview-range"]').innerText()).trim(),
  };
}

/**
 * Wait for the ECharts canvas of the dataset chart and report its size and whether anything was
 * drawn (some pixel that is not transparent), plus the chart's accessible summary.
 */
export async function chartState(page: Page, testId = 'dataset-chart'): Promise<{ width: number; height: number; drawn: boolean; label: string }> {
  const chart = page.locator(`[data-testid="${testId}"]`).first();
  const canvas = chart.locator('canvas').first();
  await canvas.waitFor();
  // ECharts draws on the next frame after setOption.
  await page.waitForFunction((el) => {
    const c = el?.querySelector('canvas');
    const ctx = c?.getContext('2d');
    if (!c || !ctx || c.width === 0) return false;
    const pixels = ctx.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
    return false;
  }, await chart.elementHandle());
  const box = await canvas.boundingBox();
  return { width: box?.width ?? 0, height: box?.height ?? 0, drawn: true, label: (await chart.getAttribute('aria-label')) ?? '' };
}

export interface NewDataset {
  titleEn: string;
  titleZh: string;
  descriptionEn: string;
  subjects: string;
  accessLevel: 'open' | 'on_request' | 'restricted';
}

/** Fill in the steward's "New dataset" form and wait for the new dataset's page. */
export async function createDataset(page: Page, ds: NewDataset): Promise<void> {
  await page.goto(PAGES.datasets);
  await page.locator('[data-testid="new-dataset"]').click();
  const form = page.locator('[data-testid="dataset-form"]');
  await form.locator('input[name="title-en"]').fill(ds.titleEn);
  await form.locator('input[name="title-zh"]').fill(ds.titleZh);
  await form.locator('textarea[name="description-en"]').fill(ds.descriptionEn);
  await form.locator('input[name="subjects"]').fill(ds.subjects);
  await form.locator('select[name="accessLevel"]').selectOption(ds.accessLevel);
  await form.locator('button[type="submit"]').click();
  await page.locator('[data-testid="dataset-page"]').waitFor();
}

/** Upload one file into the draft version and wait until it is listed. */
export async function uploadIntoDraft(page: Page, name: string, content: string): Promise<void> {
  await page.locator('.draft-tools input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  await page.locator('[data-testid="upload-submit"]').click();
  await page.locator(`[data-testid="file-row"][data-file-name="${name}"]`).waitFor();
}

export async function publishDraft(page: Page): Promise<void> {
  await page.locator('[data-testid="publish-version"]').click();
  // Publishing cannot be undone, so the page asks once more.
  await page.locator('[data-testid="confirm-dialog"] [data-testid="confirm-yes"]').click();
  await page.locator('[data-testid="publish-version"]').waitFor({ state: 'detached' });
}

/** The SHA-256 shown for a file of the newest version that lists it. */
export async function shownSha256(page: Page, fileName: string): Promise<string> {
  const row = page.locator(`[data-testid="file-row"][data-file-name="${fileName}"]`).first();
  return (await row.locator('[data-testid="file-sha256"]').innerText()).trim();
}

/** Ask for access with a purpose and wait for the request (with its transfer review) to show. */
export async function requestAccess(page: Page, purpose: string): Promise<void> {
  const form = page.locator('[data-testid="request-access-form"]');
  await form.locator('textarea[name="purpose"]').fill(purpose);
  await form.locator('button[type="submit"]').click();
  // The sender is told it went out (a toast, shown for a few seconds), then sees the request.
  await page.locator('[data-testid="toast"]').first().waitFor();
  await page.locator('[data-testid="access-panel"] [data-testid="access-request"]').waitFor();
}

export interface ShownReview {
  verdict: string;
  conditions: string[];
  conditionTexts: string[];
  citations: number;
}

/** The transfer review shown in a request, read as a person would. */
export async function transferReview(page: Page, scope = '[data-testid="access-panel"]'): Promise<ShownReview> {
  const review = page.locator(`${scope} [data-testid="transfer-review"]`).first();
  await review.waitFor();
  const conditions = review.locator('[data-testid="transfer-condition"]');
  return {
    verdict: (await review.locator('[data-testid="transfer-verdict"]').innerText()).trim(),
    conditions: await conditions.evaluateAll((els) => els.map((el) => el.getAttribute('data-condition-id') ?? '')),
    conditionTexts: (await conditions.locator('p:first-child > span:first-child').allInnerTexts()).map((s) => s.trim()),
    citations: await review.locator('[data-testid="citation"]').count(),
  };
}

/** As the steward: tick every condition of the pending request, then grant with a note and expiry. */
export async function meetConditionsAndGrant(page: Page, note: string, expiresAt: string): Promise<void> {
  const request = page.locator('[data-testid="steward-requests"] [data-testid="access-request"][data-status="pending"]').first();
  await request.waitFor();
  const boxes = request.locator('[data-testid="condition-check"] input[type="checkbox"]');
  const count = await boxes.count();
  for (let i = 0; i < count; i++) {
    await boxes.nth(i).check();
    await request.locator('[data-testid="condition-check"]').nth(i).locator('.hint').waitFor();
  }
  const form = request.locator('[data-testid="decision-form"]');
  await form.locator('input[name="note"]').fill(note);
  await form.locator('input[name="expiresAt"]').fill(expiresAt);
  await form.locator('[data-testid="grant"]').click();
  await page.locator('[data-testid="steward-requests"] [data-testid="access-request"][data-status="granted"]').waitFor();
}

/** Click a file's download button; returns the bytes' SHA-256 and the server's x-content-sha256. */
export async function downloadFile(page: Page, fileName: string): Promise<{ sha256: string; headerSha256: string | null; status: number }> {
  const row = page.locator(`[data-testid="file-row"][data-file-name="${fileName}"]`).first();
  const [download] = await Promise.all([page.waitForEvent('download'), row.locator('[data-testid="download-file"]').click()]);
  const file = await download.path();
  const bytes = await readFile(file);
  const href = (await row.locator('[data-testid="download-file"]').getAttribute('href')) ?? '';
  // The same request from the page, with the session's cookie, to read the integrity header.
  const head = await page.evaluate(async (url) => {
    const response = await fetch(url, { headers: { range: 'bytes=0-0' } });
    return { status: response.status, sha: response.headers.get('x-content-sha256') };
  }, href);
  return { sha256: sha256(bytes), headerSha256: head.sha, status: head.status };
}

/** A day as YYYY-MM-DD, `days` from today (UTC). */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Switch the language while signed in and wait until the account has saved it, so a sign-out that
 * follows cannot race the save (which would otherwise restore the session it answers for).
 */
export async function switchLanguageSaved(page: Page, language: Language): Promise<void> {
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/auth/me') && r.request().method() === 'PATCH');
  await switchLanguage(page, language);
  await saved;
}

/** Sign out from the overview: on the public datasets pages signing out keeps the reader there. */
export async function signOutFromOverview(page: Page): Promise<void> {
  await page.goto(PAGES.overview);
  await page.locator('#main-nav').waitFor({ state: 'attached' });
  await signOut(page);
}
