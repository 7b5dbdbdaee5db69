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
    const { page, blocked, cspViolations } = browser;
    await page.goto('/sign-in');
    // From inside the app, the server's Content-Security-Policy (connect-src 'self') refuses it first.
    const reached = await page.evaluate(() =>
      fetch('https://example.com/', { mode: 'no-cors' }).then(
        () => true,
        () => false,
      ),
    );
    expect(reached).toBe(false);
    expect(cspViolations.some((v) => v.includes('https://example.com/'))).toBe(true);
    // What no page policy covers (a navigation) is stopped by the test's own guard.
    await expect(page.goto('https://example.com/')).rejects.toThrow();
    expect(blocked).toEqual(['https://example.com/']);
    // Expected here; every other test fails if these lists are not empty when it closes the browser.
    blocked.length = 0;
    cspViolations.length = 0;
  });
});
