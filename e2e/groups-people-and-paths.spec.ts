import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openBrowser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import {
  appointCoChair,
  approveMinutes,
  asUser,
  createGroup,
  draftMinutes,
  openGroup,
  openRound,
  openTrack,
  planRound,
} from './helpers/groups.ts';
import { switchLanguage, visit } from './helpers/ui.ts';

// What people read on the groups, dialogues and admin pages: names rather than ids, areas rather
// than enum names, a notice that goes once its step is done, a record whose columns all fit, an
// audit log that reads on past its first page, and a way for a visitor between the public pages.

const UUID_OR_SHORT_ID = /[0-9a-f]{8}(?:-[0-9a-f]{4}|…)/i;

async function texts(page: Page, selector: string): Promise<string> {
  await page.locator(selector).first().waitFor();
  return (await page.locator(selector).allInnerTexts()).join('\n');
}

describe('people and paths on the group, dialogue and admin pages', () => {
  const errors: string[] = [];
  const stamp = Date.now().toString(36);
  let groupId = '';
  let roundId = '';

  it('a co-chair reads the name of the person asking to join, never an id', async () => {
    await asUser(DEMO_USERS.admin, errors, async (page) => {
      groupId = await createGroup(page, {
        name: { en: `Ocean observation ${stamp}`, zh: `海洋观测 ${stamp}` },
        charter: { en: 'Shared buoy data.', zh: '共享浮标数据。' },
        area: 'ocean_observation',
      });
      await appointCoChair(page, 'US', DEMO_USERS.usCoChair);
      await appointCoChair(page, 'CN', DEMO_USERS.cnCoChair);
    });
    await asUser(DEMO_USERS.usMember, errors, async (page) => {
      await openGroup(page, groupId);
      await page.locator('[data-testid="join-request"]').click();
      await page.locator('[data-testid="join-section"] [role="status"]').waitFor();
    });
    await asUser(DEMO_USERS.usCoChair, errors, async (page) => {
      await openGroup(page, groupId);
      const section = await texts(page, '[data-testid="join-section"] li');
      expect(section).toContain('Priya Raman');
      expect(section).not.toMatch(UUID_OR_SHORT_ID);
      // A free-text area is read as words, not as an identifier.
      expect(await texts(page, '[data-testid="group-page"] header')).toContain('Area: ocean observation');
    });
  });

  it('shows a known technology area by its name in both languages', async () => {
    await asUser(DEMO_USERS.usMember, errors, async (page) => {
      await visit(page, '/groups');
      const demo = page.locator('[data-testid="groups-table"] tr', { hasText: 'Air quality and health' });
      expect(await demo.innerText()).toContain('Air quality');
      expect(await demo.innerText()).not.toContain('air_quality');
      await switchLanguage(page, 'zh');
      await visit(page, '/groups');
      expect(await page.locator('[data-testid="groups-table"] tbody').innerText()).toContain('空气质量');
      await switchLanguage(page, 'en');
    });
  });

  it('"minutes need your approval" leaves the notices once the minutes lock', async () => {
    await asUser(DEMO_USERS.usCoChair, errors, async (page) => {
      await openTrack(page, groupId, { en: 'Buoy data', zh: '浮标数据' });
      roundId = await planRound(page, { title: { en: 'Round 1', zh: '第一轮' }, startsAt: '2027-01-10T09:00', place: 'Qingdao' });
      await openRound(page, roundId);
      await draftMinutes(page, { body: { en: 'Compared buoy formats.', zh: '比较了浮标格式。' }, decisions: [] });
      await approveMinutes(page, 'US');
    });
    await asUser(DEMO_USERS.cnCoChair, errors, async (page) => {
      await visit(page, '/groups/notifications');
      await page.locator(`[data-testid="notifications"] [data-kind="minutes_approval_needed"]:has(a[href="/dialogues/rounds/${roundId}"])`).waitFor();
      await openRound(page, roundId);
      const state = await approveMinutes(page, 'CN');
      expect(state.status).toBe('locked');
      await visit(page, '/groups/notifications');
      // Settled: the list (or the empty state) is shown once each notice's minutes are read.
      await page.locator('[data-testid="notifications"], main .empty-state').first().waitFor();
      // Other groups' minutes may still wait for this co-chair; this round's must not.
      expect(await page.locator(`[data-kind="minutes_approval_needed"]:has(a[href="/dialogues/rounds/${roundId}"])`).count()).toBe(0);
    });
  });

  it('the record page shows every column within the page, contents opened', async () => {
    await asUser(DEMO_USERS.usCoChair, errors, async (page) => {
      await visit(page, `/groups/${groupId}/record`);
      const table = page.locator('[data-testid="record-table"]');
      await table.waitFor();
      for (const summary of await table.locator('details summary').all()) await summary.click();
      const fit = await table.evaluate((el) => ({ table: el.scrollWidth, wrap: (el.parentElement as HTMLElement).clientWidth }));
      expect(fit.table, 'record table width within its frame').toBeLessThanOrEqual(fit.wrap);
    });
  });

  it('the audit log names who acted and reads on past its first page', async () => {
    await asUser(DEMO_USERS.admin, errors, async (page) => {
      await visit(page, '/admin/audit');
      await page.locator('select[name="limit"]').selectOption('50');
      await page.locator('form[role="search"] button[type="submit"]').click();
      const rows = page.locator('[data-testid="audit-table"] > tbody > tr');
      await page.locator('[data-testid="audit-older"]').waitFor();
      expect(await rows.count()).toBe(50);
      const who = await page.locator('[data-testid="audit-table"] > tbody > tr > td:nth-child(2)').allInnerTexts();
      expect(who).toContain('Demo Admin');
      expect(who.some((w) => w.includes('@'))).toBe(false);
      await page.locator('[data-testid="audit-older"]').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-table"] > tbody > tr').length > 50);
      const whens = await rows.count();
      expect(whens).toBeGreaterThan(50);
    });
    expect(errors).toEqual([]);
  });

  it('a visitor goes from sign-in to the public indicators and datasets, and between them', async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await visit(page, '/sign-in');
      const links = page.locator('[data-testid="public-links"] a');
      expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['/indicators', '/datasets']);
      await links.nth(0).click();
      await page.waitForURL((url) => url.pathname === '/indicators');
      await page.locator('[data-testid="public-links"] a[href="/datasets"]').click();
      await page.waitForURL((url) => url.pathname === '/datasets');
      await page.locator('main h1').waitFor();
      await page.locator('[data-testid="public-links"] a[href="/indicators"]').click();
      await page.waitForURL((url) => url.pathname === '/indicators');
    } finally {
      await browser.close();
    }
  });
});
