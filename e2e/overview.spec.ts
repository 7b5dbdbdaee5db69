import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { heading, signIn } from './helpers/ui.ts';

// The README's screenshot comes from this spec only, so it always shows the same view.
const SCREENSHOT = fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));

describe('the overview', () => {
  let browser: Browser;
  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    await browser.close();
  });

  it('counts organisations and people per side and introduces every module', async () => {
    const { page } = browser;
    await signIn(page, DEMO_USERS.usCoChair);
    expect(await heading(page)).toBe('Overview');

    for (const side of ['US', 'CN']) {
      const card = page.locator(`.side-counts [data-side="${side}"]`);
      // The counts arrive with the directory, after the page's heading.
      await card.locator('dd').first().waitFor();
      const counts = (await card.locator('dd').allInnerTexts()).map(Number);
      expect(counts, `organisations and people on side ${side}`).toHaveLength(2);
      expect(counts.every((n) => n > 0)).toBe(true);
    }
    expect(await page.locator('.module-card').count()).toBe(6);

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: SCREENSHOT });
  });
});
