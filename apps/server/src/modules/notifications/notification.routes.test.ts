import type { AccessRequest, InboxList, MailPreferences, Task } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { buildGroup, buildRound, call, lockMinutes, signInCast, type Cast, type Signed } from '../groups/group.fixtures.ts';
import { raiseReminders } from './reminder.job.ts';

const datasetBody = {
  title: { en: 'Seismic catalogue, Sichuan', zh: '四川地震目录' },
  description: { en: 'Located events with magnitudes.', zh: '已定位地震事件及震级。' },
  creators: [{ name: 'Zhang Haoran', affiliation: 'Institute of Geophysics', side: 'CN' }],
  subjects: ['seismology'],
  temporalStart: '2008-01-01',
  temporalEnd: '2024-12-31',
  spatial: ['Sichuan'],
  licence: 'CC-BY-4.0',
  accessLevel: 'on_request',
  side: 'CN',
  dataDeclaration: { kinds: ['seismic'] },
};

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`the inbox on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let c: Cast;
    let groupId: string;
    let cnSteward: Signed;
    let cnRequester: Signed;
    const inbox = async (who: Signed, query = '') => (await call<InboxList>(t, who, 'GET', `/api/inbox${query}`)).body;

    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      c = await signInCast(t);
      const sign = async (role: 'data_steward' | 'member', side: string): Promise<Signed> => {
        const { session, headers } = await t.signInAs([role], side);
        return { id: session.user.id, user: session.user, headers };
      };
      cnSteward = await sign('data_steward', 'CN');
      cnRequester = await sign('member', 'CN');
      // The CN co-chair reads Chinese: notices are rendered in the reader's language.
      expect((await call(t, c.cnChair, 'PATCH', '/api/auth/me', { locale: 'zh' })).status).toBe(200);
      groupId = await buildGroup(t, c, { activate: true });
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    it('a join request reaches the co-chair of the requester side, in their language, and the decision reaches the requester', async () => {
      const zh = await inbox(c.cnChair, '?module=groups');
      const request = zh.items.find((n) => n.kind === 'join_request');
      expect(request?.title).toBe(`${c.cnMember.user.displayName} 申请加入 科学智能`);
      expect(request?.link).toBe(`/groups/${groupId}`);
      // The same notice in English when asked for.
      const en = await inbox(c.cnChair, '?module=groups&lang=en');
      expect(en.items.find((n) => n.id === request?.id)?.title).toBe(`${c.cnMember.user.displayName} asks to join AI for Science`);
      // The US co-chair never hears of a CN request.
      expect((await inbox(c.usChair)).items.filter((n) => n.kind === 'join_request' && n.entityId === request?.entityId)).toEqual([]);
      const decided = (await inbox(c.cnMember)).items.find((n) => n.kind === 'join_decided');
      expect(decided?.title).toBe('Your request to join AI for Science was approved');
    });

    it('counts, filters, marks read one by one and all at once, only ever the reader’s own notices', async () => {
      const before = (await call<{ unread: number }>(t, c.cnChair, 'GET', '/api/inbox/unread-count')).body.unread;
      expect(before).toBeGreaterThan(0);
      const [first] = (await inbox(c.cnChair, '?state=unread')).items;
      if (!first) throw new Error('no unread notice');
      // Someone else cannot mark it: nothing changes.
      expect((await call<{ marked: number }>(t, c.usChair, 'POST', '/api/inbox/read', { ids: [first.id] })).body.marked).toBe(0);
      expect((await call<{ unread: number }>(t, c.cnChair, 'GET', '/api/inbox/unread-count')).body.unread).toBe(before);
      expect((await call<{ marked: number }>(t, c.cnChair, 'POST', '/api/inbox/read', { ids: [first.id] })).body.marked).toBe(1);
      expect((await inbox(c.cnChair, '?state=read')).items.map((n) => n.id)).toContain(first.id);
      expect((await inbox(c.cnChair, '?state=unread')).items.map((n) => n.id)).not.toContain(first.id);
      const all = await call<{ marked: number }>(t, c.cnChair, 'POST', '/api/inbox/read-all', {});
      expect(all.body.marked).toBe(before - 1);
      expect((await call<{ unread: number }>(t, c.cnChair, 'GET', '/api/inbox/unread-count')).body.unread).toBe(0);
    });

    it('refuses bad input with a stable id and changes nothing', async () => {
      const bad = await call<{ error: { id: string; message: string } }>(t, c.cnChair, 'POST', '/api/inbox/read', { ids: ['not-a-uuid'] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.id).toBe('validation_failed');
      expect((await call<{ error: { id: string } }>(t, c.cnChair, 'GET', '/api/inbox?module=nowhere')).body.error.id).toBe('validation_failed');
      expect((await call<{ error: { id: string } }>(t, c.cnChair, 'PUT', '/api/inbox/preferences', { kinds: { join_request: 'hourly' } })).body.error.id).toBe('validation_failed');
      expect((await call<{ error: { id: string } }>(t, null, 'GET', '/api/inbox')).body.error.id).toBe('unauthenticated');
      expect((await call<{ error: { id: string } }>(t, c.usMember, 'POST', '/api/inbox/scheduled/reminders')).body.error.id).toBe('forbidden');
      // Without SMTP the digest cannot run.
      expect((await call<{ error: { id: string } }>(t, c.admin, 'POST', '/api/inbox/scheduled/digest')).body.error.id).toBe('conflict');
    });

    it('keeps mail preferences per kind; the ones not given keep theirs', async () => {
      const prefs = (await call<MailPreferences>(t, c.usMember, 'GET', '/api/inbox/preferences')).body;
      expect(prefs.mailEnabled).toBe(false);
      expect(prefs.kinds.join_decided).toBe('immediate');
      const saved = (await call<MailPreferences>(t, c.usMember, 'PUT', '/api/inbox/preferences', { kinds: { join_decided: 'digest', screening_alert: 'off' } })).body;
      expect(saved.kinds).toMatchObject({ join_decided: 'digest', screening_alert: 'off', action_assigned: 'immediate' });
      const again = (await call<MailPreferences>(t, c.usMember, 'PUT', '/api/inbox/preferences', { kinds: { screening_alert: 'immediate' } })).body;
      expect(again.kinds).toMatchObject({ join_decided: 'digest', screening_alert: 'immediate' });
    });

    it('an access request reaches the stewards of the dataset side and waits in their tasks; the decision reaches the requester', async () => {
      const ds = (await call<{ id: string }>(t, cnSteward, 'POST', '/api/datasets', datasetBody)).body;
      const req = (await call<AccessRequest>(t, cnRequester, 'POST', `/api/datasets/${ds.id}/access-requests`, { purpose: 'Joint aftershock forecasting study' })).body;
      const notice = (await inbox(cnSteward, '?module=datasets')).items.find((n) => n.entityId === req.id);
      expect(notice?.kind).toBe('access_requested');
      expect(notice?.body).toContain('Joint aftershock forecasting study');
      expect(notice?.link).toBe(`/datasets/${ds.id}`);
      const tasks = (await call<{ items: Task[] }>(t, cnSteward, 'GET', '/api/inbox/tasks')).body.items;
      expect(tasks.filter((x) => x.kind === 'access_request').map((x) => x.id)).toContain(req.id);
      expect((await call(t, cnSteward, 'POST', `/api/access-requests/${req.id}/decision`, { decision: 'deny', note: 'Not for this purpose' })).status).toBe(200);
      const decided = (await inbox(cnRequester)).items.find((n) => n.kind === 'access_decided');
      expect(decided?.title).toBe('Your access request for Seismic catalogue, Sichuan was refused');
      expect(decided?.body).toContain('Not for this purpose');
      expect((await call<{ items: Task[] }>(t, cnSteward, 'GET', '/api/inbox/tasks')).body.items.map((x) => x.id)).not.toContain(req.id);
    });

    it('a grant that runs out is noticed once by the scheduled job; a revoked one at once, with the reason', async () => {
      const ds = (await call<{ id: string }>(t, cnSteward, 'POST', '/api/datasets', datasetBody)).body;
      const today = new Date().toISOString().slice(0, 10);
      const req = (await call<AccessRequest>(t, cnRequester, 'POST', `/api/datasets/${ds.id}/access-requests`, { purpose: 'Short comparison study' })).body;
      expect((await call(t, cnSteward, 'POST', `/api/access-requests/${req.id}/decision`, { decision: 'grant', note: 'For today', expiresAt: today })).status).toBe(200);
      const expired = async () => (await inbox(cnRequester, '?module=datasets')).items.filter((n) => n.kind === 'access_expired' && n.entityId === req.id);
      await raiseReminders(database.db, new Date());
      expect(await expired()).toEqual([]);
      const tomorrow = new Date(Date.now() + 86_400_000);
      await raiseReminders(database.db, tomorrow);
      await raiseReminders(database.db, new Date(tomorrow.getTime() + 86_400_000));
      expect((await expired()).map((n) => n.title)).toEqual(['Your access to Seismic catalogue, Sichuan has expired']);
      const other = (await call<{ id: string }>(t, cnSteward, 'POST', '/api/datasets', datasetBody)).body;
      const second = (await call<AccessRequest>(t, cnRequester, 'POST', `/api/datasets/${other.id}/access-requests`, { purpose: 'Longer comparison study' })).body;
      await call(t, cnSteward, 'POST', `/api/access-requests/${second.id}/decision`, { decision: 'grant', note: 'Granted', expiresAt: null });
      expect((await call(t, cnSteward, 'POST', `/api/datasets/${other.id}/grants/${second.id}/revoke`, { note: 'The study ended early' })).status).toBe(200);
      const revoked = (await inbox(cnRequester, '?module=datasets')).items.find((n) => n.kind === 'access_revoked' && n.entityId === second.id);
      expect(revoked?.body).toBe('Reason: The study ended early');
    });

    it('reminds the owners of an action due soon and of an overdue one from the scheduled job, once per day', async () => {
      const { roundId } = await buildRound(t, c, groupId);
      const locked = await lockMinutes(t, c, roundId, [{ en: 'Share data', zh: '共享数据' }]);
      const decision = locked.decisionIds[0];
      // Locking told the group's members (not the co-chair who locked it).
      expect((await inbox(c.usMember, '?module=dialogues')).items.map((n) => n.kind)).toContain('minutes_locked');
      expect((await inbox(c.cnChair, '?module=dialogues&state=unread')).items.filter((n) => n.kind === 'minutes_locked')).toEqual([]);
      const today = new Date();
      const day = (n: number) => new Date(today.getTime() + n * 86_400_000).toISOString().slice(0, 10);
      const owners = [
        { side: 'US', userId: c.usMember.id },
        { side: 'CN', userId: c.cnMember.id },
      ];
      const soon = (await call<{ id: string }>(t, c.usChair, 'POST', '/api/actions', { decisionId: decision, title: { en: 'Send the station list', zh: '发送站点清单' }, dueDate: day(1), owners })).body;
      const later = (await call<{ id: string }>(t, c.usChair, 'POST', '/api/actions', { decisionId: decision, title: { en: 'Later work' }, dueDate: day(20), owners })).body;
      const late = (await call<{ id: string }>(t, c.usChair, 'POST', '/api/actions', { decisionId: decision, title: { en: 'Late work' }, dueDate: day(-2), owners })).body;
      const reminders = async () => (await inbox(c.cnMember, '?module=actions')).items.filter((n) => n.kind === 'action_due_soon' || n.kind === 'action_overdue');
      // Reading raises nothing: reminders come from the job.
      expect(await reminders()).toEqual([]);
      await raiseReminders(database.db, today);
      const raised = await reminders();
      expect(raised.map((n) => [n.kind, n.entityId]).sort()).toEqual(
        [
          ['action_due_soon', soon.id],
          ['action_overdue', late.id],
        ].sort(),
      );
      expect(raised.map((n) => n.entityId)).not.toContain(later.id);
      expect(raised.find((n) => n.entityId === soon.id)?.title).toBe(`Action due ${day(1)}: Send the station list`);
      // Again the same day: nothing new. The next day: the overdue one is recalled again.
      expect(await raiseReminders(database.db, today)).toBe(0);
      await raiseReminders(database.db, new Date(today.getTime() + 86_400_000));
      expect((await reminders()).filter((n) => n.entityId === late.id)).toHaveLength(2);
      const tasks = (await call<{ items: Task[] }>(t, c.cnMember, 'GET', '/api/inbox/tasks')).body.items;
      expect(tasks.filter((x) => x.kind === 'action_due').map((x) => x.id)).toEqual(expect.arrayContaining([soon.id, late.id]));
    });

    it('the working groups’ notices list keeps its shape and its four kinds', async () => {
      const legacy = (await call<{ items: { kind: string; payload: Record<string, unknown> }[] }>(t, c.cnMember, 'GET', '/api/notifications')).body.items;
      expect(legacy.length).toBeGreaterThan(0);
      expect(new Set(legacy.map((n) => n.kind))).toEqual(new Set(['action_assigned', 'action_overdue']));
    });
  });
}
