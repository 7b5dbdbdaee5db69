// Steps on the joint-project pages: propose, watch the live pre-check, submit, review, sign off.
// Selectors use names, test ids and data attributes, never translated text, so every step works in
// English and in Chinese. The working group a proposal needs is set up through the API, so the spec
// does not depend on demo content.
import type { Page } from 'playwright-core';
import projectsEn from '../../apps/web/src/pages/projects/i18n/en.json' with { type: 'json' };
import projectsZh from '../../apps/web/src/pages/projects/i18n/zh.json' with { type: 'json' };
import { DEMO_PASSWORD, DEMO_USERS } from './demo.ts';
import { visit } from './ui.ts';

/** The projects namespace's messages, so a spec asserts on what a person reads. */
export const projectMessages = { en: projectsEn, zh: projectsZh } as const;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

// ---------- Set-up through the API ----------

interface ApiSession {
  userId: string;
  call: <T>(method: 'GET' | 'POST', path: string, body?: unknown) => Promise<T>;
}

/** Sign in over HTTP as a browser would, keeping the session cookie and CSRF token. */
async function apiSignIn(baseUrl: string, email: string): Promise<ApiSession> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in as ${email} failed: ${response.status}`);
  const session = (await response.json()) as { user: { id: string }; csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    userId: session.user.id,
    call: async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': session.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path} as ${email} failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
}

/**
 * A working group with the demo co-chairs of both sides and the demo members of both sides, made
 * the way people would: the admin creates it and appoints the co-chairs, each member asks to join
 * and their side's co-chair approves. Returns the group's id.
 */
export async function setUpWorkingGroup(baseUrl: string, name: { en: string; zh: string }): Promise<string> {
  const admin = await apiSignIn(baseUrl, DEMO_USERS.admin);
  const usChair = await apiSignIn(baseUrl, DEMO_USERS.usCoChair);
  const cnChair = await apiSignIn(baseUrl, DEMO_USERS.cnCoChair);
  const group = await admin.call<{ id: string }>('POST', '/api/working-groups', {
    name,
    charter: { en: 'Joint basic research set up by the projects browser test.', zh: '由项目浏览器测试建立的联合基础研究。' },
    technologyArea: 'semiconductors',
  });
  for (const chair of [usChair, cnChair]) await admin.call('POST', `/api/working-groups/${group.id}/co-chairs`, { userId: chair.userId });
  for (const [email, chair] of [
    [DEMO_USERS.usMember, usChair],
    [DEMO_USERS.cnMember, cnChair],
  ] as const) {
    const member = await apiSignIn(baseUrl, email);
    const request = await member.call<{ id: string }>('POST', `/api/working-groups/${group.id}/join-requests`, {});
    await chair.call('POST', `/api/working-groups/${group.id}/join-requests/${request.id}/decision`, { decision: 'approve' });
  }
  return group.id;
}

// ---------- The proposal form ----------

/** From the project list, open the proposal form. */
export async function openProposalForm(page: Page): Promise<void> {
  await visit(page, '/projects');
  await page.locator('[data-testid="new-project"]').click();
  await page.locator('[data-testid="proposal-form"]').waitFor();
}

export interface Proposal {
  groupId: string;
  title: { en: string; zh: string };
  technologyArea: string;
  keywords: string;
  /** Names to find in the directory, as shown in the picker. */
  parties: string[];
}

/** Fill everything but the abstract, which is typed separately to watch the live check. */
export async function fillProposal(page: Page, proposal: Proposal): Promise<void> {
  const form = page.locator('[data-testid="proposal-form"]');
  await form.locator('select[name="groupId"]').selectOption(proposal.groupId);
  await form.locator('[name="title-en"]').fill(proposal.title.en);
  await form.locator('[name="title-zh"]').fill(proposal.title.zh);
  await form.locator('[name="technologyArea"]').fill(proposal.technologyArea);
  await form.locator('[name="keywords"]').fill(proposal.keywords);
  for (const party of proposal.parties) await addParty(page, party);
}

/** Find a party in the directory picker and add it to the proposal. */
export async function addParty(page: Page, name: string): Promise<void> {
  const picker = page.locator('[data-testid="parties-picker"]');
  await picker.locator('input[name="party-search"]').fill(name);
  const candidate = picker.locator('[data-testid="party-candidate"]', { hasText: name }).first();
  await candidate.locator('button').click();
  await picker.locator('[data-testid="chosen-parties"] tbody tr', { hasText: name }).waitFor();
}

/** The side and screening status the picker shows for a chosen party. */
export async function chosenParty(page: Page, name: string): Promise<{ side: string; screening: string }> {
  const row = page.locator('[data-testid="chosen-parties"] tbody tr', { hasText: name });
  return {
    side: (await row.getAttribute('data-side')) ?? '',
    screening: (await row.locator('[data-testid="screening-status"]').getAttribute('data-status')) ?? '',
  };
}

/** Type an abstract key by key, as a person would, so the live check runs on the way. */
export async function typeAbstract(page: Page, lang: 'en' | 'zh', text: string): Promise<void> {
  const field = page.locator(`[data-testid="proposal-form"] [name="abstract-${lang}"]`);
  await field.click();
  await field.pressSequentially(text, { delay: 15 });
}

/** Wait for the live pre-check to answer for what is typed now; returns its verdict and marked terms. */
export async function liveVerdict(page: Page): Promise<{ verdict: string; marked: string[] }> {
  const panel = page.locator('[data-testid="live-precheck"][data-state="ready"]');
  await panel.waitFor();
  const verdict = (await panel.locator('[data-testid="technology-verdict"]').getAttribute('data-verdict')) ?? '';
  const marked = await panel.locator('[data-testid^="highlight-"] mark').allInnerTexts();
  return { verdict, marked };
}

/** Save the proposal and submit it in one go; returns the new project's id once its page shows. */
export async function saveAndSubmit(page: Page): Promise<string> {
  await page.locator('[data-testid="save-and-submit"]').click();
  await page.waitForURL(new RegExp(`/projects/${UUID}$`));
  await page.locator('[data-testid="prechecks"]').waitFor();
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

// ---------- The project page ----------

export async function openProject(page: Page, id: string): Promise<void> {
  await visit(page, `/projects/${id}`);
  await page.locator('[data-testid="history"]').waitFor();
}

export async function projectStatus(page: Page): Promise<{ status: string; label: string }> {
  const badge = page.locator('.project-summary [data-testid="project-status"]');
  await badge.waitFor();
  return { status: (await badge.getAttribute('data-status')) ?? '', label: (await badge.innerText()).trim() };
}

/** Wait until the project page shows a status. */
export async function waitForStatus(page: Page, status: string): Promise<void> {
  await page.locator(`.project-summary [data-testid="project-status"][data-status="${status}"]`).waitFor();
}

/** The flags one side's compliance officer must review: kind, severity and the matched terms shown. */
export async function flagsOf(page: Page, side: string): Promise<{ kind: string; severity: string; text: string }[]> {
  const flags = page.locator(`[data-testid="flags-${side}"] [data-testid="flag"]`);
  return flags.evaluateAll((items) =>
    items.map((li) => ({ kind: li.getAttribute('data-kind') ?? '', severity: li.getAttribute('data-severity') ?? '', text: li.textContent ?? '' })),
  );
}

/** Marked terms in the checked abstracts on the project page. */
export async function checkedTerms(page: Page): Promise<string[]> {
  return page.locator('[data-testid="prechecks"] [data-testid^="checked-"] mark').allInnerTexts();
}

/** A compliance officer records a decision on their side's flags. */
export async function recordReview(page: Page, side: string, decision: 'cleared' | 'blocked', reason: string): Promise<void> {
  const form = page.locator(`[data-testid="review-form-${side}"]`);
  await form.locator(`input[name="decision"][value="${decision}"]`).check();
  await form.locator('textarea[name="reason"]').fill(reason);
  await form.locator('[data-testid="record-review"]').click();
  await page.locator(`[data-testid="review-${side}"][data-decision="${decision}"]`).waitFor();
}

/** The action buttons the page offers the reader, by action id. */
export async function offeredActions(page: Page): Promise<string[]> {
  const bar = page.locator('[data-testid="project-actions"]');
  if ((await bar.count()) === 0) return [];
  return bar.locator('button[data-action]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-action') ?? ''));
}

/** Take an action from the bar; when it asks for a reason, give it in the dialog. */
export async function takeAction(page: Page, action: string, reason?: string): Promise<void> {
  await page.locator(`[data-testid="project-actions"] button[data-action="${action}"]`).click();
  if (reason !== undefined) {
    const dialog = page.locator('[data-testid="reason-dialog"]');
    await dialog.locator('textarea[name="reason"]').fill(reason);
    await dialog.locator('[data-testid="confirm-action"]').click();
  }
}

/** A co-chair signs off; waits until the page shows that side's sign-off. */
export async function signOff(page: Page, side: string): Promise<void> {
  await takeAction(page, 'approve');
  // A sign-off cannot be taken back, so the page asks once more.
  await page.locator('[data-testid="confirm-dialog"] [data-testid="confirm-yes"]').click();
  await page.locator(`[data-testid="signoff-${side}"][data-signed="true"]`).waitFor();
}

/** The history's actions, oldest first. */
export async function historyActions(page: Page): Promise<string[]> {
  return page.locator('[data-testid="history"] .timeline-entry').evaluateAll((items) => items.map((li) => li.getAttribute('data-action') ?? ''));
}
