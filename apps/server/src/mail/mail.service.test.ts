import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices } from '../app.ts';
import type { Database } from '../db/client.ts';
import type { Services } from '../http.ts';
import { buildGroup, buildRound, call, lockMinutes, signInCast, type Cast } from '../modules/groups/group.fixtures.ts';
import { JobWorker } from '../modules/jobs/job.worker.ts';
import { buildTestApp, type TestApp } from '../testing/app.ts';
import { dbTargets } from '../testing/db.ts';
import { outboxOf } from './outbox.repository.ts';
import { TestSmtpServer } from './test-smtp.ts';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`notification mail through a real SMTP server on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let c: Cast;
    let smtp: TestSmtpServer;
    let services: Services;
    let clock = new Date();
    let groupId = '';
    let decisionId = '';
    const mail = () => {
      if (!services.notifications.mail) throw new Error('mail is not configured');
      return services.notifications.mail;
    };
    const assign = (title: string, ownerSide: 'US' | 'CN') =>
      call<{ id: string }>(t, c.usChair, 'POST', '/api/actions', {
        decisionId,
        title: { en: title, zh: `${title}（中文）` },
        dueDate: '2099-01-01',
        owners: [
          { side: 'US', userId: ownerSide === 'US' ? c.usMember.id : c.usChair.id },
          { side: 'CN', userId: ownerSide === 'CN' ? c.cnMember.id : c.cnChair.id },
        ],
      });
    const to = (email: string) => smtp.messages.filter((m) => m.to.includes(email));

    beforeAll(async () => {
      smtp = new TestSmtpServer();
      await smtp.start();
      database = await target.open();
      t = await buildTestApp(database, { QIAO_SMTP_URL: smtp.url, QIAO_MAIL_FROM: 'Qiao <qiao@test.example>', QIAO_PUBLIC_URL: 'https://qiao.test.example' });
      // The same configuration with a clock the test moves, for retries.
      services = buildServices(t.services.config, database, { now: () => clock, log: { info: () => {}, warn: () => {} } });
      c = await signInCast(t);
      expect((await call(t, c.cnChair, 'PATCH', '/api/auth/me', { locale: 'zh' })).status).toBe(200);
      groupId = await buildGroup(t, c, { activate: true });
      const { roundId } = await buildRound(t, c, groupId);
      decisionId = (await lockMinutes(t, c, roundId, [{ en: 'Share data', zh: '共享数据' }])).decisionIds[0] ?? '';
    });
    afterAll(async () => {
      mail().close();
      await t.close();
      await database.close();
      await smtp.stop();
    });

    it('sends each notice at once from a background job, in the recipient’s language, with a link to the object', async () => {
      const worker = new JobWorker({ db: database.db, now: () => clock, log: { info: () => {}, warn: () => {} } }, services.jobs, { leaseMs: 60_000, pollMs: 50 });
      await services.notificationSchedule.tick();
      expect(await worker.drain()).toBeGreaterThan(0);
      const chair = to(c.cnChair.user.email);
      const request = chair.find((m) => m.subject.includes('申请加入'));
      expect(request?.subject).toBe(`桥 Qiao: ${c.cnMember.user.displayName} 申请加入 科学智能`);
      expect(request?.language).toBe('zh-Hans');
      expect(request?.from).toBe('qiao@test.example');
      expect(request?.text).toContain(`https://qiao.test.example/groups/${groupId}`);
      const decided = to(c.cnMember.user.email).find((m) => m.subject.includes('join'));
      expect(decided?.subject).toBe('Qiao: Your request to join AI for Science was approved');
      expect(decided?.html).toContain(`href="https://qiao.test.example/groups/${groupId}"`);
      // Nothing is sent twice.
      const count = smtp.messages.length;
      await services.notificationSchedule.tick();
      await worker.drain();
      expect(smtp.messages.length).toBe(count);
    });

    it('gathers the kinds a user wants as a digest into one daily message', async () => {
      // Send what already waits for a digest (locked minutes), whatever the hour the first test ran at.
      await mail().plan();
      await mail().digest();
      await mail().deliver();
      expect((await call(t, c.usMember, 'PUT', '/api/inbox/preferences', { kinds: { action_assigned: 'digest' } })).status).toBe(200);
      const before = to(c.usMember.user.email).length;
      await assign('Draft the station list', 'US');
      await assign('Compare the calibrations', 'US');
      await mail().plan();
      await mail().deliver();
      expect(to(c.usMember.user.email)).toHaveLength(before);
      expect(await mail().digest()).toBe(1);
      await mail().deliver();
      const digest = to(c.usMember.user.email).slice(before);
      expect(digest).toHaveLength(1);
      expect(digest[0]?.subject).toBe('Qiao: 2 notices today');
      expect(digest[0]?.text).toContain('Action assigned to you: Draft the station list');
      expect(digest[0]?.text).toContain('Action assigned to you: Compare the calibrations');
      expect(await mail().digest()).toBe(0);
    });

    it('keeps mail while the mail server is down and sends it after it comes back, with a growing pause', async () => {
      await mail().plan();
      await mail().deliver();
      const before = to(c.cnMember.user.email).length;
      await smtp.stop();
      await assign('Ship the sensors', 'CN');
      await mail().plan();
      // Two owners: the CN member and the US co-chair.
      expect(await mail().deliver()).toEqual({ sent: 0, failed: 2 });
      const waiting = (await outboxOf(database.db, c.cnMember.id)).filter((m) => m.status === 'pending');
      expect(waiting).toHaveLength(1);
      expect(waiting[0]?.attempts).toBe(1);
      expect(waiting[0]?.lastError).toBeTruthy();
      // Still down at the next try: the pause doubles.
      clock = new Date(clock.getTime() + 31_000);
      expect(await mail().deliver()).toEqual({ sent: 0, failed: 2 });
      const second = (await outboxOf(database.db, c.cnMember.id)).find((m) => m.status === 'pending');
      expect((second?.nextAttemptAt.getTime() ?? 0) - clock.getTime()).toBeGreaterThanOrEqual(59_000);
      await smtp.start();
      // Back up, but the message waits for its time rather than hammering the server.
      expect(await mail().deliver()).toEqual({ sent: 0, failed: 0 });
      clock = new Date(clock.getTime() + 61_000);
      expect(await mail().deliver()).toEqual({ sent: 2, failed: 0 });
      const after = to(c.cnMember.user.email).slice(before);
      expect(after.map((m) => m.subject)).toEqual(['Qiao: Action assigned to you: Ship the sensors']);
      expect((await outboxOf(database.db, c.cnMember.id)).every((m) => m.status === 'sent')).toBe(true);
    });
  });
}
