import type { CalendarFeedState, CalendarFeedToken } from '@qiao/contracts';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { sha256 } from '../../services.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { buildGroup, buildRound, call, signInCast, type Cast, type Signed } from '../groups/group.fixtures.ts';

/** Parses with ical.js, an implementation independent of the one that wrote the file. */
function events(ics: string): ICAL.Event[] {
  // ical.js types its parse result as any; one VCALENDAR gives one jCal array.
  const cal = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  return cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`rounds in calendars on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let c: Cast;
    let roundId: string;
    let onlineRoundId: string;
    const longZh = '中美科学技术合作联合工作组关于气候数据共享与地震预报方法的第二轮对话会议';
    const tricky = 'Round 2; data, models \\ back';

    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      c = await signInCast(t);
      const groupId = await buildGroup(t, c, { activate: true });
      let trackId: string;
      ({ trackId, roundId } = await buildRound(t, c, groupId));
      const online = await call<{ id: string }>(t, c.usChair, 'POST', `/api/dialogues/tracks/${trackId}/rounds`, {
        title: { en: tricky, zh: longZh },
        startsAt: '2026-06-01T14:00:00Z',
        onlineLink: 'https://meet.example.org/r2?pin=1,2;3',
      });
      expect(online.status).toBe(201);
      onlineRoundId = online.body.id;
      expect((await call(t, c.cnMember, 'PATCH', '/api/auth/me', { locale: 'zh' })).status).toBe(200);
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const ics = async (who: Signed | null, url: string) => {
      const res = await t.app.inject({ method: 'GET', url, ...(who ? { headers: who.headers } : {}) });
      return { status: res.statusCode, type: res.headers['content-type'], body: res.body };
    };

    it("exports a round as one VEVENT with UID, DTSTAMP, UTC times, place and the reader's language", async () => {
      const en = await ics(c.usMember, `/api/dialogues/rounds/${roundId}/calendar.ics`);
      expect(en.status).toBe(200);
      expect(en.type).toBe('text/calendar; charset=utf-8');
      const [event, ...rest] = events(en.body);
      expect(rest).toHaveLength(0);
      expect(event?.uid).toBe(`round-${roundId}@localhost`);
      expect(event?.summary).toBe('Round 1');
      expect(event?.location).toBe('Beijing');
      // 09:00 in Beijing is 01:00 UTC.
      expect(event?.startDate.toJSDate().toISOString()).toBe('2026-05-01T01:00:00.000Z');
      expect(event?.endDate.toJSDate().toISOString()).toBe('2026-05-02T09:00:00.000Z');
      expect(event?.startDate.zone.tzid).toBe('UTC');
      expect(event?.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
      expect(en.body).toMatch(/^DTSTART:20260501T010000Z\r$/m);

      const zh = events((await ics(c.cnMember, `/api/dialogues/rounds/${roundId}/calendar.ics`)).body)[0];
      expect(zh?.summary).toBe('第一轮');
      expect(zh?.uid).toBe(event?.uid);
    });

    it('escapes text and folds lines at 75 octets, and an online round gives its link as location', async () => {
      const en = await ics(c.usMember, `/api/dialogues/rounds/${onlineRoundId}/calendar.ics`);
      const event = events(en.body)[0];
      expect(event?.summary).toBe(tricky);
      expect(en.body).toContain('SUMMARY:Round 2\\; data\\, models \\\\ back');
      expect(event?.location).toBe('https://meet.example.org/r2?pin=1,2;3');
      // A URI takes no text escapes; the characters a writer would escape are percent-encoded instead.
      expect(event?.component.getFirstPropertyValue('url')).toBe('https://meet.example.org/r2?pin=1%2C2%3B3');
      const zh = await ics(c.cnMember, `/api/dialogues/rounds/${onlineRoundId}/calendar.ics`);
      expect(events(zh.body)[0]?.summary).toBe(longZh);
      const lines = zh.body.split('\r\n');
      expect(lines.some((l) => l.startsWith(' '))).toBe(true);
      for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(zh.body.replace(/\r\n/g, '')).not.toContain('\n');
    });

    it('shows a round only to whom may see it: outsiders 403, no session 401, unknown round 404', async () => {
      expect(JSON.parse((await ics(c.outsider, `/api/dialogues/rounds/${roundId}/calendar.ics`)).body)).toMatchObject({ error: { id: 'out_of_scope' } });
      expect((await ics(null, `/api/dialogues/rounds/${roundId}/calendar.ics`)).status).toBe(401);
      const missing = await ics(c.admin, '/api/dialogues/rounds/00000000-0000-4000-8000-000000000000/calendar.ics');
      expect(missing.status).toBe(404);
      expect(JSON.parse(missing.body)).toMatchObject({ error: { id: 'not_found' } });
      expect((await ics(c.admin, `/api/dialogues/rounds/${roundId}/calendar.ics`)).status).toBe(200);
    });

    it("serves a personal feed of the user's groups' rounds behind a token kept only as a hash", async () => {
      expect((await call<CalendarFeedState>(t, c.cnMember, 'GET', '/api/calendar/feed')).body).toEqual({ active: false, createdAt: null });
      const created = await call<CalendarFeedToken>(t, c.cnMember, 'POST', '/api/calendar/feed');
      expect(created.status).toBe(201);
      const { token, path } = created.body;
      expect(path).toBe(`/api/calendar/feeds/${token}/rounds.ics`);
      const stored = await database.db.query.calendarFeeds.findMany();
      expect(stored).toHaveLength(1);
      expect(stored[0]?.tokenHash).toBe(sha256(token));
      expect(JSON.stringify(stored)).not.toContain(token);

      // No cookie: a calendar app sends only the URL.
      const feed = await ics(null, path);
      expect(feed.status).toBe(200);
      const found = events(feed.body);
      expect(found.map((e) => e.uid).sort()).toEqual([`round-${roundId}@localhost`, `round-${onlineRoundId}@localhost`].sort());
      expect(found.map((e) => e.summary)).toContain('第一轮');

      const outsider = await call<CalendarFeedToken>(t, c.outsider, 'POST', '/api/calendar/feed');
      expect(events((await ics(null, outsider.body.path)).body)).toHaveLength(0);
      expect((await call<CalendarFeedState>(t, c.cnMember, 'GET', '/api/calendar/feed')).body.active).toBe(true);
    });

    it('stops an old URL on rotation and every URL on revocation; a bad or revoked token is 404 and changes nothing', async () => {
      const first = (await call<CalendarFeedToken>(t, c.usMember, 'POST', '/api/calendar/feed')).body;
      const second = (await call<CalendarFeedToken>(t, c.usMember, 'POST', '/api/calendar/feed')).body;
      expect(second.token).not.toBe(first.token);
      expect((await ics(null, first.path)).status).toBe(404);
      expect((await ics(null, second.path)).status).toBe(200);

      expect((await call(t, c.usMember, 'DELETE', '/api/calendar/feed')).status).toBe(204);
      const feedsBefore = await database.db.query.calendarFeeds.findMany();
      const auditBefore = (await database.db.query.auditLog.findMany()).length;
      for (const path of [second.path, first.path, '/api/calendar/feeds/not-a-token/rounds.ics', `/api/calendar/feeds/${'A'.repeat(43)}/rounds.ics`]) {
        const res = await ics(null, path);
        expect(res.status).toBe(404);
        expect(JSON.parse(res.body)).toMatchObject({ error: { id: 'not_found' } });
      }
      expect(await database.db.query.calendarFeeds.findMany()).toEqual(feedsBefore);
      expect((await database.db.query.auditLog.findMany()).length).toBe(auditBefore);
      expect((await call(t, c.usMember, 'DELETE', '/api/calendar/feed')).status).toBe(404);
      expect((await call<CalendarFeedState>(t, c.usMember, 'GET', '/api/calendar/feed')).body.active).toBe(false);
      const actions = (await database.db.query.auditLog.findMany({ where: (l, { eq }) => eq(l.entityId, c.usMember.id) })).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['calendar_feed.create', 'calendar_feed.rotate', 'calendar_feed.revoke']));
      expect((await call(t, null, 'POST', '/api/calendar/feed')).status).toBe(401);
    });
  });
}
