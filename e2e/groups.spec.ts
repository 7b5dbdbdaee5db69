import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import {
  actionRows,
  addAgendaItem,
  appointCoChair,
  approveMinutes,
  assignAction,
  canApproveMinutes,
  convergenceHistory,
  createGroup,
  draftMinutes,
  exportHref,
  groupMessages,
  membersOf,
  minutesAtRevision,
  minutesState,
  openGroup,
  openRound,
  openTrack,
  planRound,
  positionEditors,
  positionShown,
  roundRowText,
  saveAmendment,
  setConvergence,
  setGroupStatus,
  startAmending,
  verifyExportInBrowser,
  verifyRecord,
  writePosition,
} from './helpers/groups.ts';
import { heading, signIn, switchLanguage, visit } from './helpers/ui.ts';

const US_CHAIR = 'Jordan Whitfield';
const CN_CHAIR = '李文静 Li Wenjing';
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

// One dialogue round from start to finish, the steps in order: each `it` continues where the last
// one stopped, with the US and CN co-chairs each in their own browser.
// A generous step timeout: the shared CI machine runs other suites in parallel, and one slow answer
// should not fail a step whose outcome is decided by what the page shows.
describe('a working group holds a dialogue round', { timeout: 180_000 }, () => {
  let us: Browser;
  let cn: Browser;
  let groupId = '';
  let roundId = '';
  const groupName = `Air quality ${Date.now()}`;
  // Script errors in either co-chair's page fail the run at the end, with the messages.
  const pageErrors: string[] = [];

  beforeAll(async () => {
    us = await openBrowser();
    cn = await openBrowser();
    for (const b of [us, cn]) {
      b.page.setDefaultTimeout(60_000);
      b.page.on('pageerror', (error) => pageErrors.push(error.message));
    }
  });
  beforeEach(() => {
    onTestFailed(async () => {
      for (const [name, b] of [['us', us], ['cn', cn]] as const) {
        await b.page.screenshot({ path: `/tmp/groups-fail-${name}.png`, fullPage: true }).catch(() => undefined);
        console.log('DEBUG', name, b.page.url(), (await b.page.content().catch(() => '')).slice(0, 3000));
      }
    });
  });
  afterAll(async () => {
    await us?.close();
    await cn?.close();
    expect(pageErrors, 'script errors in the pages').toEqual([]);
  });

  it('an admin creates the group and appoints one co-chair per side', async () => {
    const admin = await openBrowser();
    admin.page.setDefaultTimeout(60_000);
    try {
      await signIn(admin.page, DEMO_USERS.admin);
      groupId = await createGroup(admin.page, {
        name: { en: groupName, zh: `空气质量 ${groupName.slice(-6)}` },
        charter: { en: 'Joint monitoring of fine particulate matter.', zh: '联合监测细颗粒物。' },
        area: 'Air quality',
      });
      await appointCoChair(admin.page, 'US', DEMO_USERS.usCoChair);
      await appointCoChair(admin.page, 'CN', DEMO_USERS.cnCoChair);
      expect(await membersOf(admin.page, 'US')).toEqual([{ name: US_CHAIR, role: 'co_chair' }]);
      expect(await membersOf(admin.page, 'CN')).toEqual([{ name: CN_CHAIR, role: 'co_chair' }]);
      await setGroupStatus(admin.page, 'active');
    } finally {
      await admin.close();
    }
  });

  it('the list shows the group with its area, status and a co-chair per side', async () => {
    await signIn(us.page, DEMO_USERS.usCoChair);
    await visit(us.page, '/groups');
    const row = us.page.locator(`[data-testid="groups-table"] tr[data-group-id="${groupId}"]`);
    const text = await row.innerText();
    expect(text).toContain(groupName);
    expect(text).toContain('Air quality');
    expect(text).toContain(US_CHAIR);
    expect(text).toContain(CN_CHAIR);
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('active');
  });

  it('the US co-chair opens a track, plans a round and sets its agenda', async () => {
    await openTrack(us.page, groupId, { en: 'Monitoring methods', zh: '监测方法' });
    roundId = await planRound(us.page, { title: { en: 'Round 1: sensor calibration', zh: '第一轮：传感器校准' }, startsAt: '2026-12-03T09:30', place: 'Beijing' });
    const row = await roundRowText(us.page, roundId);
    expect(row).toContain('Beijing');
    expect(row).toContain(US_CHAIR);
    expect(row).toContain(CN_CHAIR);

    await openRound(us.page, roundId);
    await addAgendaItem(us.page, { en: 'Shared calibration protocol', zh: '共同校准规程' });
  });

  it('each side writes its own position, and the US co-chair gets no editor for the CN position', async () => {
    expect(await positionEditors(us.page, 'US')).toBeGreaterThan(0);
    expect(await positionEditors(us.page, 'CN')).toBe(0);
    // English only, so readers of Chinese see the flag that their language is missing.
    await writePosition(us.page, 'US', { en: 'Adopt the EPA reference method for PM2.5.' }, { en: 'Data must stay comparable across sites.' });

    await signIn(cn.page, DEMO_USERS.cnCoChair);
    await openRound(cn.page, roundId);
    expect(await positionEditors(cn.page, 'US')).toBe(0);
    await writePosition(cn.page, 'CN', { en: 'Use the national standard HJ 653 alongside it.', zh: '同时采用国家标准 HJ 653。' });

    await openRound(us.page, roundId);
    expect(await positionEditors(us.page, 'CN')).toBe(0);
    expect(await positionShown(us.page, 'CN')).toEqual({ text: 'Use the national standard HJ 653 alongside it.', flag: null });
    expect(await positionShown(us.page, 'US')).toEqual({ text: 'Adopt the EPA reference method for PM2.5.', flag: 'missing_zh' });
  });

  it('a co-chair records convergence, and the history keeps every change', async () => {
    await setConvergence(us.page, 'narrowing', 'Both methods can run side by side.');
    await setConvergence(us.page, 'agreed', 'Agreed to co-locate both instruments.');
    expect(await convergenceHistory(us.page)).toEqual(['open→narrowing', 'narrowing→agreed']);
  });

  it('minutes lock only when both co-chairs have approved', async () => {
    await draftMinutes(us.page, {
      body: { en: 'The sides compared calibration methods.', zh: '双方比较了校准方法。' },
      decisions: [{ en: 'Run a joint co-location study.', zh: '开展联合并置比对研究。' }],
    });
    expect(await minutesState(us.page)).toEqual({ status: 'draft', revision: 1, approved: { US: false, CN: false } });
    expect(await approveMinutes(us.page, 'US')).toEqual({ status: 'draft', revision: 1, approved: { US: true, CN: false } });
    expect(await canApproveMinutes(us.page)).toBe(false);

    await openRound(cn.page, roundId);
    expect(await approveMinutes(cn.page, 'CN')).toEqual({ status: 'locked', revision: 1, approved: { US: true, CN: true } });
    await cn.page.locator('[data-testid="minutes-locked"]').waitFor();
  });

  it('a recorded decision becomes an action with an owner on each side, overdue when past due', async () => {
    await openRound(us.page, roundId);
    await assignAction(us.page, {
      title: { en: 'Draft the co-location study plan', zh: '起草并置比对研究计划' },
      owners: { US: US_CHAIR, CN: CN_CHAIR },
      due: yesterday,
    });
    const [action] = await actionRows(us.page, 'decision-actions');
    expect(action?.owners.sort()).toEqual(['CN', 'US']);
    expect(action?.text).toContain(US_CHAIR);
    expect(action?.text).toContain(CN_CHAIR);

    await openGroup(us.page, groupId);
    const overdue = await actionRows(us.page, 'overdue-table');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]?.overdue).toBe(true);

    await visit(us.page, '/groups/my-actions');
    const mine = await actionRows(us.page, 'my-actions-table');
    expect(mine.some((a) => a.overdue && a.text.includes('Draft the co-location study plan'))).toBe(true);
  });

  it('the record holds the minutes and the decision, and verifies', async () => {
    const result = await verifyRecord(us.page, groupId);
    expect(result.ok).toBe(true);
    expect(result.entries).toBe(2);
    expect(await exportHref(us.page)).toBe('/api/record/export');
    expect(await verifyExportInBrowser(us.page)).toBe(true);
  });

  it('在中文界面中，CN 联合主席看到中文标签和缺少中文的标记', async () => {
    const zh = groupMessages.zh;
    await openRound(cn.page, roundId);
    await switchLanguage(cn.page, 'zh');
    expect(await heading(cn.page)).toBe('第一轮：传感器校准');
    expect((await cn.page.locator('#agenda-title').innerText()).trim()).toBe(zh.agenda.title);
    expect((await cn.page.locator('#minutes-title').innerText()).trim()).toBe(zh.minutes.title);
    const usPanel = cn.page.locator('[data-testid="position-US"]');
    expect(await usPanel.locator('h4').innerText()).toContain(zh.positions.title.replace('{{side}}', 'US'));
    expect((await usPanel.locator('[data-testid="bilingual-flag"]').first().innerText()).trim()).toBe(zh.flag.missing_zh);
    expect((await cn.page.locator('[data-testid="minutes-locked"]').innerText()).trim()).toBe(zh.minutes.lockedNote.replace('{{n}}', '1'));
  });

  it('a concurrent amendment of the minutes is refused with a conflict message, and the new revision needs both approvals', async () => {
    await openRound(us.page, roundId);
    await startAmending(us.page);
    await startAmending(cn.page);
    expect(await saveAmendment(cn.page, { zh: '双方比较了校准方法，并同意开展比对研究。' }, '补充中文')).toBe('saved');
    expect(await saveAmendment(us.page, { en: 'The sides compared methods and agreed a study.' }, 'Expand')).toBe('conflict');
    expect(await minutesAtRevision(cn.page, 2)).toEqual({ status: 'draft', revision: 2, approved: { US: false, CN: false } });
  });
});
