import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';
import {
  catalogTitles,
  chartState,
  createDataset,
  datasetMessages,
  dayFromToday,
  DEMO_DATASETS,
  downloadFile,
  meetConditionsAndGrant,
  openDataset,
  previewTable,
  publishDraft,
  requestAccess,
  sha256,
  shownSha256,
  signOutFromOverview,
  switchLanguageSaved,
  transferReview,
  uploadIntoDraft,
} from './helpers/datasets.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { heading, openModule, signIn } from './helpers/ui.ts';

const { en, zh } = datasetMessages;

describe('datasets', () => {
  let browser: Browser;
  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    await browser.close();
  });

  it('shows the demo air-quality dataset with a preview table and an ECharts chart', async () => {
    const { page } = browser;
    await signIn(page, DEMO_USERS.usSteward);
    expect(await openModule(page, 'datasets')).toBe(en.catalog.title);
    const titles = await catalogTitles(page);
    expect(titles.some((t) => t.includes(DEMO_DATASETS.airQuality))).toBe(true);
    expect(titles.some((t) => t.includes(DEMO_DATASETS.seismic))).toBe(true);

    await openDataset(page, DEMO_DATASETS.airQuality);
    const table = await previewTable(page);
    expect(table.columns).toEqual(['date', 'city', 'pm25', 'o3', 'no2']);
    expect(table.rows).toBe(25);
    // Two cities, every day of 2024 and 2025.
    expect(table.range).toBe(en.preview.range.replace('{{first}}', '1').replace('{{last}}', '25').replace('{{total}}', '1462'));

    const chart = await chartState(page);
    expect(chart.drawn).toBe(true);
    expect(chart.width).toBeGreaterThan(300);
    expect(chart.label).toContain('pm25 · Beijing');
    expect(chart.label).toContain('pm25 · Los Angeles');
  });

  it('lets a steward upload a CSV into a new dataset, publish it and see its SHA-256', async () => {
    const { page } = browser;
    const titleEn = `River temperature test ${Date.now()}`;
    const csv = 'date,station,temp_c\n2025-01-01,Wuhan,8.5\n2025-01-02,Wuhan,8.1\n2025-01-01,St. Louis,2.0\n2025-01-02,St. Louis,1.4\n';
    await signIn(page, DEMO_USERS.usSteward);
    await createDataset(page, { titleEn, titleZh: '河流水温测试', descriptionEn: 'A small test file uploaded by the browser tests.', subjects: 'hydrology', accessLevel: 'open' });
    expect(await heading(page)).toBe(titleEn);

    await uploadIntoDraft(page, 'river.csv', csv);
    await publishDraft(page);
    expect(await shownSha256(page, 'river.csv')).toBe(sha256(csv));
    const table = await previewTable(page);
    expect(table.columns).toEqual(['date', 'station', 'temp_c']);
    expect(table.rows).toBe(4);
    expect((await chartState(page)).label).toContain('temp_c · Wuhan');
  });

  it('takes a US member through the transfer review to a granted download of the CN seismic catalogue', async () => {
    const { page } = browser;

    // A US member asks; the review for CN→US names its condition with the legal source.
    await signIn(page, DEMO_USERS.usMember);
    await openDataset(page, DEMO_DATASETS.seismic);
    expect(await page.locator('[data-testid="download-file"]').count()).toBe(0);
    await requestAccess(page, 'Comparing aftershock statistics with Californian catalogues for a joint paper.');
    const review = await transferReview(page);
    expect(review.verdict).toBe(en.transfer.verdict.conditions);
    expect(review.conditions).toEqual(['cn-seismic-approval']);
    expect(review.conditionTexts[0]).toContain('State Council earthquake authority');
    expect(review.citations).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="access-panel"] [data-testid="request-status"]').innerText()).toBe(en.requests.status.pending);

    // The same review in Chinese: labels and the condition itself.
    await switchLanguageSaved(page, 'zh');
    const reviewZh = await transferReview(page);
    expect(reviewZh.verdict).toBe(zh.transfer.verdict.conditions);
    expect(reviewZh.conditionTexts[0]).toContain('国务院地震工作主管部门');
    expect(await page.locator('#ds-access').innerText()).toBe(zh.accessPanel.title);
    expect(await page.locator('#ds-versions').innerText()).toBe(zh.versions.title);
    await switchLanguageSaved(page, 'en');
    await signOutFromOverview(page);

    // The CN steward records the condition as met and grants access for 30 days.
    await signIn(page, DEMO_USERS.cnSteward);
    await openDataset(page, DEMO_DATASETS.seismic);
    const expiry = dayFromToday(30);
    await meetConditionsAndGrant(page, 'Approval on file; cooperation with the Chinese partner confirmed.', expiry);
    await signOutFromOverview(page);

    // The member can now download, and the bytes match the SHA-256 on the page and in the header.
    await signIn(page, DEMO_USERS.usMember);
    await openDataset(page, DEMO_DATASETS.seismic);
    expect(await page.locator('[data-testid="access-reason"]').innerText()).toContain(en.reason.grantedUntil.replace('{{date}}', expiry));
    const fileName = (await page.locator('[data-testid="file-row"]').first().getAttribute('data-file-name')) ?? '';
    const shown = await shownSha256(page, fileName);
    const downloaded = await downloadFile(page, fileName);
    expect(downloaded.sha256).toBe(shown);
    expect(downloaded.headerSha256).toBe(shown);
    expect(downloaded.status).toBe(206);
  });
});
