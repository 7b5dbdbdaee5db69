// Steps on the admin pages.
import type { Locator, Page } from 'playwright-core';
import { openModule } from './ui.ts';

export interface InvitationDetails {
  email: string;
  side: string;
  roles: string[];
}

/** Create an invitation on Admin → Users and return the link to send. */
export async function createInvitation(page: Page, invitation: InvitationDetails): Promise<string> {
  await openModule(page, 'users');
  const form = page.locator('section:has(#invite-title) form');
  await form.locator('input[name="email"]').fill(invitation.email);
  await form.locator('select[name="side"]').selectOption(invitation.side);
  await checkRoles(form, invitation.roles);
  await form.locator('button[type="submit"]').click();
  const link = page.locator('[data-testid="invitation-link"]');
  await link.waitFor();
  return link.inputValue();
}

/** Open an invitation link, choose a name and password, and wait to arrive in the app. */
export async function acceptInvitation(page: Page, link: string, displayName: string, password: string): Promise<void> {
  await page.goto(new URL(link).pathname);
  await page.locator('input[name="displayName"]').fill(displayName);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.locator('#main-nav').waitFor({ state: 'attached' });
}

export interface NewUser {
  email: string;
  displayName: string;
  side: string;
  roles: string[];
}

async function checkRoles(form: Locator, roles: readonly string[]): Promise<void> {
  for (const box of await form.locator('input[name="roles"]').all()) {
    await box.setChecked(roles.includes((await box.getAttribute('value')) ?? ''));
  }
}

/** Create a user on Admin → Users without a password, and return the one-time password shown. */
export async function createUserWithOneTimePassword(page: Page, user: NewUser): Promise<string> {
  await openModule(page, 'users');
  const form = page.locator('section:has(#create-user-title) form');
  await form.locator('input[name="email"]').fill(user.email);
  await form.locator('input[name="displayName"]').fill(user.displayName);
  await form.locator('select[name="side"]').selectOption(user.side);
  await checkRoles(form, user.roles);
  await form.locator('button[type="submit"]').click();
  const secret = page.locator('[data-testid="one-time-password"]');
  await secret.waitFor();
  return (await secret.innerText()).trim();
}

export interface NewOrganization {
  nameEn: string;
  nameZh: string;
  side: string;
  country: string;
}

/** Add an organisation with the admin form on the directory page. */
export async function addOrganization(page: Page, org: NewOrganization): Promise<void> {
  await openModule(page, 'directory');
  const panel = page.locator('#organizations details.form-panel');
  await panel.locator('summary').click();
  await panel.locator('input[name="name-en"]').fill(org.nameEn);
  await panel.locator('input[name="name-zh-Hans"]').fill(org.nameZh);
  await panel.locator('select[name="side"]').selectOption(org.side);
  await panel.locator('input[name="country"]').fill(org.country);
  await panel.locator('button[type="submit"]').click();
  await panel.locator('.alert-success').waitFor();
}
