import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';

const tsinghua = { names: [{ lang: 'en', value: 'Tsinghua University' }, { lang: 'zh-Hans', value: '清华大学' }], side: 'CN', country: 'CN', kind: 'university' };

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`organisations and people on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let officer: Record<string, string>;
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      officer = (await t.signInAs(['compliance_officer'], 'CN')).headers;
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    it('creates an organisation with names in several languages and finds it by any of them', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/organizations', headers: officer, payload: tsinghua });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ ...tsinghua, version: 1, isDemo: false });
      for (const q of ['清华', 'tsinghua']) {
        const found = await t.app.inject({ method: 'GET', url: `/api/organizations?q=${encodeURIComponent(q)}`, headers: officer });
        expect(found.json<{ items: unknown[] }>().items).toHaveLength(1);
      }
      const bySide = await t.app.inject({ method: 'GET', url: '/api/organizations?side=US', headers: officer });
      expect(bySide.json<{ items: unknown[] }>().items).toHaveLength(0);
      // Wildcards in the search text are literal.
      const pct = await t.app.inject({ method: 'GET', url: '/api/organizations?q=%25', headers: officer });
      expect(pct.json<{ items: unknown[] }>().items).toHaveLength(0);
    });

    it('refuses a concurrent edit based on a stale version and keeps the first edit', async () => {
      const created = (await t.app.inject({ method: 'POST', url: '/api/organizations', headers: officer, payload: { ...tsinghua, names: [{ lang: 'en', value: 'Peking University' }] } })).json<{ id: string }>();
      const edit = (value: string) =>
        t.app.inject({ method: 'PATCH', url: `/api/organizations/${created.id}`, headers: officer, payload: { version: 1, names: [{ lang: 'en', value }] } });
      const [a, b] = await Promise.all([edit('Peking University (PKU)'), edit('Beijing University')]);
      const codes = [a.statusCode, b.statusCode].sort();
      expect(codes).toEqual([200, 409]);
      const loser = a.statusCode === 409 ? a : b;
      expect(loser.json()).toMatchObject({ error: { id: 'conflict' } });
      const winner = (a.statusCode === 200 ? a : b).json<{ names: { value: string }[]; version: number }>();
      const now = (await t.app.inject({ method: 'GET', url: `/api/organizations/${created.id}`, headers: officer })).json<{ names: { value: string }[]; version: number }>();
      expect(now).toMatchObject({ version: 2, names: winner.names });
      const audit = await t.services.database.db.query.auditLog.findMany({ where: (l, { eq }) => eq(l.entityId, created.id) });
      expect(audit.map((l) => l.action).sort()).toEqual(['organization.create', 'organization.update']);
      const update = audit.find((l) => l.action === 'organization.update');
      expect(update?.before).toMatchObject({ names: [{ value: 'Peking University' }] });
      expect(update?.after).toMatchObject({ names: winner.names });
    });

    it('rejects bad input with the field named and changes nothing', async () => {
      const before = (await t.services.parties.listOrganizations({})).length;
      const cases: [unknown, RegExp][] = [
        [{ ...tsinghua, country: 'China' }, /^country: /],
        [{ ...tsinghua, names: [] }, /^names: /],
        [{ side: 'CN', country: 'CN' }, /^names: /],
        [{ ...tsinghua, names: [{ lang: 'fr', value: 'x' }] }, /^names\.0\.lang: /],
      ];
      for (const [payload, message] of cases) {
        const res = await t.app.inject({ method: 'POST', url: '/api/organizations', headers: officer, payload: payload as object });
        expect(res.statusCode).toBe(400);
        expect(res.json<{ error: { id: string; message: string } }>().error.message).toMatch(message);
      }
      const badSide = await t.app.inject({ method: 'POST', url: '/api/organizations', headers: officer, payload: { ...tsinghua, side: 'ZZ' } });
      expect(badSide.statusCode).toBeGreaterThanOrEqual(400);
      expect((await t.services.parties.listOrganizations({})).length).toBe(before);
    });

    it('links people to their affiliation and refuses an unknown one', async () => {
      const org = (await t.services.parties.listOrganizations({ q: 'tsinghua' }))[0];
      const ok = await t.app.inject({ method: 'POST', url: '/api/people', headers: officer, payload: { names: [{ lang: 'zh-Hans', value: '李文静' }, { lang: 'en', value: 'Li Wenjing' }], side: 'CN', affiliationId: org?.id } });
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ affiliationId: org?.id });
      const bad = await t.app.inject({ method: 'POST', url: '/api/people', headers: officer, payload: { names: [{ lang: 'en', value: 'Nobody' }], side: 'CN', affiliationId: '00000000-0000-4000-8000-000000000000' } });
      expect(bad.json()).toMatchObject({ error: { id: 'validation_failed', message: 'affiliationId: no such organization' } });
      const missing = await t.app.inject({ method: 'GET', url: '/api/people/00000000-0000-4000-8000-000000000000', headers: officer });
      expect(missing.json()).toEqual({ error: { id: 'not_found', message: 'person not found' } });
    });

    it('lets members read the directory but not write it', async () => {
      const { headers } = await t.signInAs(['member', 'co_chair']);
      expect((await t.app.inject({ method: 'GET', url: '/api/organizations', headers })).statusCode).toBe(200);
      const res = await t.app.inject({ method: 'POST', url: '/api/organizations', headers, payload: tsinghua });
      expect(res.statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/api/organizations' })).statusCode).toBe(401);
    });
  });
}
