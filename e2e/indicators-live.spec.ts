import type { IndicatorSeries } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { chartSummary, openDashboard } from './helpers/indicators.ts';
import { setUpWorkingGroup } from './helpers/projects.ts';
import { apiSession } from './helpers/screening.ts';

describe('live indicator charts', () => {
  let browser: Browser;
  beforeAll(async () => {
    // Groups in two states: one with its co-chairs and members, one only proposed.
    const baseUrl = inject('baseUrl');
    await setUpWorkingGroup(baseUrl, { en: 'Live figures group', zh: '实时指标工作组' });
    const admin = await apiSession(baseUrl, DEMO_USERS.admin);
    await admin('POST', '/api/working-groups', { name: { en: 'Proposed figures group', zh: '拟设指标工作组' }, charter: { en: 'A group that stays proposed.', zh: '保持拟设状态的工作组。' }, technologyArea: 'semiconductors' });
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('draw every category the figures hold (done and open, each status), not one bar per place', async () => {
    const { page } = browser;
    await openDashboard(page);
    const series = await page.evaluate(async () => ((await (await fetch('/api/indicators')).json()) as { items: IndicatorSeries[] }).items);
    const split = series.filter((s) => s.kind === 'live' && new Set(s.values.map((v) => v.category).filter(Boolean)).size > 1);
    expect(split.length).toBeGreaterThan(0);
    for (const s of split) {
      const summary = await chartSummary(page, s.id);
      for (const v of s.values) {
        // Each category shows with its translated label and its own count, e.g. "Active 2".
        expect(summary, `${s.id} ${v.category ?? ''}`).toMatch(new RegExp(`[A-Z][\\w ]+ ${v.value}(,|\\.|;|$)`));
      }
      expect(summary).not.toMatch(/World \d/);
      expect(summary).not.toMatch(/\b(in_progress|under_review|changes_requested)\b/);
    }
  });

  it('keep the year on the axis of rounds by year', async () => {
    const { page } = browser;
    await openDashboard(page);
    const rounds = await page.evaluate(async () => (await (await fetch('/api/indicators/live-dialogue-rounds-by-year')).json()) as IndicatorSeries);
    if (rounds.values.length === 0) return;
    const summary = await chartSummary(page, 'live-dialogue-rounds-by-year');
    for (const v of rounds.values) expect(summary).toContain(`${v.period} ${v.value}`);
  });
});
