import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from './helpers/demo.ts';
import {
  actionRows,
  addAgendaItem,
  appointCoChair,
  approveMinutes,
  asUser,
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
import { messages } from './helpers/messages.ts';
import { heading, switchLanguage, visit } from './helpers/ui.ts';

const US_CHAIR = 'Jordan Whitfield';
const CN_CHAIR = '李文静 Li Wenjing';
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

// One dialogue round from start to finish. Each `it` continues where the last one stopped; each
// person acts in a browser of their own. A generous step timeout: the machine may run other suites
// at the same time, and one slow answer should not fail a step decided by what the page shows.
describe('a working group holds a dialogue round', { timeout: 180_000 }, () => {
  let groupId = '';
  let roundId = '';
  const groupName = `Air quality ${Date.now()}`;
  // Script errors in any page fail the run at the end, with their messages.
  const pageErrors: string[] = [];
  const asAdmin = (steps: Parameters<typeof asUser>[2]) => asUser(DEMO_USERS.admin, pageErrors, steps);
  const asUs = (steps: Parameters<typeof asUser>[2]) => asUser(DEMO_USERS.usCoChair, pageErrors, steps);
  const asCn = (steps: Parameters<typeof asUser>[2]) => asUser(DEMO_USERS.cnCoChair, pageErrors, steps);

  afterAll(() => {
    expect(pageErrors, 'script errors in the pages').toEqual([]);
  });

  it('an admin creates the group and appoints one co-chair per side', async () => {
    await asAdmin(async (page) => {
      groupId = await createGroup(page, {
        name: { en: groupName, zh: `空气质量 ${groupName.slice(-6)}` },
        charter: { en: 'Joint monitoring of fine particulate matter.', zh: '联合监测细颗粒物。' },
        area: 'Air quality',
      });
      await appointCoChair(page, 'US', DEMO_USERS.usCoChair);
      await appointCoChair(page, 'CN', DEMO_USERS.cnCoChair);
      expect(await membersOf(page, 'US')).toEqual([{ name: US_CHAIR, role: 'co_chair' }]);
      expect(await membersOf(page, 'CN')).toEqual([{ name: CN_CHAIR, role: 'co_chair' }]);
      await setGroupStatus(page, 'active');
    });
  });

  it('the list shows the group with its area, status and a co-chair per side; the US co-chair plans a round', async () => {
    await asUs(async (page) => {
      await visit(page, '/groups');
      const row = page.locator(`[data-testid="groups-table"] tr[data-group-id="${groupId}"]`);
      const text = await row.innerText();
      expect(text).toContain(groupName);
      expect(text).toContain('Air quality');
      expect(text).toContain(US_CHAIR);
      expect(text).toContain(CN_CHAIR);
      expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('active');

      await openTrack(page, groupId, { en: 'Monitoring methods', zh: '监测方法' });
      roundId = await planRound(page, { title: { en: 'Round 1: sensor calibration', zh: '第一轮：传感器校准' }, startsAt: '2026-12-03T09:30', place: 'Beijing' });
      const round = await roundRowText(page, roundId);
      expect(round).toContain('Beijing');
      expect(round).toContain(US_CHAIR);
      expect(round).toContain(CN_CHAIR);

      await openRound(page, roundId);
      await addAgendaItem(page, { en: 'Shared calibration protocol', zh: '共同校准规程' });
    });
  });

  it('each side writes its own position, and the US co-chair gets no editor for the CN position', async () => {
    await asUs(async (page) => {
      await openRound(page, roundId);
      expect(await positionEditors(page, 'US')).toBeGreaterThan(0);
      expect(await positionEditors(page, 'CN')).toBe(0);
      // English only, so readers of Chinese see the flag that their language is missing.
      await writePosition(page, 'US', { en: 'Adopt the EPA reference method for PM2.5.' }, { en: 'Data must stay comparable across sites.' });
    });
    await asCn(async (page) => {
      await openRound(page, roundId);
      expect(await positionEditors(page, 'US')).toBe(0);
      await writePosition(page, 'CN', { en: 'Use the national standard HJ 653 alongside it.', zh: '同时采用国家标准 HJ 653。' });
    });
    await asUs(async (page) => {
      await openRound(page, roundId);
      expect(await positionEditors(page, 'CN')).toBe(0);
      expect(await positionShown(page, 'CN')).toEqual({ text: 'Use the national standard HJ 653 alongside it.', flag: null });
      expect(await positionShown(page, 'US')).toEqual({ text: 'Adopt the EPA reference method for PM2.5.', flag: 'missing_zh' });

      // Convergence is the co-chairs' joint judgement, and every change is kept.
      await setConvergence(page, 'narrowing', 'Both methods can run side by side.');
      await setConvergence(page, 'agreed', 'Agreed to co-locate both instruments.');
      expect(await convergenceHistory(page)).toEqual(['open→narrowing', 'narrowing→agreed']);
    });
  });

  it('minutes lock only when both co-chairs have approved', async () => {
    await asUs(async (page) => {
      await openRound(page, roundId);
      await draftMinutes(page, {
        body: { en: 'The sides compared calibration methods.', zh: '双方比较了校准方法。' },
        decisions: [{ en: 'Run a joint co-location study.', zh: '开展联合并置比对研究。' }],
      });
      expect(await minutesState(page)).toEqual({ status: 'draft', revision: 1, approved: { US: false, CN: false } });
      expect(await approveMinutes(page, 'US')).toEqual({ status: 'draft', revision: 1, approved: { US: true, CN: false } });
      expect(await canApproveMinutes(page)).toBe(false);
    });
    await asCn(async (page) => {
      await openRound(page, roundId);
      expect(await approveMinutes(page, 'CN')).toEqual({ status: 'locked', revision: 1, approved: { US: true, CN: true } });
      await page.locator('[data-testid="minutes-locked"]').waitFor();
    });
  });

  it('a recorded decision becomes an action with an owner on each side, overdue when past due', async () => {
    await asUs(async (page) => {
      await openRound(page, roundId);
      await assignAction(page, {
        title: { en: 'Draft the co-location study plan', zh: '起草并置比对研究计划' },
        owners: { US: US_CHAIR, CN: CN_CHAIR },
        due: yesterday,
      });
      const [action] = await actionRows(page, 'decision-actions');
      expect(action?.owners.sort()).toEqual(['CN', 'US']);
      expect(action?.text).toContain(US_CHAIR);
      expect(action?.text).toContain(CN_CHAIR);

      await openGroup(page, groupId);
      const overdue = await actionRows(page, 'overdue-table');
      expect(overdue).toHaveLength(1);
      expect(overdue[0]?.overdue).toBe(true);

      await visit(page, '/groups/my-actions');
      const mine = await actionRows(page, 'my-actions-table');
      expect(mine.some((a) => a.overdue && a.text.includes('Draft the co-location study plan'))).toBe(true);
    });
  });

  it('the record holds the minutes and the decision, and verifies on the server and in the browser', async () => {
    await asUs(async (page) => {
      const result = await verifyRecord(page, groupId);
      expect(result.ok).toBe(true);
      expect(result.entries).toBe(2);
      // The approval signed a checkpoint: the server checks it, and the co-chair can download it to keep.
      expect(await page.locator('[data-testid="verify-result"] [data-testid="checkpoint-state"]').getAttribute('data-ok')).toBe('true');
      const checkpoint = page.locator('[data-testid="record-checkpoints"] [data-testid="download-checkpoint"]');
      await checkpoint.first().waitFor();
      expect(await checkpoint.first().getAttribute('href')).toMatch(/^\/api\/record\/checkpoints\/[0-9a-f-]{36}\/export$/);
      expect(await exportHref(page)).toBe('/api/record/export');
      expect(await verifyExportInBrowser(page)).toBe(true);
    });
  });

  it('在中文界面中，CN 联合主席看到中文标签和缺少中文的标记', async () => {
    const zh = groupMessages.zh;
    await asCn(async (page) => {
      await openRound(page, roundId);
      await switchLanguage(page, 'zh');
      expect(await heading(page)).toBe('第一轮：传感器校准');
      expect((await page.locator('#agenda-title').innerText()).trim()).toBe(zh.agenda.title);
      expect((await page.locator('#minutes-title').innerText()).trim()).toBe(zh.minutes.title);
      const usPanel = page.locator('[data-testid="position-US"]');
      expect(await usPanel.locator('h4').innerText()).toContain(zh.positions.title.replace('{{side}}', 'US'));
      expect((await usPanel.locator('[data-testid="bilingual-flag"]').first().innerText()).trim()).toBe(messages.zh.bilingual.missing_zh);
      expect((await page.locator('[data-testid="minutes-locked"]').innerText()).trim()).toBe(zh.minutes.lockedNote.replace('{{n}}', '1'));
    });
  });

  it('a concurrent amendment of the minutes is refused with a conflict message, and the new revision needs both approvals', async () => {
    await asUs(async (us) => {
      await openRound(us, roundId);
      await startAmending(us);
      await asCn(async (cn) => {
        await openRound(cn, roundId);
        await startAmending(cn);
        expect(await saveAmendment(cn, { zh: '双方比较了校准方法，并同意开展比对研究。' }, '补充中文')).toBe('saved');
        expect(await minutesAtRevision(cn, 2)).toEqual({ status: 'draft', revision: 2, approved: { US: false, CN: false } });
      });
      expect(await saveAmendment(us, { en: 'The sides compared methods and agreed a study.' }, 'Expand')).toBe('conflict');
    });
  });
});
