import type { ActionItem, Minutes, Result } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices } from '../../app.ts';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { buildGroup, buildRound, call, lockMinutes, signInCast, type Cast } from '../groups/group.fixtures.ts';
import { raiseReminders } from '../notifications/reminder.job.ts';
import { progressOf } from './result.service.ts';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`action items, results and overdue on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let c: Cast;
    let groupId: string;
    let minutes: Minutes;
    let decisionId: string;
    const owners = () => [
      { side: 'US', userId: c.usMember.id },
      { side: 'CN', userId: c.cnMember.id },
    ];
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      c = await signInCast(t);
      groupId = await buildGroup(t, c, { activate: true });
      const { roundId } = await buildRound(t, c, groupId);
      minutes = await lockMinutes(t, c, roundId, [{ en: 'Set up a shared data portal.', zh: '建立共享数据门户。' }]);
      decisionId = minutes.decisionIds[0] ?? '';
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    it('needs an owner on each side, each a member of that side', async () => {
      const base = { decisionId, title: { en: 'Draft the portal spec', zh: '起草门户规范' }, dueDate: '2030-07-01' };
      const cases: [object, string][] = [
        [{ ...base, owners: [{ side: 'US', userId: c.usMember.id }] }, 'owners: every side needs an owner; missing CN'],
        [{ ...base, owners: [{ side: 'US', userId: c.usMember.id }, { side: 'CN', userId: c.usChair.id }] }, 'owners.1.userId: the member is on side US, not CN'],
        [{ ...base, owners: [{ side: 'US', userId: c.outsider.id }, { side: 'CN', userId: c.cnMember.id }] }, 'owners.0.userId: not a member of this working group'],
        [{ ...base, owners: owners(), dueDate: '2026-02-30' }, 'dueDate: must be an ISO 8601 date (YYYY-MM-DD)'],
        [{ ...base, owners: owners(), decisionId: '00000000-0000-4000-8000-000000000000' }, 'decisionId: no such decision (decisions come from locked minutes)'],
      ];
      for (const [payload, message] of cases) {
        const res = await call(t, c.usChair, 'POST', '/api/actions', payload);
        expect(res).toMatchObject({ status: 400, body: { error: { id: 'validation_failed', message } } });
      }
      expect((await call(t, c.usMember, 'POST', '/api/actions', { ...base, owners: owners() })).status).toBe(403);
      const ok = await call<ActionItem>(t, c.cnChair, 'POST', '/api/actions', { ...base, owners: owners() });
      expect(ok).toMatchObject({ status: 201, body: { status: 'open', overdue: false, groupId } });
      expect(ok.body.owners).toEqual([owners()[1], owners()[0]]);
      for (const owner of [c.usMember, c.cnMember]) {
        const notices = (await call<{ items: { kind: string; entityId: string }[] }>(t, owner, 'GET', '/api/notifications')).body.items;
        expect(notices).toContainEqual(expect.objectContaining({ kind: 'action_assigned', entityId: ok.body.id }));
      }
    });

    it('lets owners move the status of their action but nothing else', async () => {
      const a = (await call<ActionItem>(t, c.usChair, 'POST', '/api/actions', { decisionId, title: { en: 'Pick hosting' }, dueDate: '2030-08-01', owners: owners() })).body;
      const moved = await call<ActionItem>(t, c.cnMember, 'PATCH', `/api/actions/${a.id}`, { status: 'in_progress', version: a.version });
      expect(moved).toMatchObject({ status: 200, body: { status: 'in_progress', version: 2 } });
      expect((await call(t, c.cnMember, 'PATCH', `/api/actions/${a.id}`, { dueDate: '2027-01-01', version: 2 })).status).toBe(403);
      expect((await call(t, c.outsider, 'PATCH', `/api/actions/${a.id}`, { status: 'done', version: 2 })).status).toBe(403);
      expect((await call(t, c.usMember, 'PATCH', `/api/actions/${a.id}`, { status: 'done', version: 1 })).status).toBe(409);
    });

    it('computes overdue in UTC from the injected clock, for the group and for each owner', async () => {
      let clock = new Date('2026-09-30T23:30:00Z');
      const services = buildServices(t.services.config, database, { now: () => clock, log: { info: () => {}, warn: () => {} } });
      const [us, cn] = [c.usMember.user, c.cnMember.user];
      const make = (en: string, dueDate: string) => services.actions.create(c.usChair.user, { decisionId, title: { en }, dueDate, owners: owners() });
      const due = await make('Due 30 September', '2026-09-30');
      const past = await make('Due 29 September', '2026-09-29');
      const done = await make('Done already', '2026-09-01');
      await services.actions.update(c.usChair.user, done.id, { status: 'done', version: done.version });
      const overdueIds = async () => (await services.actions.forGroup(groupId, true)).map((a) => a.id);
      expect(await overdueIds()).toContain(past.id);
      expect(await overdueIds()).not.toContain(due.id);
      expect(await overdueIds()).not.toContain(done.id);
      clock = new Date('2026-10-01T00:00:01Z');
      expect(await overdueIds()).toEqual(expect.arrayContaining([past.id, due.id]));
      expect((await services.actions.mine(cn, true)).map((a) => a.id)).toEqual(expect.arrayContaining([past.id, due.id]));
      expect((await services.actions.mine(cn, true)).map((a) => a.id)).not.toContain(done.id);
      // Reminders come from the scheduled job, not from reading: before it runs there is no notice.
      const overdueNotices = async () => (await services.notifications.list(us, { state: 'all', limit: 200 })).items.filter((n) => n.kind === 'action_overdue');
      expect(await overdueNotices()).toEqual([]);
      await raiseReminders(database.db, clock);
      expect((await overdueNotices()).map((n) => n.entityId)).toEqual(expect.arrayContaining([past.id, due.id]));
      // Running the job again the same day does not duplicate the notice.
      await raiseReminders(database.db, clock);
      expect((await overdueNotices()).filter((n) => n.entityId === due.id)).toHaveLength(1);
      const marked = await services.notifications.markAll(us, {});
      expect(marked.marked).toBeGreaterThan(0);
      expect((await services.notifications.list(us, { state: 'unread', limit: 200 })).items).toEqual([]);
      await services.actions.update(c.cnChair.user, past.id, { status: 'cancelled', version: past.version });
      expect(await overdueIds()).not.toContain(past.id);
    });

    it('lists overdue actions over HTTP for the group page and "my actions"', async () => {
      const old = (await call<ActionItem>(t, c.usChair, 'POST', '/api/actions', { decisionId, title: { en: 'Long overdue' }, dueDate: '2020-01-01', owners: owners() })).body;
      expect(old.overdue).toBe(true);
      const group = (await call<{ items: ActionItem[] }>(t, c.outsider, 'GET', `/api/working-groups/${groupId}/actions?overdue=true`)).body.items;
      expect(group.map((a) => a.id)).toContain(old.id);
      expect(group.every((a) => a.overdue)).toBe(true);
      const mine = (await call<{ items: ActionItem[] }>(t, c.usMember, 'GET', '/api/actions/mine?overdue=true')).body.items;
      expect(mine.map((a) => a.id)).toContain(old.id);
      expect((await call<{ items: ActionItem[] }>(t, c.outsider, 'GET', '/api/actions/mine')).body.items).toEqual([]);
    });

    it('rolls actions and milestones up into result progress', async () => {
      expect(progressOf([], [])).toBe(0);
      expect((await call(t, c.usMember, 'POST', '/api/actions/results', { groupId, title: { en: 'Shared portal live' } })).status).toBe(403);
      const r = (await call<Result>(t, c.usChair, 'POST', '/api/actions/results', { groupId, title: { en: 'Shared portal live', zh: '共享门户上线' } })).body;
      const withMilestone = (await call<Result>(t, c.cnChair, 'POST', `/api/actions/results/${r.id}/milestones`, { title: { en: 'Pilot' }, dueDate: '2026-10-01' })).body;
      const milestoneId = withMilestone.milestones[0]?.id ?? '';
      const mk = async (en: string) => (await call<ActionItem>(t, c.usChair, 'POST', '/api/actions', { decisionId, title: { en }, dueDate: '2030-12-01', owners: owners(), resultId: r.id })).body;
      const a1 = await mk('Servers');
      const a2 = await mk('Accounts');
      const a3 = await mk('Dropped');
      await call(t, c.usChair, 'PATCH', `/api/actions/${a1.id}`, { status: 'done', version: a1.version });
      await call(t, c.usChair, 'PATCH', `/api/actions/${a3.id}`, { status: 'cancelled', version: a3.version });
      expect((await call<Result>(t, c.outsider, 'GET', `/api/actions/results/${r.id}`)).body).toMatchObject({ progress: 33.3, actionIds: expect.arrayContaining([a1.id, a2.id, a3.id]) as unknown });
      const after = (await call<Result>(t, c.cnChair, 'PUT', `/api/actions/milestones/${milestoneId}/done`, { done: true })).body;
      expect(after.progress).toBe(66.7);
      const list = (await call<{ items: Result[] }>(t, c.outsider, 'GET', `/api/working-groups/${groupId}/results`)).body.items;
      expect(list).toMatchObject([{ id: r.id, progress: 66.7 }]);
    });

    it('refuses a milestone change made on an older version, leaving the milestone as it was', async () => {
      const r = (await call<Result>(t, c.usChair, 'POST', '/api/actions/results', { groupId, title: { en: 'Data portal', zh: '数据门户' } })).body;
      const m = (await call<Result>(t, c.cnChair, 'POST', `/api/actions/results/${r.id}/milestones`, { title: { en: 'Pilot' } })).body.milestones[0]!;
      expect(m.version).toBe(1);
      const done = await call<Result>(t, c.usChair, 'PUT', `/api/actions/milestones/${m.id}/done`, { done: true, version: 1 });
      expect(done.body.milestones[0]).toMatchObject({ version: 2, doneAt: expect.any(String) as string });
      // The CN co-chair still sees version 1 and unticks it: refused, the milestone stays done.
      const stale = await call(t, c.cnChair, 'PUT', `/api/actions/milestones/${m.id}/done`, { done: false, version: 1 });
      expect(stale).toMatchObject({ status: 409, body: { error: { id: 'conflict' } } });
      expect((await call<Result>(t, c.outsider, 'GET', `/api/actions/results/${r.id}`)).body.milestones[0]).toEqual(done.body.milestones[0]);
    });
  });
}
