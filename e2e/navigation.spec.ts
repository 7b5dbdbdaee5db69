import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import {
  heading,
  navigationLabels,
  openModule,
  pageLanguage,
  signIn,
  signOut,
  switchLanguage,
} from './helpers/ui.ts';

// This spec owns cn.member: switching its language here cannot leak into other specs.
const user = DEMO_USERS.cnMember;

describe('signing in and finding your way', () => {
  let browser: Browser;
  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    await browser.close();
  });

  it('shows the modules, switches to Chinese, remembers it after a reload, and signs out', async () => {
    const { page } = browser;
    await signIn(page, user);
    expect(await heading(page)).toBe('Overview');
    expect(await navigationLabels(page)).toEqual([
      'Overview',
      'Screening',
      'Working groups',
      'Dialogues',
      'Projects',
      'Datasets',
      'Indicators',
      'Directory',
    ]);
    expect(await openModule(page, 'screening')).toBe('Screening');

    await switchLanguage(page, 'zh');
    expect(await heading(page)).toBe('筛查');
    expect(await navigationLabels(page)).toEqual(['概览', '筛查', '工作组', '对话', '项目', '数据集', '指标', '名录']);

    await page.reload();
    expect(await heading(page)).toBe('筛查');
    expect(await pageLanguage(page)).toBe('zh-Hans');

    await signOut(page);
    expect(await heading(page)).toBe('登录');
  });

  it('brings the saved language along when the same person signs in on another device', async () => {
    // The previous test saved 中文 to the account; this browser has never seen it.
    const { page } = browser;
    await page.goto('/sign-in');
    expect(await heading(page)).toBe('Sign in');
    await signIn(page, user);
    expect(await heading(page)).toBe('概览');

    await switchLanguage(page, 'en');
    expect(await heading(page)).toBe('Overview');
  });

  it('opens every module page from the navigation, each with a translated heading', async () => {
    const { page } = browser;
    await signIn(page, DEMO_USERS.usSteward);
    const names = ['overview', 'screening', 'groups', 'dialogues', 'projects', 'datasets', 'indicators', 'directory'] as const;
    // Ends in English: the choice is saved to the account, which later tests sign in to again.
    for (const language of ['zh', 'en'] as const) {
      await switchLanguage(page, language);
      for (const name of names) {
        const title = await openModule(page, name);
        // A raw key such as "list.title" means a translation is missing.
        expect(title, `${name} in ${language}`).not.toMatch(/^$|^[\w-]+(\.[\w-]+)+$/);
      }
    }
  });

  it('folds the navigation behind a menu button on a phone', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, DEMO_USERS.usSteward);
    const nav = page.locator('#main-nav');
    expect(await nav.isVisible()).toBe(false);

    await page.locator('.menu-toggle').click();
    expect(await nav.isVisible()).toBe(true);
    expect(await openModule(page, 'datasets')).toBe('Datasets');
    expect(await nav.isVisible()).toBe(false);
  });

  it('lets a keyboard user skip straight to the content', async () => {
    const { page } = browser;
    await signIn(page, DEMO_USERS.usSteward);
    await page.keyboard.press('Tab');
    const skip = page.locator('.skip-link');
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });
});
