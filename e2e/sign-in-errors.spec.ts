import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { messages } from './helpers/messages.ts';
import { guessPasswordsUntilRefused, signInExpectingError, switchLanguage } from './helpers/ui.ts';

describe('a wrong password', () => {
  let browser: Browser;
  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    await browser.close();
  });

  it('is refused with a translated message', async () => {
    const { page } = browser;
    const english = await signInExpectingError(page, DEMO_USERS.usMember, 'not-the-password');
    expect(english).toBe(messages.en.errors.invalid_credentials);

    await switchLanguage(page, 'zh');
    const chinese = await signInExpectingError(page, DEMO_USERS.usMember, 'still-not-the-password');
    expect(chinese).toBe(messages.zh.errors.invalid_credentials);
  });

  it('is refused the same way for an account that does not exist', async () => {
    const { page } = browser;
    const message = await signInExpectingError(page, 'nobody@demo.qiao.example', 'whatever-password');
    expect(message).toBe(messages.en.errors.invalid_credentials);
  });

  it('slows down someone guessing passwords, and says so', async () => {
    const { page } = browser;
    // The limit is per address and email, so guessing here cannot lock out the demo accounts.
    const email = 'guessing@demo.qiao.example';
    expect(await signInExpectingError(page, email, 'first-guess')).toBe(messages.en.errors.invalid_credentials);
    expect(await guessPasswordsUntilRefused(page, email)).toBeGreaterThan(1);
    expect(await signInExpectingError(page, email, 'next-guess')).toBe(messages.en.errors.rate_limited);

    await switchLanguage(page, 'zh');
    expect(await signInExpectingError(page, email, 'one-more-guess')).toBe(messages.zh.errors.rate_limited);
    // Each guess costs the server a full password hash, by design; allow for the e2e limit of 40.
  }, 180_000);
});
