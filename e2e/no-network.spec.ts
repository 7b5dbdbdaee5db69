import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';

describe('the browser under test', () => {
  let browser: Browser;
  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    await browser.close();
  });

  it('cannot reach any host but this machine', async () => {
    const { page, blocked } = browser;
    await page.goto('/sign-in');
    const reached = await page.evaluate(() =>
      fetch('https://example.com/', { mode: 'no-cors' }).then(
        () => true,
        () => false,
      ),
    );
    expect(reached).toBe(false);
    expect(blocked).toEqual(['https://example.com/']);
    // Expected here; every other test fails if this list is not empty when it closes the browser.
    blocked.length = 0;
  });
});
