import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_DATASETS, openDataset } from './helpers/datasets.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { findRow } from './helpers/directory.ts';
import { acceptProposal, chooseCitationFormat, citationShown, fetchFromPage, planRoundThroughApi, proposal, proposeOrganization } from './helpers/exports.ts';
import { openModule, signIn, signOut } from './helpers/ui.ts';

describe('directory proposals, round calendars and dataset citations', () => {
  let browser: Browser;
  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    await browser.close();
  });

  it("lets a member propose an organisation that only that side's officer can accept, which adds and screens it", async () => {
    const { page } = browser;
    const nameEn = `Proposed Institute ${Date.now()}`;
    await signIn(page, DEMO_USERS.usMember);
    await proposeOrganization(page, { nameEn, nameZh: '提议研究所', side: 'CN', country: 'CN', reason: 'Partner in the air-quality dataset.' });
    expect(await proposal(page, nameEn).getAttribute('data-status')).toBe('pending');
    // A member decides nothing.
    expect(await proposal(page, nameEn).locator('button').count()).toBe(0);
    await signOut(page);

    await signIn(page, DEMO_USERS.usCompliance);
    await openModule(page, 'directory');
    await proposal(page, nameEn).waitFor();
    // The other side's officer is offered no decision (the server refuses it with wrong_side as well).
    expect(await proposal(page, nameEn).locator('button').count()).toBe(0);
    await signOut(page);

    await signIn(page, DEMO_USERS.cnCompliance);
    await openModule(page, 'directory');
    await acceptProposal(page, nameEn);
    const accepted = proposal(page, nameEn);
    expect(await accepted.locator('[data-kind="screeningStatus"]').getAttribute('data-status')).toMatch(/^(clear|potential_match|confirmed_match|cleared_by_decision)$/);
    expect(await findRow(page, 'organizations', nameEn)).toContain('提议研究所');
  });

  it('adds a round to a calendar and serves a personal feed until it is turned off', async () => {
    const { page, baseUrl } = browser;
    await signIn(page, DEMO_USERS.usCoChair);
    const roundId = await planRoundThroughApi(page, { en: 'Calendar round', zh: '日历轮次' });
    await page.goto(`/dialogues/rounds/${roundId}`);
    const href = await page.locator('[data-testid="add-to-calendar"]').getAttribute('href');
    expect(href).toBe(`/api/dialogues/rounds/${roundId}/calendar.ics`);
    const ics = await fetchFromPage(page, href ?? '');
    expect(ics.status).toBe(200);
    expect(ics.type).toBe('text/calendar; charset=utf-8');
    expect(ics.body).toContain(`UID:round-${roundId}@`);
    expect(ics.body).toContain('SUMMARY:Calendar round');

    await openModule(page, 'dialogues');
    await page.locator('[data-testid="calendar-feed-rotate"]').click();
    const feedUrl = await page.locator('[data-testid="calendar-feed-url"]').inputValue();
    expect(feedUrl.startsWith(`${baseUrl}/api/calendar/feeds/`)).toBe(true);
    // A calendar app fetches the address with no cookie.
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain(`UID:round-${roundId}@`);

    await page.locator('[data-testid="calendar-feed-revoke"]').click();
    await page.locator('[data-testid="confirm-yes"]').click();
    await page.locator('[data-testid="calendar-feed-url"]').waitFor({ state: 'detached' });
    expect((await fetch(feedUrl)).status).toBe(404);
  });

  it('shows a citation box with a format switch and a copy button on the dataset page', async () => {
    const { page, context } = browser;
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openDataset(page, DEMO_DATASETS.airQuality);
    const bibtex = await citationShown(page);
    expect(bibtex.format).toBe('bibtex');
    expect(bibtex.text.startsWith('@misc{')).toBe(true);
    expect(bibtex.text).toContain(DEMO_DATASETS.airQuality);

    await chooseCitationFormat(page, 'ris');
    expect((await citationShown(page)).text.startsWith('TY  - DATA')).toBe(true);
    await chooseCitationFormat(page, 'datacite-xml');
    const xml = (await citationShown(page)).text;
    expect(xml).toContain('xmlns="http://datacite.org/schema/kernel-4"');

    await page.locator('[data-testid="citation-copy"]').click();
    await expect.poll(async () => (await page.evaluate(() => navigator.clipboard.readText())).trim()).toBe(xml.trim());
  });

});
