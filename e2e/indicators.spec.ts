import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { chartWidth, historyEntries, importCsv, indicatorMessages, openDashboard, openSeriesEditor, shownIndicators, waitForValueInTable } from './helpers/indicators.ts';
import { heading, signIn, switchLanguage } from './helpers/ui.ts';

const { en, zh } = indicatorMessages;

describe('the indicators dashboard', () => {
  let browser: Browser;
  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    await browser.close();
  });

  it('shows a visitor every chart with its source, in English and in Chinese, without signing in', async () => {
    const { page } = browser;
    await openDashboard(page);
    expect(await heading(page)).toBe(en.dashboard.title);
    const cards = await shownIndicators(page);
    expect(cards.length).toBeGreaterThanOrEqual(5);
    // A chart for every series with values; live figures of modules without data yet say so instead.
    expect(cards.every((c) => c.hasCanvas !== c.empty)).toBe(true);
    expect(cards.filter((c) => !c.live).every((c) => c.hasCanvas)).toBe(true);
    expect(cards.every((c) => c.source.length > 0)).toBe(true);
    const unicorns = cards.find((c) => c.id === 'unicorns-by-country');
    expect(unicorns?.name).toBe('Unicorn companies by country');
    expect(unicorns?.source).toContain('Hurun Global Unicorn Index 2024');
    expect(unicorns?.unverified).toBe(true);
    expect(cards.some((c) => c.live && c.source.startsWith(en.source.live.split('{{')[0] ?? ''))).toBe(true);

    // Each chart's data is there as CSV.
    const csv = await page.evaluate(async () => (await fetch('/api/indicators/unicorns-by-country/values.csv')).text());
    expect(csv.split('\n')[0]).toBe('period,country,value');

    await switchLanguage(page, 'zh');
    expect(await heading(page)).toBe(zh.dashboard.title);
    const cardsZh = await shownIndicators(page);
    expect(cardsZh.find((c) => c.id === 'unicorns-by-country')?.name).toBe('各国独角兽企业数量');
    expect(cardsZh.every((c) => c.source.startsWith('来源'))).toBe(true);
    expect(await page.locator('[data-testid="unverified-source"]').first().innerText()).toBe(zh.source.unverified);

    // On a phone the charts shrink to the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => {
      const canvas = document.querySelector('[data-series-id="unicorns-by-country"] canvas');
      return canvas !== null && canvas.getBoundingClientRect().width <= 390;
    });
    expect(await chartWidth(page, 'unicorns-by-country')).toBeLessThanOrEqual(390);
  });

  it('lets an admin replace values from CSV: a bad line is reported, a good file shows the new value and the history', async () => {
    const { page } = browser;
    await signIn(page, DEMO_USERS.admin);
    await openSeriesEditor(page, 'unicorns-by-country');

    const errors = await importCsv(page, 'period,country,value\n2024,US,710\n2024,CN,many\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(en.import.line.replace('{{line}}', '3'));
    expect(errors[0]).toContain('"many" is not a number');

    expect(await importCsv(page, 'period,country,value\n2024,US,710\n2024,CN,340\n2024,DE+GB+FR,116\n')).toEqual([]);
    await waitForValueInTable(page, '710');
    const history = await historyEntries(page);
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history[0]).toContain(en.history.current);
    expect(history[0]).toContain(DEMO_USERS.admin);

    // The public dashboard shows the new figure.
    await openDashboard(page);
    await waitForValueInTable(page, '710', '[data-series-id="unicorns-by-country"]');
  });
});
