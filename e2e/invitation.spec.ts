import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptInvitation, createInvitation } from './helpers/admin.ts';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { messages } from './helpers/messages.ts';
import { alertText, heading, signIn, signedInName, signOut } from './helpers/ui.ts';

describe('an invitation', () => {
  let browser: Browser;
  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    await browser.close();
  });

  it('lets an admin invite someone who then accepts it and signs in', async () => {
    const { page } = browser;
    const email = `invited.${Date.now()}@example.org`;
    const password = 'a-long-enough-password';

    await signIn(page, DEMO_USERS.admin);
    const link = await createInvitation(page, { email, side: 'CN', roles: ['member'] });
    expect(new URL(link).pathname).toMatch(/^\/invite\/.+/);
    await signOut(page);

    await acceptInvitation(page, link, 'Li Wei', password);
    expect(await heading(page)).toBe(messages.en.overview.title);
    expect(await signedInName(page)).toBe('Li Wei');
    await signOut(page);

    await signIn(page, email, password);
    expect(await signedInName(page)).toBe('Li Wei');
    expect(await page.locator('.user-menu .side-cn').innerText()).toBe('CN');
  });

  it('cannot be used with a made-up token', async () => {
    const { page } = browser;
    await page.goto('/invite/not-a-real-invitation-token');
    await page.locator('input[name="displayName"]').fill('Somebody');
    await page.locator('input[name="password"]').fill('a-long-enough-password');
    await page.locator('form button[type="submit"]').click();
    expect(await alertText(page)).toBe(messages.en.errors.invitation_invalid);
  });
});
