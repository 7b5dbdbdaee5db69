import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { batchHistory, deleteBatch, openScreeningTab, screeningTabs, searchFormGeometry, startBatchFile } from './helpers/screening.ts';
import { signIn } from './helpers/ui.ts';

describe('screening pages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, DEMO_USERS.usCompliance);
  });
  afterAll(async () => {
    await browser.close();
  });

  it('moves between tabs by absolute links, with only the open tab marked active', async () => {
    const { page } = browser;
    await page.goto('/screening');
    expect((await screeningTabs(page)).active).toEqual(['/screening']);
    await openScreeningTab(page, '/screening/batch');
    await openScreeningTab(page, '/screening/parties');
    expect(new URL(page.url()).pathname).toBe('/screening/parties');
    expect((await screeningTabs(page)).active).toEqual(['/screening/parties']);
    await openScreeningTab(page, '/screening/lists');
    await openScreeningTab(page, '/screening/lists');
    expect(new URL(page.url()).pathname).toBe('/screening/lists');
    expect((await screeningTabs(page)).active).toEqual(['/screening/lists']);
    await openScreeningTab(page, '/screening');
    expect(new URL(page.url()).pathname).toBe('/screening');
    expect((await screeningTabs(page)).active).toEqual(['/screening']);
  });

  for (const [label, width] of [
    ['desktop', 1280],
    ['phone', 390],
  ] as const) {
    it(`lays the search form out with the name across the card at ${label} width`, async () => {
      const { page } = browser;
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/screening');
      const g = await searchFormGeometry(page);
      // The name field spans the card's content box (padding aside) and starts at its left edge.
      expect(g.name.width).toBeGreaterThan(g.form.width - 80);
      expect(g.name.x - g.form.x).toBeLessThan(40);
      // No tall empty card: name, type and button fit in a compact block.
      expect(g.form.height).toBeLessThan(width < 600 ? 320 : 220);
      expect(g.type.y).toBeGreaterThan(g.name.y);
      await page.setViewportSize({ width: 1280, height: 800 });
    });
  }

  it('gives the Lists import card its inner spacing', async () => {
    const { page } = browser;
    await page.context().clearCookies();
    await signIn(page, DEMO_USERS.admin);
    await page.goto('/screening/lists');
    const card = page.locator('form.form-panel');
    await card.waitFor();
    const padding = await card.evaluate((el) => parseFloat(getComputedStyle(el).paddingLeft));
    expect(padding).toBeGreaterThanOrEqual(12);
    const label = await page.locator('label[for="list-files"]').boundingBox();
    const box = await card.boundingBox();
    expect((label?.x ?? 0) - (box?.x ?? 0)).toBeGreaterThanOrEqual(12);
    await page.context().clearCookies();
    await signIn(page, DEMO_USERS.usCompliance);
  });

  it('keeps past batches across a reload, re-downloads results and deletes a batch after confirming', async () => {
    const { page } = browser;
    await page.goto('/screening/batch');
    const csv = 'id,name,type\np1,"Huawei Technologies Co., Ltd.",organization\np2,Some Bakery Ltd,organization\n';
    await startBatchFile(page, `batch-history-${Date.now()}.csv`, csv);
    await page.locator('[data-testid="batch-job"][data-status="done"]').waitFor();
    expect(await page.locator('[data-testid="toast"]').first().innerText()).toMatch(/Batch started/);

    await page.reload();
    await page.locator('[data-testid="batch-job"][data-status="done"]').waitFor();
    const rows = await batchHistory(page);
    const mine = rows.find((r) => r.text.includes('batch-history-'));
    expect(mine?.text).toMatch(/2 names/);
    expect(mine?.download).toMatch(/\/api\/screening\/batch\/[0-9a-f-]+\/results\.csv$/);
    const csvBody = await page.evaluate(async (href) => (await fetch(href ?? '')).text(), mine?.download);
    expect(csvBody.split('\n')[0]).toMatch(/^row,id,name/);

    // Reloading the bare tab still lists the batch: the history comes from the server.
    await page.goto('/screening/batch');
    expect((await batchHistory(page)).some((r) => r.text.includes('batch-history-'))).toBe(true);

    const before = (await batchHistory(page)).length;
    await deleteBatch(page, 'batch-history-', false);
    expect(await batchHistory(page)).toHaveLength(before);
    await deleteBatch(page, 'batch-history-', true);
    await page.locator('[data-testid="toast"]', { hasText: 'Batch deleted' }).waitFor();
    expect((await batchHistory(page)).some((r) => r.text.includes('batch-history-'))).toBe(false);
  });
});
