import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import shell from '../apps/web/src/i18n/en.json' with { type: 'json' };
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { openProposalForm } from './helpers/projects.ts';
import { PAGES, signIn } from './helpers/ui.ts';

/** The error shown under the input named `name` (its `aria-describedby` points at it). */
async function errorUnder(page: Page, form: string, name: string): Promise<string> {
  const input = page.locator(`[data-testid="${form}"] [name="${name}"]`);
  await page.waitForFunction(
    ([f, n]) => document.querySelector(`[data-testid="${f}"] [name="${n}"]`)?.getAttribute('aria-invalid') === 'true',
    [form, name] as const,
  );
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id.endsWith('-error'));
  expect(ids).toHaveLength(1);
  return page.locator(`[id="${ids[0] ?? ''}"]`).innerText();
}

/** Clicks a main navigation link and reports the confirm it raised, dismissing it. */
async function leaveAndDecline(page: Page, href: string): Promise<string[]> {
  const asked: string[] = [];
  const dialog = page.waitForEvent('dialog').then(async (d) => {
    asked.push(d.message());
    await d.dismiss();
  });
  await page.locator(`#main-nav a[href="${href}"]`).click({ force: true });
  await dialog;
  return asked;
}

describe('large forms', () => {
  let browser: Browser;
  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    await browser.close();
  });

  it('shows what is missing from a proposal at each field, and saves nothing', async () => {
    const { page } = browser;
    await signIn(page, DEMO_USERS.usMember);
    await openProposalForm(page);
    const form = page.locator('[data-testid="proposal-form"]');
    await form.locator('[name="title-en"]').fill('x'.repeat(10));
    await form.locator('[name="title-en"]').fill('');
    await page.locator('[data-testid="save-draft"]').click();

    expect(await errorUnder(page, 'proposal-form', 'title-en')).toBe(shell.formErrors.oneLanguage);
    expect(await errorUnder(page, 'proposal-form', 'abstract-en')).toBe(shell.formErrors.oneLanguage);
    expect(await errorUnder(page, 'proposal-form', 'technologyArea')).toBe(shell.formErrors.required);
    // Nothing at the top of the form: each message sits at its field.
    expect(await form.locator('[role="alert"]').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/projects/new');

    // Typing the missing text takes the message away.
    await form.locator('[name="technologyArea"]').fill('air_quality');
    await page.waitForFunction(() => document.querySelector('[data-testid="proposal-form"] [name="technologyArea"]')?.getAttribute('aria-invalid') === null);
  });

  it('asks before leaving a half-filled dataset form, and stays when told to', async () => {
    const { page } = browser;
    await signIn(page, DEMO_USERS.usSteward);
    await page.goto(PAGES.datasets);
    await page.locator('[data-testid="new-dataset"]').click();
    const form = page.locator('[data-testid="dataset-form"]');
    await form.locator('input[name="title-en"]').fill('Half-described dataset');

    const asked = await leaveAndDecline(page, '/screening');
    expect(asked).toEqual([shell.feedback.unsavedChanges]);
    expect(new URL(page.url()).pathname).toBe('/datasets/new');
    expect(await form.locator('input[name="title-en"]').inputValue()).toBe('Half-described dataset');
  });

  it('shows a dataset without a title at its title field', async () => {
    const { page } = browser;
    await signIn(page, DEMO_USERS.usSteward);
    await page.goto(PAGES.datasets);
    await page.locator('[data-testid="new-dataset"]').click();
    await page.locator('[data-testid="dataset-form"] button[type="submit"]').click();
    expect(await errorUnder(page, 'dataset-form', 'title-en')).toBe(shell.formErrors.oneLanguage);
    expect(await errorUnder(page, 'dataset-form', 'description-en')).toBe(shell.formErrors.oneLanguage);
    expect(new URL(page.url()).pathname).toBe('/datasets/new');
  });
});
