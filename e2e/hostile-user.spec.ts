import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './helpers/demo.ts';
import { messages } from './helpers/messages.ts';
import { offeredActions, openProject, setUpWorkingGroup } from './helpers/projects.ts';
import { apiSession, listFixture } from './helpers/screening.ts';
import { alertText, signIn, visit } from './helpers/ui.ts';

// The demo CN compliance officer tries, in a real browser, every action that belongs to the US side
// or to a group they are not in. The page offers none of them; the API, called with the browser's own
// session as a script on the page could, refuses each with a stable id. At the end the US side's
// objects are read back through the API: nothing changed.

const stamp = Date.now();
const SECRET_POSITION = `US position ${stamp}: share station data only after a 24-month embargo.`;
const SECRET_DRAFT = `Draft minutes ${stamp}: the US side raised concerns about export controls.`;
const US_PARTY = 'Lockheed Martin Corporation';

type Api = Awaited<ReturnType<typeof apiSession>>;
interface Refusal {
  status: number;
  id: string | undefined;
}

/** A write from the page with the session's cookie and CSRF token, as a script on the page could send. */
async function fromPage(page: Page, method: 'POST' | 'PATCH' | 'PUT' | 'GET', url: string, body?: unknown): Promise<Refusal> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const response = await fetch(url, {
        method,
        headers: { accept: 'application/json', 'x-csrf-token': me.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const parsed = (await response.json().catch(() => null)) as { error?: { id?: string } } | null;
      return { status: response.status, id: parsed?.error?.id };
    },
    { method, url, body },
  );
}

/** Headers of a fresh session, for the uploads that the JSON-only apiSession cannot send. */
async function sessionHeaders(baseUrl: string, email: string): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', 'x-csrf-token': csrfToken };
}

/** The test lists (both sides) in force: imported once per server, whichever spec gets there first. */
async function ensureTestLists(baseUrl: string, admin: Api): Promise<void> {
  const lists = await admin<{ items: { listId: string }[] }>('GET', '/api/screening/lists');
  // Importing v1 again after the screening spec's v2 would remove a record: refused without allowShrink.
  if (lists.items.some((l) => l.listId === 'test-cn')) return;
  const form = new FormData();
  for (const file of listFixture('v1')) form.append('files', new Blob([readFileSync(file)]), path.basename(file));
  const res = await fetch(`${baseUrl}/api/screening/lists/import`, { method: 'POST', headers: await sessionHeaders(baseUrl, DEMO_USERS.admin), body: form });
  if (!res.ok) throw new Error(`list import failed: ${res.status} ${await res.text()}`);
}

async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 60; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('a CN compliance officer acting on the US side and on a group they are not in', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let page: Page;
  let admin: Api;
  let partyId = '';
  let projectId = '';
  let roundId = '';
  let itemId = '';
  let minutesId = '';
  let datasetId = '';
  let fileId = '';
  let before: Awaited<ReturnType<typeof usSideState>>;

  /** Everything the officer's attempts could have touched, read back by the people who own it. */
  async function usSideState() {
    const usChair = await apiSession(baseUrl, DEMO_USERS.usCoChair);
    const party = await admin<{ names: unknown; side: string; version: number }>('GET', `/api/organizations/${partyId}`);
    const screening = await admin<{ status: string; hits: { decision: unknown }[] }>('GET', `/api/screening/parties/${partyId}`);
    const project = await admin<{ status: string; version: number; reviews: unknown[]; signOffs: unknown[] }>('GET', `/api/projects/${projectId}`);
    const history = await admin<{ items: { action: string }[] }>('GET', `/api/projects/${projectId}/history`);
    const round = await usChair<{ agenda: { positions: { side: string; position: { en: string }; version: number }[] }[] }>('GET', `/api/dialogues/rounds/${roundId}`);
    const minutes = await usChair<{ status: string; version: number; currentRevision: number }>('GET', `/api/dialogues/minutes/${minutesId}`);
    const dataset = await admin<{ accessLevel: string; version: number }>('GET', `/api/datasets/${datasetId}`);
    return {
      party: { names: party.names, side: party.side, version: party.version },
      screening: { status: screening.status, decisions: screening.hits.map((h) => h.decision) },
      project: { status: project.status, version: project.version, reviews: project.reviews, signOffs: project.signOffs, history: history.items.map((e) => e.action) },
      positions: round.agenda.map((i) => i.positions.map((p) => [p.side, p.position.en, p.version])),
      minutes,
      dataset: { accessLevel: dataset.accessLevel, version: dataset.version },
    };
  }

  beforeAll(async () => {
    admin = await apiSession(baseUrl, DEMO_USERS.admin);
    await ensureTestLists(baseUrl, admin);

    // A US company on China's list: a hit whose status is the US side's to decide.
    partyId = (await admin<{ id: string }>('POST', '/api/organizations', { names: [{ lang: 'en', value: US_PARTY }], side: 'US', country: 'US', kind: 'company' })).id;
    await waitFor(() => admin<{ hits: unknown[] }>('GET', `/api/screening/parties/${partyId}`), (d) => d.hits.length > 0, 'the US party to be screened');

    // A working group the officer is not in, with a project flagged for the US side only.
    const groupId = await setUpWorkingGroup(baseUrl, { en: `Hostile-user group ${stamp}`, zh: `敌意用户测试组 ${stamp}` });
    const usMember = await apiSession(baseUrl, DEMO_USERS.usMember);
    const orgId = async (name: string) => (await admin<{ items: { id: string }[] }>('GET', `/api/organizations?q=${encodeURIComponent(name)}`)).items[0]?.id ?? '';
    const project = await usMember<{ id: string; version: number }>('POST', '/api/projects', {
      groupId,
      title: { en: `EUV lithography metrology ${stamp}`, zh: `极紫外光刻计量 ${stamp}` },
      abstract: { en: 'Joint research on extreme ultraviolet (EUV) lithography for advanced semiconductor manufacturing.', zh: '关于先进半导体制造中极紫外光刻的联合研究。' },
      technologyArea: 'semiconductors',
      parties: [
        { partyId: await orgId('Massachusetts Institute of Technology'), kind: 'organization', role: 'partner' },
        { partyId: await orgId('Tsinghua University'), kind: 'organization', role: 'partner' },
      ],
    });
    projectId = project.id;
    const submitted = await usMember<{ checks: { flags: { side: string }[] } }>('POST', `/api/projects/${projectId}/transitions`, { action: 'submit', version: project.version });
    expect(submitted.checks.flags.map((f) => f.side)).toEqual(['US']);

    // The group's working content: a US position and draft minutes.
    const usChair = await apiSession(baseUrl, DEMO_USERS.usCoChair);
    const cnChair = await apiSession(baseUrl, DEMO_USERS.cnCoChair);
    const members = (await admin<{ members: { userId: string }[] }>('GET', `/api/working-groups/${groupId}`)).members.map((m) => m.userId);
    const track = await usChair<{ id: string }>('POST', `/api/dialogues/groups/${groupId}/tracks`, { title: { en: 'Data sharing', zh: '数据共享' } });
    roundId = (await usChair<{ id: string }>('POST', `/api/dialogues/tracks/${track.id}/rounds`, { title: { en: 'Round 1', zh: '第一轮' }, startsAt: '2026-05-01T09:00:00Z', place: 'Beijing', participantIds: members })).id;
    itemId = (await cnChair<{ id: string }>('POST', `/api/dialogues/rounds/${roundId}/items`, { title: { en: 'Station data', zh: '站点数据' } })).id;
    await usMember('PUT', `/api/dialogues/items/${itemId}/positions/US`, { position: { en: SECRET_POSITION } });
    minutesId = (await usMember<{ id: string }>('POST', `/api/dialogues/rounds/${roundId}/minutes`, { body: { en: SECRET_DRAFT }, decisions: [] })).id;

    // A restricted US dataset with one published file.
    const steward = await apiSession(baseUrl, DEMO_USERS.usSteward);
    datasetId = (
      await steward<{ id: string }>('POST', '/api/datasets', {
        title: { en: `Restricted station logs ${stamp}`, zh: `受限站点日志 ${stamp}` },
        description: { en: 'Synthetic restricted data for the hostile-user browser test.', zh: '用于敌意用户浏览器测试的合成受限数据。' },
        creators: [{ name: 'E2E steward', affiliation: 'Qiao', side: 'US' }],
        subjects: ['test'],
        temporalStart: null,
        temporalEnd: null,
        spatial: [],
        licence: 'CC-BY-4.0',
        relatedPublications: [],
        accessLevel: 'restricted',
        embargoUntil: null,
        side: 'US',
        dataDeclaration: {},
      })
    ).id;
    const upload = await fetch(`${baseUrl}/api/datasets/${datasetId}/versions/1/files/logs.csv`, {
      method: 'PUT',
      headers: { ...(await sessionHeaders(baseUrl, DEMO_USERS.usSteward)), 'content-type': 'application/octet-stream' },
      body: 'station,value\nA,1\n',
    });
    if (!upload.ok) throw new Error(`upload failed: ${upload.status} ${await upload.text()}`);
    const versions = await steward<{ items: { files: { id: string }[] }[] }>('POST', `/api/datasets/${datasetId}/versions/1/publish`, {});
    fileId = versions.items[0]?.files[0]?.id ?? '';

    before = await usSideState();
    browser = await openBrowser();
    page = browser.page;
    await signIn(page, DEMO_USERS.cnCompliance);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('cannot edit, rename or re-side a US party', async () => {
    const version = before.party.version;
    expect(await fromPage(page, 'PATCH', `/api/organizations/${partyId}`, { names: [{ lang: 'en', value: 'Renamed by the other side' }], version })).toEqual({ status: 403, id: 'wrong_side' });
    expect(await fromPage(page, 'PATCH', `/api/organizations/${partyId}`, { side: 'CN', version })).toEqual({ status: 403, id: 'wrong_side' });
    // Correcting a side is an admin's act, audited; an officer of either side is refused.
    expect(await fromPage(page, 'POST', `/api/organizations/${partyId}/side`, { side: 'CN', reason: 'It is really ours' })).toEqual({ status: 403, id: 'forbidden' });
  });

  it("cannot decide the US side's hit on a US party", async () => {
    expect(
      await fromPage(page, 'POST', '/api/screening/decisions', { partyId, listId: 'test-cn', recordId: 'cn-lockheed', decision: 'false_positive', reason: 'Deciding for the other side' }),
    ).toEqual({ status: 403, id: 'wrong_side' });
  });

  it('is offered no review of a project flagged only for the US side, and the API refuses each one', async () => {
    await openProject(page, projectId);
    expect(await offeredActions(page)).toEqual([]);
    expect(await page.locator('[data-testid^="review-form-"]').count()).toBe(0);
    for (const [action, reason] of [['start_review', ''], ['request_changes', 'Please rework the abstract'], ['reject', 'Not a project we can support']] as const) {
      expect(await fromPage(page, 'POST', `/api/projects/${projectId}/transitions`, { action, reason, version: before.project.version })).toEqual({ status: 403, id: 'out_of_scope' });
    }
    expect(await fromPage(page, 'POST', `/api/projects/${projectId}/reviews`, { side: 'US', decision: 'cleared', reason: 'Clearing the other side’s flag' })).toEqual({ status: 403, id: 'wrong_side' });
    expect(await fromPage(page, 'POST', `/api/projects/${projectId}/reviews`, { side: 'CN', decision: 'blocked', reason: 'Blocking with no flag of ours' })).toEqual({ status: 403, id: 'out_of_scope' });
  });

  it("cannot read the group's positions or draft minutes", async () => {
    await visit(page, `/dialogues/rounds/${roundId}`);
    // The page says why, in the reader's language (the alert also offers to retry).
    expect((await alertText(page)).split('\n')[0]).toBe(messages.en.errors.out_of_scope);
    expect(await page.locator('main').innerText()).not.toContain(SECRET_POSITION);
    for (const url of [`/api/dialogues/rounds/${roundId}`, `/api/dialogues/items/${itemId}`, `/api/dialogues/minutes/${minutesId}`, `/api/dialogues/minutes/${minutesId}/revisions`, `/api/dialogues/minutes/${minutesId}/comments`]) {
      expect({ url, ...(await fromPage(page, 'GET', url)) }).toEqual({ url, status: 403, id: 'out_of_scope' });
    }
    expect(await fromPage(page, 'PUT', `/api/dialogues/items/${itemId}/positions/US`, { position: { en: 'Rewritten by the other side' } })).toEqual({ status: 403, id: 'wrong_side' });
  });

  it('cannot download a restricted US dataset without a grant', async () => {
    expect(await fromPage(page, 'GET', `/api/datasets/${datasetId}/files/${fileId}`)).toEqual({ status: 403, id: 'forbidden' });
  });

  it('leaves every US-side object exactly as it was', async () => {
    expect(await usSideState()).toEqual(before);
    const steward = await apiSession(baseUrl, DEMO_USERS.usSteward);
    const downloads = await steward<{ items: unknown[] }>('GET', `/api/datasets/${datasetId}/downloads`);
    expect(downloads.items).toEqual([]);
  });
});
