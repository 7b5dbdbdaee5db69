import type { Minutes } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { buildGroup, buildRound, call, signInCast, type Cast } from '../groups/group.fixtures.ts';

const draft = { body: { en: 'Both sides reviewed the data-sharing agenda.', zh: '双方审议了数据共享议程。' }, decisions: [{ en: 'Exchange station metadata by June.', zh: '六月前交换站点元数据。' }] };

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`minutes approval on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let c: Cast;
    let groupId: string;
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      c = await signInCast(t);
      groupId = await buildGroup(t, c, { activate: true });
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const newMinutes = async () => {
      const { roundId } = await buildRound(t, c, groupId);
      const res = await call<Minutes>(t, c.usMember, 'POST', `/api/dialogues/rounds/${roundId}/minutes`, draft);
      expect(res.status).toBe(201);
      return res.body;
    };
    const approve = (who: Cast['usChair'], id: string, revision: number) => call<Minutes>(t, who, 'POST', `/api/dialogues/minutes/${id}/approvals`, { revision });

    it('lets only participants draft, asks both co-chairs, and does not lock on one approval', async () => {
      const { roundId } = await buildRound(t, c, groupId);
      expect((await call(t, c.outsider, 'POST', `/api/dialogues/rounds/${roundId}/minutes`, draft)).status).toBe(403);
      const m = (await call<Minutes>(t, c.cnMember, 'POST', `/api/dialogues/rounds/${roundId}/minutes`, draft)).body;
      expect(m).toMatchObject({ status: 'draft', currentRevision: 1, lockedRevision: null, awaitingSides: ['US', 'CN'], revision: { number: 1, body: { flag: 'ok' } } });
      expect((await call(t, c.cnMember, 'POST', `/api/dialogues/rounds/${roundId}/minutes`, draft)).status).toBe(409);
      for (const chair of [c.usChair, c.cnChair]) {
        const notices = (await call<{ items: { kind: string; entityId: string }[] }>(t, chair, 'GET', '/api/notifications?unread=true')).body.items;
        expect(notices).toContainEqual(expect.objectContaining({ kind: 'minutes_approval_needed', entityId: m.id }));
      }
      expect((await approve(c.usMember, m.id, 1)).status).toBe(403);
      const one = await approve(c.usChair, m.id, 1);
      expect(one.body).toMatchObject({ status: 'draft', lockedRevision: null, awaitingSides: ['CN'], approvals: [{ side: 'US', userId: c.usChair.id, revision: 1 }] });
      expect((await approve(c.usChair, m.id, 1)).body).toMatchObject({ error: { id: 'conflict' } });
      expect((await call<Minutes>(t, c.cnMember, 'GET', `/api/dialogues/minutes/${m.id}`)).body.status).toBe('draft');
      expect(await t.services.record.entries()).toHaveLength(0);
    });

    it('locks when both co-chairs approve the same revision, and enters the record', async () => {
      const m = await newMinutes();
      await approve(c.cnChair, m.id, 1);
      const locked = await approve(c.usChair, m.id, 1);
      expect(locked.body).toMatchObject({ status: 'locked', lockedRevision: 1, awaitingSides: [] });
      expect(locked.body.decisionIds).toHaveLength(1);
      const entries = await t.services.record.entries(groupId);
      expect(entries.filter((e) => e.entityId === m.id || locked.body.decisionIds.includes(e.entityId)).map((e) => e.kind)).toEqual(['minutes', 'decision']);
      expect((await approve(c.cnChair, m.id, 1)).status).toBe(409);
    });

    it('resets approvals on amendment, and a locked revision changes only through a new approved one', async () => {
      const m = await newMinutes();
      await approve(c.usChair, m.id, 1);
      const amended = await call<Minutes>(t, c.cnMember, 'PUT', `/api/dialogues/minutes/${m.id}`, { ...draft, body: { zh: '双方审议并修订了议程。' }, version: m.version });
      expect(amended.body).toMatchObject({ currentRevision: 2, approvals: [], awaitingSides: ['US', 'CN'], revision: { body: { flag: 'en_older' } } });
      // The US approval was of revision 1; it does not count for revision 2.
      expect((await approve(c.cnChair, m.id, 1)).body).toMatchObject({ error: { id: 'conflict' } });
      expect((await approve(c.cnChair, m.id, 2)).body).toMatchObject({ status: 'draft', awaitingSides: ['US'] });
      const locked = (await approve(c.usChair, m.id, 2)).body;
      expect(locked).toMatchObject({ status: 'locked', lockedRevision: 2 });
      const reopened = await call<Minutes>(t, c.usMember, 'PUT', `/api/dialogues/minutes/${m.id}`, { ...draft, note: 'correct a date', version: locked.version });
      expect(reopened.body).toMatchObject({ status: 'draft', currentRevision: 3, lockedRevision: 2, approvals: [] });
      await approve(c.usChair, m.id, 3);
      expect((await call<Minutes>(t, c.usMember, 'GET', `/api/dialogues/minutes/${m.id}`)).body).toMatchObject({ status: 'draft', lockedRevision: 2 });
      // Outside the group, only what both co-chairs approved is visible: revision 2, not the draft 3.
      const outside = (await call<Minutes>(t, c.outsider, 'GET', `/api/dialogues/minutes/${m.id}`)).body;
      expect(outside).toMatchObject({ status: 'locked', currentRevision: 2, lockedRevision: 2, awaitingSides: [], revision: { number: 2 }, approvals: [{ revision: 2 }, { revision: 2 }] });
      expect((await approve(c.cnChair, m.id, 3)).body).toMatchObject({ status: 'locked', lockedRevision: 3 });
      const revisions = (await call<{ items: { number: number }[] }>(t, c.usMember, 'GET', `/api/dialogues/minutes/${m.id}/revisions`)).body.items;
      expect(revisions.map((r) => r.number)).toEqual([1, 2, 3]);
    });

    it('refuses one of two concurrent amendments with 409 and keeps the other', async () => {
      const m = await newMinutes();
      const edit = (who: Cast['usMember'], en: string) => call<Minutes>(t, who, 'PUT', `/api/dialogues/minutes/${m.id}`, { ...draft, body: { en }, version: m.version });
      const [a, b] = await Promise.all([edit(c.usMember, 'US wording'), edit(c.cnMember, 'CN wording')]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const winner = (a.status === 200 ? a : b).body;
      const now = (await call<Minutes>(t, c.usChair, 'GET', `/api/dialogues/minutes/${m.id}`)).body;
      expect(now).toMatchObject({ currentRevision: 2, revision: { body: { en: winner.revision.body.en } } });
    });

    it('locks exactly once when both co-chairs approve at the same moment', async () => {
      const m = await newMinutes();
      const results = await Promise.all([approve(c.usChair, m.id, 1), approve(c.cnChair, m.id, 1)]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      expect(results.map((r) => r.body.status)).toContain('locked');
      const entries = (await t.services.record.entries(groupId)).filter((e) => e.kind === 'minutes' && e.entityId === m.id);
      expect(entries).toHaveLength(1);
    });

    it('takes comments from participants on a revision', async () => {
      const m = await newMinutes();
      expect((await call(t, c.outsider, 'POST', `/api/dialogues/minutes/${m.id}/comments`, { body: 'drive-by' })).status).toBe(403);
      const res = await call(t, c.cnMember, 'POST', `/api/dialogues/minutes/${m.id}/comments`, { body: '第二段需要补充时间。' });
      expect(res).toMatchObject({ status: 201, body: { revision: 1, authorId: c.cnMember.id } });
      expect((await call<{ items: unknown[] }>(t, c.usChair, 'GET', `/api/dialogues/minutes/${m.id}/comments`)).body.items).toHaveLength(1);
    });
  });
}
