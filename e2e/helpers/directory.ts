// Reading the directory tables.
import type { Page } from 'playwright-core';

export type Table = 'organizations' | 'people';

/** The side code of every row in a directory table, in order. */
export async function rowSides(page: Page, table: Table): Promise<string[]> {
  const rows = page.locator(`[data-testid="${table}-table"] tbody tr`);
  await rows.first().waitFor();
  return rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-side') ?? ''));
}

/** The text of every row's names cell. */
export async function rowNames(page: Page, table: Table): Promise<string[]> {
  const cells = page.locator(`[data-testid="${table}-table"] tbody tr td:first-child`);
  await cells.first().waitFor();
  return (await cells.allInnerTexts()).map((text) => text.trim());
}

/** Wait for the row whose names include the text (tables reload after a change); returns its text. */
export async function findRow(page: Page, table: Table, text: string): Promise<string> {
  const row = page.locator(`[data-testid="${table}-table"] tbody tr`, { hasText: text }).first();
  await row.waitFor();
  return (await row.innerText()).trim();
}

export async function filterBySide(page: Page, side: string): Promise<void> {
  await page.locator('.filters select[name="side"]').selectOption(side);
  await page.waitForURL((url) => (side ? url.searchParams.get('side') === side : !url.searchParams.has('side')));
}

export async function search(page: Page, text: string): Promise<void> {
  await page.locator('.filters input[name="q"]').fill(text);
}

export async function demoBadges(page: Page, table: Table): Promise<number> {
  return page.locator(`[data-testid="${table}-table"] .badge-demo`).count();
}
