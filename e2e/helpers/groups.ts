// Steps in the working groups and dialogues pages: create a group, hold a round, approve minutes,
// assign actions, verify the record. Selectors use names and test ids, never translated text, so
// every step works in English and in Chinese.
import type { Locator, Page } from 'playwright-core';
import groupsEn from '../../apps/web/src/pages/groups/i18n/en.json' with { type: 'json' };
import groupsZh from '../../apps/web/src/pages/groups/i18n/zh.json' with { type: 'json' };
import { openBrowser } from './browser.ts';
import { signIn, visit } from './ui.ts';

/** The groups namespace's messages, so a spec asserts on what a person reads. */
export const groupMessages = { en: groupsEn, zh: groupsZh } as const;

export interface Bilingual {
  en?: string;
  zh?: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Fill the English and Chinese inputs of a side-by-side bilingual field. */
async function fillBilingual(scope: Locator | Page, name: string, value: Bilingual): Promise<void> {
  if (value.en !== undefined) await scope.locator(`[name="${name}-en"]`).fill(value.en);
  if (value.zh !== undefined) await scope.locator(`[name="${name}-zh"]`).fill(value.zh);
}

/** Open a collapsed form panel by its test id and return it. */
async function openPanel(scope: Locator | Page, testId: string): Promise<Locator> {
  const panel = scope.locator(`details[data-testid="${testId}"]`).last();
  if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
  return panel;
}

export interface NewGroup {
  name: Bilingual;
  charter: Bilingual;
  area: string;
}

/** Admin: create a working group from the list page; returns its id. */
export async function createGroup(page: Page, group: NewGroup): Promise<string> {
  await visit(page, '/groups');
  await page.locator('[data-testid="new-group"]').click();
  const form = page.locator('[data-testid="create-group-form"]');
  await fillBilingual(form, 'name', group.name);
  await fillBilingual(form, 'charter', group.charter);
  await form.locator('[name="technologyArea"]').fill(group.area);
  await form.locator('button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/groups/${UUID}$`));
  await page.locator('[data-testid="group-page"]').waitFor();
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

export async function openGroup(page: Page, groupId: string): Promise<void> {
  await visit(page, `/groups/${groupId}`);
  await page.locator('[data-testid="group-page"]').waitFor();
}

/** Admin, on the group page: appoint the co-chair of a side by email. */
export async function appointCoChair(page: Page, side: string, email: string): Promise<void> {
  const admin = page.locator('[data-testid="cochair-admin"]');
  const select = admin.locator(`select[name="cochair-${side}"]`);
  const option = select.locator(`option[data-email="${email}"]`);
  await option.waitFor({ state: 'attached' });
  await select.selectOption((await option.getAttribute('value')) ?? '');
  await admin.locator(`[data-testid="appoint-${side}"]`).click();
  await page.locator(`[data-testid="members-${side}"] li[data-role="co_chair"]`).waitFor();
}

/** Names of the members of one side on the group page, co-chair first. */
export async function membersOf(page: Page, side: string): Promise<{ name: string; role: string }[]> {
  return page.locator(`[data-testid="members-${side}"] li`).evaluateAll((lis) =>
    lis.map((li) => ({ name: li.querySelector('strong')?.textContent ?? '', role: li.getAttribute('data-role') ?? '' })),
  );
}

/** Admin or co-chair: move the group to a status (e.g. active). */
export async function setGroupStatus(page: Page, status: string): Promise<void> {
  const control = page.locator('[data-testid="group-status-control"]');
  await control.locator('select[name="group-status"]').selectOption(status);
  await control.locator('button').click();
  await page.locator(`[data-testid="group-page"] header [data-status="${status}"]`).waitFor();
}

/** Co-chair: from the group page's dialogues, open a track. */
export async function openTrack(page: Page, groupId: string, title: Bilingual): Promise<void> {
  await visit(page, `/dialogues/groups/${groupId}`);
  const before = await page.locator('[data-testid="track"]').count();
  const panel = await openPanel(page, 'new-track');
  await fillBilingual(panel, 'track-title', title);
  await panel.locator('button[type="submit"]').click();
  await page.locator('[data-testid="track"]').nth(before).waitFor();
}

export interface NewRound {
  title: Bilingual;
  /** `YYYY-MM-DDTHH:MM` in the browser's time zone. */
  startsAt: string;
  place?: string;
  onlineLink?: string;
}

/** Co-chair: plan a round in the last track on the group's dialogues page; returns the round id. */
export async function planRound(page: Page, round: NewRound): Promise<string> {
  const track = page.locator('[data-testid="track"]').last();
  const rows = track.locator('[data-testid="rounds-table"] tbody tr');
  const before = await rows.count();
  const panel = await openPanel(track, 'new-round');
  await fillBilingual(panel, 'round-title', round.title);
  await panel.locator('[name="startsAt"]').fill(round.startsAt);
  if (round.place) await panel.locator('[name="place"]').fill(round.place);
  if (round.onlineLink) await panel.locator('[name="onlineLink"]').fill(round.onlineLink);
  await panel.locator('button[type="submit"]').click();
  await rows.nth(before).waitFor();
  return (await rows.nth(before).getAttribute('data-round-id')) ?? '';
}

/** The participants column of a round in the rounds table, as shown. */
export async function roundRowText(page: Page, roundId: string): Promise<string> {
  return page.locator(`tr[data-round-id="${roundId}"]`).innerText();
}

export async function openRound(page: Page, roundId: string): Promise<void> {
  await visit(page, `/dialogues/rounds/${roundId}`);
  await page.locator('[data-testid="round-page"]').waitFor();
}

/** Co-chair: add an agenda item to the open round. */
export async function addAgendaItem(page: Page, title: Bilingual): Promise<void> {
  const items = page.locator('[data-testid="agenda-item"]');
  const before = await items.count();
  const panel = await openPanel(page, 'new-item');
  await fillBilingual(panel, 'item-title', title);
  await panel.locator('button[type="submit"]').click();
  await items.nth(before).waitFor();
}

function positionPanel(page: Page, side: string): Locator {
  return page.locator('[data-testid="agenda-item"]').first().locator(`[data-testid="position-${side}"]`);
}

/** Write (or rewrite) one side's position and concerns on the first agenda item. */
export async function writePosition(page: Page, side: string, position: Bilingual, concerns?: Bilingual): Promise<void> {
  const panel = positionPanel(page, side);
  const edit = panel.locator(`[data-testid="edit-position-${side}"]`);
  if (await edit.count()) await edit.click();
  const form = panel.locator(`[data-testid="position-editor-${side}"]`);
  await fillBilingual(form, `position-${side}`, position);
  if (concerns) await fillBilingual(form, `concerns-${side}`, concerns);
  await form.locator('button[type="submit"]').click();
  await panel.locator('[data-testid="position-text"]').waitFor();
}

/** How many ways the page offers to edit a side's position on the first item (a form or an edit button). */
export async function positionEditors(page: Page, side: string): Promise<number> {
  const panel = positionPanel(page, side);
  await panel.waitFor();
  return (await panel.locator('form, textarea').count()) + (await panel.locator(`[data-testid="edit-position-${side}"]`).count());
}

/** The position text shown for a side on the first item, and its bilingual flag if any. */
export async function positionShown(page: Page, side: string): Promise<{ text: string; flag: string | null }> {
  const panel = positionPanel(page, side);
  const text = (await panel.locator('[data-testid="position-text"]').innerText()).trim();
  const flag = panel.locator('[data-testid="bilingual-flag"]').first();
  return { text, flag: (await flag.count()) ? await flag.getAttribute('data-flag') : null };
}

/** Co-chair: set the first item's convergence with a note. */
export async function setConvergence(page: Page, status: string, note: string): Promise<void> {
  const item = page.locator('[data-testid="agenda-item"]').first();
  const form = item.locator('[data-testid="convergence-form"]');
  await form.locator('select[name="convergence"]').selectOption(status);
  await form.locator('[name="convergence-note"]').fill(note);
  await form.locator('button[type="submit"]').click();
  await page.locator(`[data-testid="agenda-item"][data-convergence="${status}"]`).first().waitFor();
}

/** The first item's convergence history, oldest first, as `from→to` pairs. */
export async function convergenceHistory(page: Page): Promise<string[]> {
  const history = page.locator('[data-testid="agenda-item"]').first().locator('[data-testid="convergence-history"]');
  return history.locator('li').evaluateAll((lis) =>
    lis.map((li) => Array.from(li.querySelectorAll('[data-status]'), (b) => b.getAttribute('data-status')).join('→')),
  );
}

export interface MinutesText {
  body: Bilingual;
  decisions: Bilingual[];
}

/** Participant or co-chair: draft the round's minutes with their decisions. */
export async function draftMinutes(page: Page, minutes: MinutesText): Promise<void> {
  const form = page.locator('[data-testid="minutes-form"]');
  await fillBilingual(form, 'minutes-body', minutes.body);
  for (const [i, decision] of minutes.decisions.entries()) {
    await form.locator('[data-testid="add-decision"]').click();
    await fillBilingual(form, `decision-${i}`, decision);
  }
  await form.locator('button[type="submit"]').click();
  await page.locator('[data-testid="minutes-view"]').waitFor();
}

export interface MinutesState {
  status: string;
  revision: number;
  approved: Record<string, boolean>;
}

export async function minutesState(page: Page): Promise<MinutesState> {
  const view = page.locator('[data-testid="minutes-view"]');
  await view.waitFor();
  const approved = await page.locator('[data-testid="approvals"] [data-side]').evaluateAll((els) =>
    Object.fromEntries(els.map((el) => [el.getAttribute('data-side') ?? '', el.getAttribute('data-approved') === 'true'])),
  );
  return { status: (await view.getAttribute('data-status')) ?? '', revision: Number(await view.getAttribute('data-revision')), approved };
}

/** Co-chair: approve the current revision of the minutes as their side. */
export async function approveMinutes(page: Page, side: string): Promise<MinutesState> {
  await page.locator('[data-testid="approve-minutes"]').click();
  // An approval cannot be withdrawn, so the page asks once more.
  await page.locator('[data-testid="confirm-dialog"] [data-testid="confirm-yes"]').click();
  await page.locator(`[data-testid="approval-${side}"][data-approved="true"]`).waitFor();
  return minutesState(page);
}

export async function canApproveMinutes(page: Page): Promise<boolean> {
  await page.locator('[data-testid="approvals"]').waitFor();
  return (await page.locator('[data-testid="approve-minutes"]').count()) > 0;
}

export interface NewAction {
  title: Bilingual;
  /** Display name of the owner on each side. */
  owners: Record<string, string>;
  /** `YYYY-MM-DD` */
  due: string;
}

/** Co-chair: turn the first recorded decision into an action item with an owner on each side. */
export async function assignAction(page: Page, action: NewAction): Promise<void> {
  const decision = page.locator('[data-testid="decision"]').first();
  await decision.waitFor();
  const rows = decision.locator('[data-testid="decision-actions"] tbody tr');
  const before = await rows.count();
  const panel = await openPanel(decision, 'assign-action');
  await fillBilingual(panel, 'action-title', action.title);
  for (const [side, name] of Object.entries(action.owners)) await panel.locator(`select[name="owner-${side}"]`).selectOption({ label: name });
  await panel.locator('[name="action-due"]').fill(action.due);
  await panel.locator('button[type="submit"]').click();
  await rows.nth(before).waitFor();
}

export interface ActionRow {
  owners: string[];
  overdue: boolean;
  text: string;
}

/** The rows of an action table (by test id), with each row's owner sides and overdue flag. */
export async function actionRows(page: Page, testId: string): Promise<ActionRow[]> {
  const table = page.locator(`[data-testid="${testId}"]`).first();
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      owners: Array.from(tr.querySelectorAll('[data-owner-side]'), (li) => li.getAttribute('data-owner-side') ?? ''),
      overdue: tr.getAttribute('data-overdue') === 'true',
      text: (tr as HTMLElement).innerText,
    })),
  );
}

/** Open a group's record page and press "verify"; returns whether the chain holds and the message. */
export async function verifyRecord(page: Page, groupId: string): Promise<{ ok: boolean; message: string; entries: number }> {
  await visit(page, `/groups/${groupId}/record`);
  const rows = page.locator('[data-testid="record-table"] tbody tr');
  await rows.first().waitFor();
  await page.locator('[data-testid="verify-record"]').click();
  const result = page.locator('[data-testid="verify-result"]');
  await result.waitFor();
  return { ok: (await result.getAttribute('data-ok')) === 'true', message: (await result.innerText()).trim(), entries: await rows.count() };
}

/** The link the record page offers for the export download. */
export async function exportHref(page: Page): Promise<string | null> {
  return page.locator('[data-testid="export-record"]').getAttribute('href');
}

/** Participant or co-chair: open the amend form on the minutes (a new revision once saved). */
export async function startAmending(page: Page): Promise<void> {
  await page.locator('[data-testid="amend-minutes"]').click();
  await page.locator('[data-testid="minutes-form"]').waitFor();
}

/** Change the body in the open amend form and save; tells whether it saved or met a concurrent edit. */
export async function saveAmendment(page: Page, body: Bilingual, note: string): Promise<'saved' | 'conflict'> {
  const form = page.locator('[data-testid="minutes-form"]');
  await fillBilingual(form, 'minutes-body', body);
  await form.locator('[name="minutes-note"]').fill(note);
  await form.locator('button[type="submit"]').click();
  const conflict = page.locator('[data-testid="minutes-conflict"]');
  const saved = form.waitFor({ state: 'detached' }).then(() => 'saved' as const);
  return Promise.race([saved, conflict.waitFor().then(() => 'conflict' as const)]);
}

/** Wait until the page shows revision `n` of the minutes, then read their state. */
export async function minutesAtRevision(page: Page, n: number): Promise<MinutesState> {
  await page.locator(`[data-testid="minutes-view"][data-revision="${n}"]`).waitFor();
  return minutesState(page);
}

/** On the record page: recompute the downloaded export's chain in the browser, as the CLI does offline. */
export async function verifyExportInBrowser(page: Page): Promise<boolean> {
  await page.locator('[data-testid="verify-record-locally"]').click();
  const result = page.locator('[data-testid="verify-result"][data-where="browser"]');
  await result.waitFor();
  return (await result.getAttribute('data-ok')) === 'true';
}

/**
 * Run some steps as one person in a browser of their own, opened and signed in for these steps and
 * closed after, so no page sits idle between steps. Script errors on the page are collected.
 */
export async function asUser(email: string, pageErrors: string[], steps: (page: Page) => Promise<void>): Promise<void> {
  const browser = await openBrowser();
  browser.page.setDefaultTimeout(60_000);
  browser.page.on('pageerror', (error) => pageErrors.push(`${email}: ${error.message}`));
  try {
    await signIn(browser.page, email);
    await steps(browser.page);
  } finally {
    await browser.close();
  }
}
