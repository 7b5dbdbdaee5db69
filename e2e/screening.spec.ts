import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { apiSession, confirmListShrink, explanationOf, importLists, listFixture, openAlerts, openParty, recordDecision, screenName } from './helpers/screening.ts';
import { signIn, switchLanguage } from './helpers/ui.ts';

// This spec's own compliance officer, so switching language here cannot leak into other specs.
const officer = { email: `cn.officer.${Date.now()}@e2e.qiao.example`, password: 'e2e-officer-password' };

describe('screening in the platform', () => {
  let browser: Browser;
  beforeAll(async () => {
    const admin = await apiSession(inject('baseUrl'), DEMO_USERS.admin);
    await admin('POST', '/api/users', { email: officer.email, displayName: 'E2E CN officer', side: 'CN', roles: [{ role: 'compliance_officer', side: 'CN' }], password: officer.password });
    for (const [en, zh] of [
      ['Huawei Technologies Co., Ltd.', '华为技术有限公司'],
      ['Zhejiang Dahua Technology Co., Ltd.', '浙江大华技术股份有限公司'],
    ] as const) {
      await admin('POST', '/api/organizations', { names: [{ lang: 'en', value: en }, { lang: 'zh-Hans', value: zh }], side: 'CN', country: 'CN', kind: 'company' });
    }
  });
  afterAll(async () => {
    await browser.close();
  });

  it('imports lists, finds 华为技术有限公司 with its explanation, records a decision, and raises an alert when a list changes', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, DEMO_USERS.admin);
    // Another spec on this shared server may have imported the same files already.
    expect(await importLists(page, listFixture('v1'))).toMatch(/test-us: (version 1|unchanged)/);

    await page.context().clearCookies();
    await signIn(page, officer.email, officer.password);
    const matches = await screenName(page, '华为技术有限公司');
    expect(matches).toContain('Huawei Technologies Co., Ltd.');
    const why = await explanationOf(page, 'Huawei Technologies Co., Ltd.');
    expect(why.join('\n')).toMatch(/华为|huawei/i);

    await openParty(page, 'Huawei Technologies Co., Ltd.');
    expect(await page.locator('#party-title').innerText()).toContain('华为技术有限公司');
    const decided = await recordDecision(page, 'true_match', 'Same entity: name, address and registration match the Entity List entry');
    expect(decided).toMatch(/True match \(in force\)/);

    await page.context().clearCookies();
    await signIn(page, DEMO_USERS.admin);
    // v2 drops one of test-us's five records: the page asks before removing more than 10% of a list.
    expect(await importLists(page, listFixture('v2'))).toMatch(/test-us: 1 of 5 records would be removed/);
    expect(await confirmListShrink(page)).toMatch(/version 2 \(1 added/);

    await page.context().clearCookies();
    await signIn(page, officer.email, officer.password);
    // Re-screening runs as a background job; the alert appears once it has run.
    let alerts: string[] = [];
    for (let i = 0; i < 40 && !alerts.some((a) => a.includes('Dahua')); i++) {
      alerts = await openAlerts(page).catch(() => []);
      if (!alerts.some((a) => a.includes('Dahua'))) await page.waitForTimeout(500);
    }
    expect(alerts.find((a) => a.includes('Dahua'))).toMatch(/New hit/);

    await switchLanguage(page, 'zh');
    expect(await page.locator('#alerts-title').innerText()).toBe('警报');
    expect(await page.locator('table tbody tr', { hasText: 'Dahua' }).first().innerText()).toMatch(/新命中/);
  });
});
