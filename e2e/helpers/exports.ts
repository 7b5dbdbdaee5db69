// Steps for directory proposals, round calendars and dataset citations.
import type { Page } from 'playwright-core';
import { openModule } from './ui.ts';

export interface NewProposal {
  nameEn: string;
  nameZh: string;
  side: string;
  country: string;
  reason: string;
}

/** Any member: propose an organisation from the directory page. */
export async function proposeOrganization(page: Page, p: NewProposal): Promise<void> {
  await openModule(page, 'directory');
  const panel = page.locator('[data-testid="propose-party"]');
  await panel.locator('summary').click();
  await panel.locator('input[name="name-en"]').fill(p.nameEn);
  await panel.locator('input[name="name-zh-Hans"]').fill(p.nameZh);
  await panel.locator('select[name="side"]').selectOption(p.side);
  await panel.locator('input[name="country"]').fill(p.country);
  await panel.locator('textarea[name="reason"]').fill(p.reason);
  await panel.locator('button[type="submit"]').click();
  await proposal(page, p.nameEn).waitFor();
}

export function proposal(page: Page, name: string) {
  return page.locator('[data-testid="proposal"]', { hasText: name });
}

/** Show proposals in every state (the list opens on those waiting for a decision). */
export async function showAllProposals(page: Page): Promise<void> {
  await page.locator('[data-testid="party-proposals"] .section-header select').selectOption('');
}

/** A decider accepts; the list shows every state so the accepted proposal stays in view. */
export async function acceptProposal(page: Page, name: string): Promise<void> {
  await showAllProposals(page);
  await proposal(page, name).locator('button.button-primary').click();
  await page.locator('[data-testid="proposal"][data-status="accepted"]', { hasText: name }).waitFor();
}

/**
 * A co-chair plans a round in the first working group they chair, through the API with their session
 * (the demo has groups but no rounds); returns its id.
 */
export async function planRoundThroughApi(page: Page, title: { en: string; zh: string }): Promise<string> {
  return page.evaluate(async (roundTitle) => {
    const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string; user: { id: string } };
    const call = async <T>(method: string, url: string, body?: unknown) => {
      const response = await fetch(url, { method, headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, ...(body ? { body: JSON.stringify(body) } : {}) });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    for (const g of (await call<{ items: { id: string }[] }>('GET', '/api/working-groups')).items) {
      const detail = await call<{ members: { userId: string; role: string }[] }>('GET', `/api/working-groups/${g.id}`);
      if (!detail.members.some((m) => m.userId === me.user.id && m.role === 'co_chair')) continue;
      const track = await call<{ id: string }>('POST', `/api/dialogues/groups/${g.id}/tracks`, { title: { en: 'Calendar track', zh: '日历轨道' } });
      const round = await call<{ id: string }>('POST', `/api/dialogues/tracks/${track.id}/rounds`, { title: roundTitle, startsAt: '2027-03-01T09:00:00+08:00', endsAt: '2027-03-01T17:00:00+08:00', place: 'Beijing' });
      return round.id;
    }
    throw new Error('the signed-in user chairs no working group');
  }, title);
}

/** Fetch a link the page offers, with the session's cookie, as the browser would on a click. */
export async function fetchFromPage(page: Page, href: string): Promise<{ status: number; type: string | null; body: string }> {
  return page.evaluate(async (url) => {
    const response = await fetch(url);
    return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
  }, href);
}

export async function citationShown(page: Page): Promise<{ format: string | null; text: string }> {
  const box = page.locator('[data-testid="citation-text"]');
  await box.waitFor();
  return { format: await box.getAttribute('data-format'), text: await box.innerText() };
}

export async function chooseCitationFormat(page: Page, format: string): Promise<void> {
  await page.locator(`[data-testid="cite-dataset"] input[value="${format}"]`).check();
  await page.locator(`[data-testid="citation-text"][data-format="${format}"]`).waitFor();
}
