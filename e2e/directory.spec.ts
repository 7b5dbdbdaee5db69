import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addOrganization } from './helpers/admin.ts';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { demoBadges, filterBySide, findRow, rowNames, rowSides, search } from './helpers/directory.ts';
import { openModule, signIn } from './helpers/ui.ts';

describe('the directory', () => {
  let browser: Browser;
  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    await browser.close();
  });

  it('shows the demo organisations and people of both sides, flagged as demo', async () => {
    const { page } = browser;
    await signIn(page, DEMO_USERS.usCoChair);
    await openModule(page, 'directory');

    const orgSides = await rowSides(page, 'organizations');
    expect(orgSides).toContain('US');
    expect(orgSides).toContain('CN');
    expect(await demoBadges(page, 'organizations')).toBeGreaterThan(0);
    const peopleSides = await rowSides(page, 'people');
    expect(peopleSides).toContain('US');
    expect(peopleSides).toContain('CN');
    // No add forms for someone who is not an admin; every member may only propose.
    expect(await page.locator('details.form-panel:not([data-testid="propose-party"])').count()).toBe(0);
  });

  it('filters by side and finds names in any language', async () => {
    const { page } = browser;
    await signIn(page, DEMO_USERS.usCoChair);
    await openModule(page, 'directory');

    await filterBySide(page, 'CN');
    expect(new Set(await rowSides(page, 'organizations'))).toEqual(new Set(['CN']));
    await filterBySide(page, '');

    // Search for a Chinese organisation by part of a name it carries in Chinese characters.
    const cnNames = await rowNames(page, 'organizations');
    const han = cnNames.join(' ').match(/\p{Script=Han}{2}/u)?.[0];
    expect(han, 'a demo organisation with a Chinese name').toBeTruthy();
    await search(page, han ?? '');
    const found = await rowNames(page, 'organizations');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((names) => names.includes(han ?? ''))).toBe(true);
  });

  it('lets an admin add an organisation, which then shows in the table and the audit log', async () => {
    const { page } = browser;
    const nameEn = `Test Institute ${Date.now()}`;
    await signIn(page, DEMO_USERS.admin);
    await addOrganization(page, { nameEn, nameZh: '测试研究所', side: 'CN', country: 'CN' });
    expect(await findRow(page, 'organizations', nameEn)).toContain('测试研究所');

    await openModule(page, 'audit');
    const firstRow = page.locator('[data-testid="audit-table"] tbody tr').first();
    await firstRow.waitFor();
    // The audit log names who acted, with the address in the cell's tooltip.
    await expect.poll(() => firstRow.innerText(), { timeout: 10_000 }).toContain('Demo Admin');
    expect(await firstRow.locator('td[title]').first().getAttribute('title')).toBe(DEMO_USERS.admin);
    await firstRow.locator('details summary').click();
    expect(await firstRow.locator('.diff-table').innerText()).toContain(nameEn);
  });
});
