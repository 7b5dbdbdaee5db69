import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import {
  checkedTerms,
  chosenParty,
  fillProposal,
  flagsOf,
  historyActions,
  liveVerdict,
  offeredActions,
  openProject,
  openProposalForm,
  projectMessages,
  projectStatus,
  recordReview,
  saveAndSubmit,
  setUpWorkingGroup,
  signOff,
  typeAbstract,
  waitForStatus,
} from './helpers/projects.ts';
import { signIn, switchLanguage, visit } from './helpers/ui.ts';

// One project goes from proposal to approval; each step is a different person in a fresh browser.
describe('a joint project goes from proposal to dual sign-off', () => {
  let browser: Browser | null = null;
  let groupId = '';
  let projectId = '';
  const stamp = Date.now();

  beforeAll(async () => {
    groupId = await setUpWorkingGroup(inject('baseUrl'), { en: `Semiconductor physics ${stamp}`, zh: `半导体物理 ${stamp}` });
  });

  afterEach(async () => {
    await browser?.close();
    browser = null;
  });

  async function as(email: string) {
    browser = await openBrowser();
    await signIn(browser.page, email);
    return browser.page;
  }

  it('a researcher writes a bilingual proposal and sees the live pre-check turn to "review" while typing', async () => {
    const page = await as(DEMO_USERS.usMember);
    await openProposalForm(page);
    await fillProposal(page, {
      groupId,
      title: { en: `Light sources for nanoscale patterning ${stamp}`, zh: `纳米尺度图形化光源研究 ${stamp}` },
      // No controlled term yet: 'semiconductors' or 'EUV' alone already names a controlled area.
      technologyArea: 'optics',
      keywords: 'optics, light sources',
      parties: ['Massachusetts Institute of Technology', 'Tsinghua University'],
    });
    // Each party shows its side and its screening status from the directory.
    expect(await chosenParty(page, 'Massachusetts Institute of Technology')).toEqual({ side: 'US', screening: 'clear' });
    expect(await chosenParty(page, 'Tsinghua University')).toEqual({ side: 'CN', screening: 'clear' });
    expect((await liveVerdict(page)).verdict).toBe('open');

    await typeAbstract(page, 'en', 'Basic research on extreme ultraviolet (EUV) lithography for advanced semiconductor manufacturing.');
    const english = await liveVerdict(page);
    expect(english.verdict).toBe('review');
    expect(english.marked).toContain('semiconductor manufacturing');

    await typeAbstract(page, 'zh', '面向先进半导体制造的极紫外（EUV）光刻基础研究。');
    const both = await liveVerdict(page);
    expect(both.verdict).toBe('review');
    expect(both.marked).toEqual(expect.arrayContaining(['semiconductor manufacturing', '半导体制造', '光刻']));

    projectId = await saveAndSubmit(page);
    expect((await projectStatus(page)).status).toBe('submitted');
    // The technology flag goes to the US side (a US Critical and Emerging Technologies area); CN has none.
    const usFlags = await flagsOf(page, 'US');
    expect(usFlags.map((f) => [f.kind, f.severity])).toEqual([['technology', 'review']]);
    expect(usFlags[0]?.text).toContain('semiconductor manufacturing');
    expect(await flagsOf(page, 'CN')).toEqual([]);
    expect(await checkedTerms(page)).toEqual(expect.arrayContaining(['semiconductor manufacturing', '半导体制造']));
    // The proposer may only withdraw now; reviews and sign-offs are for others.
    expect(await offeredActions(page)).toEqual(['withdraw']);
  });

  it('a co-chair is not offered the sign-off before the review has started', async () => {
    const page = await as(DEMO_USERS.usCoChair);
    await openProject(page, projectId);
    expect(await offeredActions(page)).not.toContain('approve');
  });

  it('the US compliance officer clears the technology flag with a reason', async () => {
    const page = await as(DEMO_USERS.usCompliance);
    await openProject(page, projectId);
    await recordReview(page, 'US', 'cleared', 'Basic research on EUV physics with university partners; no controlled technology is transferred.');
    await waitForStatus(page, 'under_review');
    // Once decided, the flag says so and the form is gone; nobody is left to wait for.
    expect(await page.locator('[data-testid="flags-US"] [data-testid="flag-state"]').first().getAttribute('data-state')).toBe('cleared');
    expect(await page.locator('[data-testid="flags-US"] form').count()).toBe(0);
    expect(await page.locator('[data-testid="next-step"]').innerText()).not.toMatch(/:\s*\./);
  });

  it('the US co-chair signs off; the project waits for the CN co-chair', async () => {
    const page = await as(DEMO_USERS.usCoChair);
    await openProject(page, projectId);
    await signOff(page, 'US');
    expect((await projectStatus(page)).status).toBe('under_review');
    expect(await page.locator('[data-testid="signoff-CN"]').getAttribute('data-signed')).toBe('false');
    // Signed: the button is gone (a second click used to end in a 409), and a toast said it worked.
    expect(await offeredActions(page)).not.toContain('approve');
    expect(await page.locator('[data-testid="toast"]').count()).toBeGreaterThan(0);
  });

  it('the CN co-chair, reading in 中文, signs off and the project is approved', async () => {
    const page = await as(DEMO_USERS.cnCoChair);
    await switchLanguage(page, 'zh');
    await openProject(page, projectId);
    const approve = page.locator('[data-testid="project-actions"] button[data-action="approve"]');
    expect((await approve.innerText()).trim()).toBe(projectMessages.zh.action.approve);
    await signOff(page, 'CN');
    await waitForStatus(page, 'approved');
    expect((await projectStatus(page)).label).toBe(projectMessages.zh.status.approved);
    expect(await historyActions(page)).toEqual(['create', 'submit', 'review_cleared', 'sign_off', 'approve']);
  });

  it('the researcher finds the project approved in the filtered list', async () => {
    const page = await as(DEMO_USERS.usMember);
    await visit(page, `/projects?status=approved&groupId=${groupId}`);
    const card = page.locator(`[data-testid="project-card"][data-id="${projectId}"]`);
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('approved');
    expect((await card.locator('[data-testid="project-status"]').innerText()).trim()).toBe(projectMessages.en.status.approved);
  });
});
