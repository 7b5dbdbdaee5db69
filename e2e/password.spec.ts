import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUserWithOneTimePassword } from './helpers/admin.ts';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { messages } from './helpers/messages.ts';
import {
  apiStatus,
  changePassword,
  heading,
  signIn,
  signInWithOneTimePassword,
  signedInName,
  signOut,
} from './helpers/ui.ts';

describe('a one-time password', () => {
  let browser: Browser;
  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    await browser.close();
  });

  it('must be replaced before anything else', async () => {
    const { page } = browser;
    const email = `new.user.${Date.now()}@example.org`;
    const password = 'my-own-long-password';

    await signIn(page, DEMO_USERS.admin);
    const oneTime = await createUserWithOneTimePassword(page, {
      email,
      displayName: 'Chen Jing',
      side: 'CN',
      roles: ['data_steward'],
    });
    await signOut(page);

    await signInWithOneTimePassword(page, email, oneTime);
    expect(await heading(page)).toBe(messages.en.changePassword.title);
    expect(await page.locator('#main-nav').count()).toBe(0);
    // Not just hidden: the server refuses everything else until the password is changed.
    expect(await apiStatus(page, '/api/people')).toEqual({ status: 403, errorId: 'forbidden' });

    await changePassword(page, oneTime, password);
    await page.locator('#main-nav').waitFor({ state: 'attached' });
    expect(await heading(page)).toBe(messages.en.overview.title);
    await signOut(page);

    await signIn(page, email, password);
    expect(await signedInName(page)).toBe('Chen Jing');
  });
});
