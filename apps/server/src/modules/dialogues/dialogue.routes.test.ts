import type { AgendaItem, RoundDetail } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { buildGroup, buildRound, call, signInCast, type Cast } from '../groups/group.fixtures.ts';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`dialogue tracks, rounds and positions on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let c: Cast;
    let groupId: string;
    let trackId: string;
    let roundId: string;
    let itemId: string;
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      c = await signInCast(t);
      groupId = await buildGroup(t, c, { activate: true });
      ({ trackId, roundId, itemId } = await buildRound(t, c, groupId));
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    it('refuses bad dates with the field named and creates nothing', async () => {
      const base = { title: { en: 'Round 2' }, onlineLink: 'https://meet.example.org/r2', startsAt: '2026-06-01T09:00:00Z' };
      const cases: [object, string][] = [
        [{ ...base, startsAt: 'next tuesday' }, 'startsAt: must be an ISO 8601'],
        [{ ...base, startsAt: '2026-02-30' }, 'startsAt: must be an ISO 8601'],
        [{ ...base, endsAt: '2026-13-01T00:00:00Z' }, 'endsAt: must be an ISO 8601'],
        [{ ...base, endsAt: '2026-05-31T09:00:00Z' }, 'endsAt: must not be before startsAt'],
        [{ title: { en: 'x' }, startsAt: '2026-06-01' }, 'place: give a place or an online link'],
      ];
      for (const [payload, message] of cases) {
        const res = await call<{ error: { id: string; message: string } }>(t, c.usChair, 'POST', `/api/dialogues/tracks/${trackId}/rounds`, payload);
        expect(res.status).toBe(400);
        expect(res.body.error.id).toBe('validation_failed');
        expect(res.body.error.message.startsWith(message)).toBe(true);
      }
      const round = (await call<RoundDetail>(t, c.usChair, 'GET', `/api/dialogues/rounds/${roundId}`)).body;
      const patch = await call<{ error: { message: string } }>(t, c.usChair, 'PATCH', `/api/dialogues/rounds/${roundId}`, { endsAt: '2026-04-30T00:00:00Z', version: round.version });
      expect(patch.status).toBe(400);
      expect(patch.body.error.message).toMatch(/^endsAt: must not be before startsAt/);
      expect((await call<{ items: unknown[] }>(t, c.usChair, 'GET', `/api/dialogues/tracks/${trackId}/rounds`)).body.items).toHaveLength(1);
    });

    it('plans rounds with participants from the group only, by co-chairs only', async () => {
      const payload = { title: { en: 'Round 2', zh: '第二轮' }, startsAt: '2026-06-01', onlineLink: 'https://meet.example.org/r2' };
      expect((await call(t, c.usMember, 'POST', `/api/dialogues/tracks/${trackId}/rounds`, payload)).status).toBe(403);
      const outsider = await call<{ error: { message: string } }>(t, c.cnChair, 'POST', `/api/dialogues/tracks/${trackId}/rounds`, { ...payload, participantIds: [c.cnMember.id, c.outsider.id] });
      expect(outsider).toMatchObject({ status: 400, body: { error: { message: 'participantIds.1: not a member of this working group' } } });
      const ok = await call<{ id: string; version: number; participants: unknown[] }>(t, c.cnChair, 'POST', `/api/dialogues/tracks/${trackId}/rounds`, { ...payload, participantIds: [c.cnMember.id] });
      expect(ok.status).toBe(201);
      expect(ok.body.participants).toEqual([{ userId: c.cnMember.id, side: 'CN', displayName: c.cnMember.user.displayName }]);
      const held = await call(t, c.usChair, 'PATCH', `/api/dialogues/rounds/${ok.body.id}`, { status: 'held', version: ok.body.version });
      expect(held).toMatchObject({ status: 200, body: { status: 'held' } });
      const back = await call(t, c.usChair, 'PATCH', `/api/dialogues/rounds/${ok.body.id}`, { status: 'planned', version: ok.body.version + 1 });
      expect(back).toMatchObject({ status: 409, body: { error: { id: 'invalid_transition' } } });
    });

    it("lets only a side's own members write that side's position", async () => {
      const us = await call<{ side: string; position: { flag: string }; version: number }>(t, c.usMember, 'PUT', `/api/dialogues/items/${itemId}/positions/US`, {
        position: { en: 'Share station data openly after 12 months.' },
        concerns: { en: 'Export controls on high-resolution models.', zh: '高分辨率模型的出口管制。' },
      });
      expect(us).toMatchObject({ status: 200, body: { side: 'US', position: { flag: 'missing_zh' }, version: 1 } });
      for (const [who, side, id] of [
        [c.usMember, 'CN', 'wrong_side'],
        [c.usChair, 'CN', 'wrong_side'],
        [c.cnMember, 'US', 'wrong_side'],
        [c.outsider, 'US', 'out_of_scope'],
        [c.admin, 'CN', 'wrong_side'],
      ] as const) {
        const res = await call(t, who, 'PUT', `/api/dialogues/items/${itemId}/positions/${side}`, { position: { en: 'hijacked' } });
        expect(res).toMatchObject({ status: 403, body: { error: { id } } });
      }
      const cn = await call(t, c.cnMember, 'PUT', `/api/dialogues/items/${itemId}/positions/CN`, { position: { zh: '数据应在个人信息保护框架内共享。', en: 'Share within the personal-information framework.' } });
      expect(cn.status).toBe(200);
      const edit = await call(t, c.usChair, 'PUT', `/api/dialogues/items/${itemId}/positions/US`, { position: { zh: '12个月后公开共享站点数据。' }, version: 1 });
      expect(edit).toMatchObject({ status: 200, body: { version: 2, position: { flag: 'en_older' } } });
      const stale = await call(t, c.usMember, 'PUT', `/api/dialogues/items/${itemId}/positions/US`, { position: { en: 'late' }, version: 1 });
      expect(stale.status).toBe(409);
      const item = (await call<AgendaItem>(t, c.cnMember, 'GET', `/api/dialogues/items/${itemId}`)).body;
      expect(item.positions.map((p) => [p.side, p.position.en])).toEqual([
        ['CN', 'Share within the personal-information framework.'],
        ['US', 'Share station data openly after 12 months.'],
      ]);
    });

    it('keeps the full convergence history, set by co-chairs', async () => {
      expect((await call(t, c.usMember, 'POST', `/api/dialogues/items/${itemId}/convergence`, { status: 'narrowing' })).status).toBe(403);
      await call(t, c.usChair, 'POST', `/api/dialogues/items/${itemId}/convergence`, { status: 'narrowing', note: 'Embargo period agreed in principle' });
      const agreed = await call<AgendaItem>(t, c.cnChair, 'POST', `/api/dialogues/items/${itemId}/convergence`, { status: 'agreed' });
      expect(agreed.body.convergence).toBe('agreed');
      expect(agreed.body.history.map((h) => ({ from: h.from, to: h.to, note: h.note, actorId: h.actorId }))).toEqual([
        { from: 'open', to: 'narrowing', note: 'Embargo period agreed in principle', actorId: c.usChair.id },
        { from: 'narrowing', to: 'agreed', note: null, actorId: c.cnChair.id },
      ]);
      expect((await call(t, c.cnChair, 'POST', `/api/dialogues/items/${itemId}/convergence`, { status: 'agreed' })).status).toBe(409);
      const bad = await call<{ error: { message: string } }>(t, c.cnChair, 'POST', `/api/dialogues/items/${itemId}/convergence`, { status: 'done' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^status: /);
      const round = (await call<RoundDetail>(t, c.usMember, 'GET', `/api/dialogues/rounds/${roundId}`)).body;
      expect(round.agenda[0]?.history).toHaveLength(2);
      const audit = await t.services.database.db.query.auditLog.findMany({ where: (l, { eq }) => eq(l.entityId, itemId) });
      expect(audit.map((a) => a.action).filter((a) => a === 'agenda_item.convergence')).toHaveLength(2);
    });
  });
}
