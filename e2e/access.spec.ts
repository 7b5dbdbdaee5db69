import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { messages } from './helpers/messages.ts';
import { alertText, apiStatus, navigationTargets, signIn, visit } from './helpers/ui.ts';

describe('admin pages', () => {
  let browser: Browser;
  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    await browser.close();
  });

  it('are hidden from a member, and refused if they type the address', async () => {
    const { page } = browser;
    await signIn(page, DEMO_USERS.usMember);
    const targets = await navigationTargets(page);
    expect(targets.filter((href) => href.startsWith('/admin'))).toEqual([]);

    expect(await visit(page, '/admin/users')).toBe(messages.en.forbidden.title);
    expect(await alertText(page)).toBe(messages.en.errors.forbidden);
    expect(await visit(page, '/admin/audit')).toBe(messages.en.forbidden.title);

    // The server refuses the data too; hiding the page is a courtesy, not the protection.
    expect(await apiStatus(page, '/api/users')).toEqual({ status: 403, errorId: 'forbidden' });
    expect(await apiStatus(page, '/api/audit')).toEqual({ status: 403, errorId: 'forbidden' });
  });

  it('are in the navigation for an admin', async () => {
    const { page } = browser;
    await signIn(page, DEMO_USERS.admin);
    const targets = await navigationTargets(page);
    expect(targets).toContain('/admin/users');
    expect(targets).toContain('/admin/audit');
  });

  it('send a signed-out visitor to sign in first', async () => {
    const { page } = browser;
    expect(await visit(page, '/admin/users')).toBe(messages.en.signIn.title);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });
});
