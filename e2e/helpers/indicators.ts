// Steps on the public indicators dashboard and an admin's series page.
import type { Page } from 'playwright-core';
import en from '../../apps/web/src/pages/indicators/i18n/en.json' with { type: 'json' };
import zh from '../../apps/web/src/pages/indicators/i18n/zh.json' with { type: 'json' };
import { PAGES } from './ui.ts';

export const indicatorMessages = { en, zh } as const;

export interface ShownIndicator {
  id: string;
  name: string;
  source: string;
  unverified: boolean;
  live: boolean;
  hasCanvas: boolean;
  /** Shows that it has no values yet (a live figure for a module with no data). */
  empty: boolean;
}

/** Open the dashboard and wait until every card has drawn its chart. */
export async function openDashboard(page: Page): Promise<void> {
  await page.goto(PAGES.indicators);
  await page.locator('[data-testid="indicator-card"]').first().waitFor();
  await page.waitForFunction(() => {
    const cards = [...document.querySelectorAll('[data-testid="indicator-card"]')];
    return cards.length > 0 && cards.every((c) => c.querySelector('canvas') || c.querySelector('.empty-inline'));
  });
}

/** Every card as a person reads it: name, source line, marks, and whether a chart canvas is there. */
export async function shownIndicators(page: Page): Promise<ShownIndicator[]> {
  return page.locator('[data-testid="indicator-card"]').evaluateAll((cards) =>
    cards.map((card) => ({
      id: card.getAttribute('data-series-id') ?? '',
      name: (card.querySelector('h3')?.childNodes[0]?.textContent ?? '').trim(),
      source: (card.querySelector('[data-testid="indicator-source"]')?.textContent ?? '').trim(),
      unverified: card.querySelector('[data-testid="unverified-source"]') !== null,
      live: card.querySelector('.badge-live') !== null,
      hasCanvas: card.querySelector('canvas') !== null,
      empty: card.querySelector('.empty-inline') !== null,
    })),
  );
}

/** Width of a card's chart canvas, to check that charts fit a phone screen. */
export async function chartWidth(page: Page, seriesId: string): Promise<number> {
  const box = await page.locator(`[data-series-id="${seriesId}"] canvas`).first().boundingBox();
  return box?.width ?? 0;
}

/** As an admin, open a curated series' page from its card. */
export async function openSeriesEditor(page: Page, seriesId: string): Promise<void> {
  await openDashboard(page);
  await page.locator(`[data-series-id="${seriesId}"] [data-testid="edit-series"]`).click();
  await page.locator('[data-testid="csv-import"]').waitFor();
}

/** Upload CSV text as the series' values; returns the per-line errors shown, if any. */
export async function importCsv(page: Page, csv: string): Promise<string[]> {
  const form = page.locator('[data-testid="csv-import"]');
  await form.locator('input[type="file"]').setInputFiles({ name: 'values.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await form.locator('[data-testid="csv-import-submit"]').click();
  const outcome = form.locator('[data-testid="csv-line-errors"], .alert-success');
  await outcome.first().waitFor();
  if (await form.locator('.alert-success').count()) return [];
  return (await form.locator('[data-testid="csv-line-error"]').allInnerTexts()).map((s) => s.trim());
}

/** Open the series' data table and wait until a cell shows `value` (the page reloads after an import). */
export async function waitForValueInTable(page: Page, value: string, scope = 'main'): Promise<void> {
  const details = page.locator(`${scope} details.indicator-table`).first();
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await details.locator('td', { hasText: new RegExp(`^${value}$`) }).first().waitFor();
}

/** Labels of the history entries, newest first. */
export async function historyEntries(page: Page): Promise<string[]> {
  const items = page.locator('[data-testid="revision"] summary');
  await items.first().waitFor();
  return (await items.allInnerTexts()).map((s) => s.trim());
}

/** What a chart says to a screen reader: its kind, name, unit and every point as "label value". */
export async function chartSummary(page: Page, seriesId: string): Promise<string> {
  const chart = page.locator(`[data-series-id="${seriesId}"] [data-testid="indicator-chart"]`);
  return (await chart.getAttribute('aria-label')) ?? '';
}
