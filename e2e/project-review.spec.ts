import type { PartyScreening, Project } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { offeredActions, openProject, openProposalForm, projectStatus, setUpWorkingGroup, signOff } from './helpers/projects.ts';
import { apiSession } from './helpers/screening.ts';
import { signIn } from './helpers/ui.ts';

/** A semiconductor project flagged for US review, cleared by the US officer, ready for sign-off. */
async function clearedProject(baseUrl: string): Promise<string> {
  const groupId = await setUpWorkingGroup(baseUrl, { en: `Review steps ${Date.now()}`, zh: `审查步骤 ${Date.now()}` });
  const member = await apiSession(baseUrl, DEMO_USERS.usMember);
  const { items } = await member<{ items: PartyScreening[] }>('GET', '/api/screening/parties');
  const party = (side: string) => items.find((p) => p.side === side && p.partyKind === 'organization' && p.status === 'clear');
  const parties = ['US', 'CN'].map((side) => ({ partyId: party(side)?.partyId ?? '', kind: 'organization', role: 'partner' }));
  const p = await member<Project>('POST', '/api/projects', {
    groupId,
    title: { en: 'EUV lithography metrology', zh: '极紫外光刻计量' },
    abstract: { en: 'Joint research on extreme ultraviolet (EUV) lithography for advanced semiconductor manufacturing.', zh: '关于先进半导体制造中极紫外光刻的联合研究。' },
    technologyArea: 'semiconductors',
    parties,
  });
  const submitted = await member<Project>('POST', `/api/projects/${p.id}/transitions`, { action: 'submit', reason: '', version: p.version });
  const officer = await apiSession(baseUrl, DEMO_USERS.usCompliance);
  for (const side of submitted.pendingReviewSides) {
    const who = side === 'US' ? officer : await apiSession(baseUrl, DEMO_USERS.cnCompliance);
    await who('POST', `/api/projects/${p.id}/reviews`, { side, decision: 'cleared', reason: 'Basic research; nothing controlled is shared.' });
  }
  return p.id;
}

describe('reviewing and signing off a project', () => {
  let browser: Browser;
  let projectId: string;
  beforeAll(async () => {
    projectId = await clearedProject(inject('baseUrl'));
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('shows a cleared flag as cleared, says who is next in words, and explains to the other side why it cannot decide', async () => {
    const { page } = browser;
    await signIn(page, DEMO_USERS.cnCompliance);
    await openProject(page, projectId);
    const states = await page.locator('[data-testid="flags-US"] [data-testid="flag-state"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => s === 'cleared')).toBe(true);
    expect(await page.locator('[data-testid="flags-US"]').innerText()).not.toMatch(/Needs review/);
    // Nobody is waiting for a review: no "Waiting for review by: ." with an empty list.
    expect(await page.locator('[data-testid="next-step"]').innerText()).not.toMatch(/:\s*\./);
    // The CN officer sees why the US flags are not theirs to decide.
    expect(await page.locator('[data-testid="other-side-note-US"]').innerText()).toMatch(/Only side US's compliance officer/);
    // The area reads as words, not as its key.
    expect(await page.locator('.project-summary').innerText()).toContain('Semiconductors');
  });

  it('asks before leaving a half-filled proposal, and stays when told to', async () => {
    const { page } = browser;
    await page.context().clearCookies();
    await signIn(page, DEMO_USERS.usMember);
    await openProposalForm(page);
    await page.locator('[data-testid="proposal-form"] [name="title-en"]').fill('Half-written title');
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.locator('#main-nav a[href="/screening"]').click({ force: true });
    await page.waitForTimeout(300);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/not saved/);
    expect(new URL(page.url()).pathname).toBe('/projects/new');
  });

  it('takes the sign-off away once the co-chair has signed, with a confirmation before and a toast after', async () => {
    const { page } = browser;
    await page.context().clearCookies();
    await signIn(page, DEMO_USERS.usCoChair);
    await openProject(page, projectId);
    expect(await offeredActions(page)).toContain('approve');
    // Cancelling the confirmation signs nothing.
    await page.locator('[data-testid="project-actions"] button[data-action="approve"]').click();
    await page.locator('[data-testid="confirm-no"]').click();
    expect(await page.locator('[data-testid="signoff-US"]').getAttribute('data-signed')).toBe('false');

    await signOff(page, 'US');
    expect(await offeredActions(page)).not.toContain('approve');
    expect(await page.locator('[data-testid="toast"]').first().innerText()).toMatch(/Sign off/);
    expect((await projectStatus(page)).status).toBe('under_review');
    // Still gone after a reload: the server no longer offers it.
    await page.reload();
    await page.locator('[data-testid="signoff-US"][data-signed="true"]').waitFor();
    expect(await offeredActions(page)).not.toContain('approve');
  });
});
