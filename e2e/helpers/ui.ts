// Steps a person takes in the web app, so specs read as what happens rather than as selectors.
// Selectors avoid translated text where they can, so the same step works in English and Chinese.
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from './demo.ts';

export const PAGES = {
  overview: '/',
  screening: '/screening',
  groups: '/groups',
  dialogues: '/dialogues',
  projects: '/projects',
  datasets: '/datasets',
  indicators: '/indicators',
  directory: '/directory',
  users: '/admin/users',
  audit: '/admin/audit',
} as const;
export type PageName = keyof typeof PAGES;

const HTML_LANG = { en: 'en', zh: 'zh-Hans' } as const;
export type Language = keyof typeof HTML_LANG;

/** Fill in the sign-in form and submit it, whatever happens next. */
export async function enterCredentials(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}

/** Sign in from the sign-in page and wait for the app's navigation. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await enterCredentials(page, email, password);
  // Attached rather than visible: on a phone the navigation waits behind the menu button.
  await page.locator('#main-nav').waitFor({ state: 'attached' });
}

/** Sign in with a one-time password and wait for the page that insists on replacing it. */
export async function signInWithOneTimePassword(page: Page, email: string, oneTimePassword: string): Promise<void> {
  await enterCredentials(page, email, oneTimePassword);
  await page.locator('input[name="currentPassword"]').waitFor();
}

/** Try to sign in with credentials that should be refused; returns the error shown. */
export async function signInExpectingError(page: Page, email: string, password: string): Promise<string> {
  await enterCredentials(page, email, password);
  return alertText(page);
}

export async function signOut(page: Page): Promise<void> {
  await page.locator('[data-testid="sign-out"]').click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await page.locator('#main-nav').waitFor({ state: 'detached' });
}

/** Click English or 中文 and wait until the page says it is in that language. */
export async function switchLanguage(page: Page, language: Language): Promise<void> {
  await page.locator(`[data-testid="language-${language}"]`).click();
  await page.locator(`html[lang="${HTML_LANG[language]}"]`).waitFor({ state: 'attached' });
}

export async function pageLanguage(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

/** Follow a link in the navigation and return the heading of the page it opens. */
export async function openModule(page: Page, name: PageName): Promise<string> {
  const link = page.locator(`#main-nav a[href="${PAGES[name]}"]`);
  await link.click();
  // The link turns current in the same render as the new page, so its heading is the new one.
  await page.locator(`#main-nav a[href="${PAGES[name]}"][aria-current="page"]`).waitFor({ state: 'attached' });
  return heading(page);
}

/** Type an address into the browser, as someone following a bookmark would. */
export async function visit(page: Page, path: string): Promise<string> {
  await page.goto(path);
  return heading(page);
}

export async function heading(page: Page): Promise<string> {
  const h1 = page.locator('main h1').first();
  await h1.waitFor();
  return (await h1.innerText()).trim();
}

/** The labels of the navigation links, in order. */
export async function navigationLabels(page: Page): Promise<string[]> {
  const links = page.locator('#main-nav a');
  await links.first().waitFor();
  return (await links.allInnerTexts()).map((text) => text.trim());
}

export async function navigationTargets(page: Page): Promise<string[]> {
  return page.locator('#main-nav a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

/** The first alert on the page (errors are announced with role="alert"). */
export async function alertText(page: Page): Promise<string> {
  const alert = page.getByRole('alert').first();
  await alert.waitFor();
  return (await alert.innerText()).trim();
}

export async function signedInName(page: Page): Promise<string> {
  return (await page.locator('[data-testid="user-name"]').innerText()).trim();
}

/**
 * Guess passwords for an account straight against the API until the server refuses to listen;
 * returns how many guesses that took (throws if it never does).
 */
export async function guessPasswordsUntilRefused(page: Page, email: string, maxGuesses = 500): Promise<number> {
  return page.evaluate(
    async ({ email, maxGuesses }) => {
      for (let guess = 1; guess <= maxGuesses; guess++) {
        const response = await fetch('/api/auth/sign-in', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: `guess-number-${guess}` }),
        });
        if (response.status === 429) return guess;
      }
      throw new Error(`still accepting guesses after ${maxGuesses}`);
    },
    { email, maxGuesses },
  );
}

/** Status of an API call made from the page, with the session's cookie, as a script on it could. */
export async function apiStatus(page: Page, path: string): Promise<{ status: number; errorId?: string }> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    const body = (await response.json().catch(() => null)) as { error?: { id?: string } } | null;
    return { status: response.status, errorId: body?.error?.id };
  }, path);
}

/** Replace the password on the change-password page (forced or from the user menu). */
export async function changePassword(page: Page, current: string, next: string): Promise<void> {
  await page.locator('input[name="currentPassword"]').fill(current);
  await page.locator('input[name="newPassword"]').fill(next);
  await page.locator('input[name="confirmPassword"]').fill(next);
  await page.locator('form button[type="submit"]').click();
}
