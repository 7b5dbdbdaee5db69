import type { Dialog, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import messagesEn from '../apps/web/src/i18n/en.json' with { type: 'json' };
import { DEMO_USERS } from './helpers/demo.ts';
import { asUser, openRound } from './helpers/groups.ts';
import { apiSignIn } from './helpers/inbox.ts';

// A half-written agenda item or position is not lost to a stray click: leaving the round page asks
// first, staying keeps the text, and once saved the page lets the person go without asking. Closing
// the round, which cannot be undone, asks once more too.

/** Clicks something that navigates within the app and answers the confirm it raises; returns what it asked. */
async function leaveAnswering(page: Page, click: () => Promise<void>, accept: boolean): Promise<string[]> {
  const asked: string[] = [];
  const answer = (dialog: Dialog) => {
    asked.push(dialog.message());
    void (accept ? dialog.accept() : dialog.dismiss());
  };
  page.on('dialog', answer);
  try {
    // The confirm can arrive after the click has returned, so wait for whichever comes first: the
    // question, or leaving the round page without one.
    const question = page.waitForEvent('dialog').then(
      () => 'asked' as const,
      () => 'none' as const,
    );
    await click();
    const left = page.waitForURL((url) => !url.pathname.startsWith('/dialogues/rounds/')).then(
      () => 'left' as const,
      () => 'stayed' as const,
    );
    const first = await Promise.race([question, left]);
    // The confirm is answered before the router moves on (or stays), so the path settles after it.
    if (first === 'asked' && !accept) await page.locator('[data-testid="round-page"]').waitFor();
    else if (first === 'asked') expect(await left).toBe('left');
  } finally {
    page.off('dialog', answer);
  }
  return asked;
}

describe('dialogue steps that ask first', () => {
  const errors: string[] = [];
  const stamp = Date.now().toString(36);
  let groupId = '';
  let roundId = '';

  beforeAll(async () => {
    const baseUrl = inject('baseUrl');
    const admin = await apiSignIn(baseUrl, DEMO_USERS.admin);
    const usChair = await apiSignIn(baseUrl, DEMO_USERS.usCoChair);
    const cnChair = await apiSignIn(baseUrl, DEMO_USERS.cnCoChair);
    const group = await admin.call<{ id: string; version: number }>('POST', '/api/working-groups', {
      name: { en: `Unsaved forms ${stamp}`, zh: `未保存表单 ${stamp}` },
      charter: { en: 'Forms that ask before they are lost.', zh: '丢失前先询问的表单。' },
      technologyArea: 'soil science',
    });
    groupId = group.id;
    for (const chair of [usChair, cnChair]) await admin.call('POST', `/api/working-groups/${groupId}/co-chairs`, { userId: chair.userId });
    const track = await usChair.call<{ id: string }>('POST', `/api/dialogues/groups/${groupId}/tracks`, { title: { en: 'Soil samples', zh: '土壤样本' } });
    roundId = (
      await usChair.call<{ id: string }>('POST', `/api/dialogues/tracks/${track.id}/rounds`, {
        title: { en: `Round ${stamp}`, zh: `第 ${stamp} 轮` },
        startsAt: '2026-06-01T09:00:00Z',
        place: 'Nanjing',
        participantIds: [usChair.userId, cnChair.userId],
      })
    ).id;
    await usChair.call('POST', `/api/dialogues/rounds/${roundId}/items`, { title: { en: 'Sampling depth', zh: '取样深度' } });
  });

  it('asks before a half-written agenda item is left, keeps it on "stay", and lets a saved one go', async () => {
    await asUser(DEMO_USERS.usCoChair, errors, async (page) => {
      await openRound(page, roundId);
      const panel = page.locator('details[data-testid="new-item"]');
      await panel.locator('summary').click();
      await panel.locator('[name="item-title-en"]').fill('Lab methods');
      const back = page.locator('.breadcrumb a');

      const stayed = await leaveAnswering(page, () => back.click(), false);
      expect(stayed).toEqual([messagesEn.feedback.unsavedChanges]);
      expect(new URL(page.url()).pathname).toBe(`/dialogues/rounds/${roundId}`);
      expect(await panel.locator('[name="item-title-en"]').inputValue()).toBe('Lab methods');

      // Saved, the same click leaves without a question.
      await panel.locator('button[type="submit"]').click();
      await page.locator('[data-testid="agenda-item"]').nth(1).waitFor();
      expect(await panel.locator('[name="item-title-en"]').inputValue()).toBe('');
      expect(await leaveAnswering(page, () => back.click(), false)).toEqual([]);
      expect(new URL(page.url()).pathname).toBe(`/dialogues/groups/${groupId}`);
    });
  });

  it('asks before a half-written position is left, and leaves when the person confirms', async () => {
    await asUser(DEMO_USERS.usCoChair, errors, async (page) => {
      await openRound(page, roundId);
      const editor = page.locator('[data-testid="position-editor-US"]').first();
      await editor.locator('[name="position-US-en"]').fill('Sample at 30 cm');
      const left = await leaveAnswering(page, () => page.locator('.breadcrumb a').click(), true);
      expect(left).toEqual([messagesEn.feedback.unsavedChanges]);
      expect(new URL(page.url()).pathname).toBe(`/dialogues/groups/${groupId}`);
    });
  });

  it('asks before a round is closed; "no" keeps it planned, "yes" closes it', async () => {
    await asUser(DEMO_USERS.usCoChair, errors, async (page) => {
      await openRound(page, roundId);
      const status = page.locator('[data-testid="round-page"] header .meta-row [data-status]').first();
      const dialog = page.locator('[data-testid="confirm-dialog"]');
      await page.locator('[data-testid="close-round"]').click();
      await dialog.locator('[data-testid="confirm-no"]').click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await status.getAttribute('data-status')).toBe('planned');
      await page.locator('[data-testid="close-round"]').click();
      await dialog.locator('[data-testid="confirm-yes"]').click();
      await page.locator('[data-testid="round-page"] header .meta-row [data-status="closed"]').waitFor();
      // Nothing follows a closed round, so the control is gone.
      expect(await page.locator('[data-testid="round-status-control"]').count()).toBe(0);
    });
    expect(errors).toEqual([]);
  });
});
