import type { ProjectChecks } from '@qiao/contracts';
import { classify } from '@qiao/policy';
import { asc, desc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasets } from '../modules/datasets/dataset.schema.ts';
import { workingGroups } from '../modules/groups/group.schema.ts';
import { projects } from '../modules/projects/project.schema.ts';
import { buildTestApp, type TestApp } from '../testing/app.ts';
import { dbTargets } from '../testing/db.ts';
import type { Database } from './client.ts';
import { encodeCursor } from './keyset-page.ts';

const bi = (en: string) => ({ en, zh: null, enEditedAt: null, zhEditedAt: null });
const LEVELS = ['open', 'on_request', 'restricted', 'embargoed'] as const;

interface Listed {
  id: string;
  status?: string;
  accessLevel?: string;
  checks?: { flags: unknown[] } | null;
  access?: { canDownload: boolean };
}

const checks = (flagged: boolean): ProjectChecks => ({
  runAt: '2026-01-01T00:00:00.000Z',
  trigger: 'submit',
  screening: [],
  technology: classify('air quality observations'),
  transfers: [],
  flags: flagged ? [{ id: 'f1', side: 'US', kind: 'technology', severity: 'review', summaryEn: 'Look', summaryZh: '查看', evidence: null }] : [],
});

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`list paging on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let member: Record<string, string>;
    let cnMember: Record<string, string>;
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      member = (await t.signInAs(['member'], 'US')).headers;
      cnMember = (await t.signInAs(['member'], 'CN')).headers;
      const [g] = await database.db.insert(workingGroups).values({ name: bi('Air'), charter: bi('Charter'), technologyArea: 'climate', sides: ['US', 'CN'], status: 'active' }).returning();
      // Twenty-three projects: seven share one change time to the microsecond (the id breaks the tie),
      // the rest lie microseconds apart within the same millisecond, which a JavaScript Date cannot tell apart.
      await database.db.insert(projects).values(
        Array.from({ length: 23 }, (_, i) => ({
          groupId: g?.id ?? '',
          title: bi(`Project ${i}`),
          abstract: bi('A'),
          technologyArea: 'climate',
          keywords: [],
          parties: [],
          dataPlan: [],
          budget: [],
          status: i % 3 === 0 ? ('submitted' as const) : ('draft' as const),
          checks: i % 4 === 0 ? checks(true) : i % 4 === 1 ? checks(false) : null,
        })),
      );
      await database.db.execute(
        sql`update projects set updated_at = timestamptz '2026-03-01 10:00:00.123000+00' + greatest(0, substring(title ->> 'en' from 'Project ([0-9]+)')::int - 6) * interval '1 microsecond'`,
      );
      await database.db.insert(datasets).values(
        Array.from({ length: 12 }, (_, i) => ({
          title: bi(`Dataset ${i}`),
          description: bi('D'),
          creators: [],
          subjects: [],
          spatial: [],
          licence: 'CC-BY-4.0',
          relatedPublications: [],
          accessLevel: LEVELS[i % 4] ?? 'open',
          embargoUntil: i % 4 === 3 ? '2099-01-01' : null,
          side: 'US',
          dataDeclaration: {},
        })),
      );
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
    /** Follows `Link: rel="next"` from `url` to the last page; the items of every page and the headers seen. */
    const walk = async (url: string, headers: Record<string, string> = {}) => {
      const pages: Listed[][] = [];
      const totals: string[] = [];
      let next: string | null = url;
      while (next) {
        const res = await get(next, headers);
        expect(res.statusCode, res.body).toBe(200);
        pages.push(res.json<{ items: Listed[] }>().items);
        totals.push(String(res.headers['x-total-count']));
        const link = res.headers.link;
        next = typeof link === 'string' ? (/^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? 'malformed link') : null;
        expect(pages.length).toBeLessThan(50);
      }
      return { pages, items: pages.flat(), totals };
    };
    const orderOf = async (table: typeof projects | typeof datasets, where = sql`true`) =>
      (await database.db.select({ id: table.id }).from(table).where(where).orderBy(desc(table.updatedAt), asc(table.id))).map((r) => r.id);

    it('walks every project once, newest change first, in pages of the requested size', async () => {
      const { pages, items, totals } = await walk('/api/projects?limit=5', member);
      expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
      expect(items.map((p) => p.id)).toEqual(await orderOf(projects));
      expect(new Set(totals)).toEqual(new Set(['23']));
    });

    it('a page without a limit has 50 rows, and the last page has no next link', async () => {
      const res = await get('/api/projects', member);
      expect(res.json<{ items: Listed[] }>().items).toHaveLength(23);
      expect(res.headers.link).toBeUndefined();
      expect(res.headers['x-total-count']).toBe('23');
      const exact = await get('/api/projects?limit=23', member);
      expect(exact.headers.link).toBeUndefined();
    });

    it('keeps the filters on every page and counts only what they match', async () => {
      const { items, totals } = await walk('/api/projects?status=submitted&limit=3', member);
      expect(items.map((p) => p.id)).toEqual(await orderOf(projects, sql`status = 'submitted'`));
      expect(items.every((p) => p.status === 'submitted')).toBe(true);
      expect(new Set(totals)).toEqual(new Set([String(items.length)]));
      const flagged = await walk('/api/projects?flagged=true&limit=2', member);
      expect(flagged.items).toHaveLength(6);
      expect(flagged.items.every((p) => (p.checks?.flags.length ?? 0) > 0)).toBe(true);
      const unflagged = await walk('/api/projects?flagged=false&limit=4', member);
      expect(unflagged.items).toHaveLength(17);
      expect(new Set(unflagged.totals)).toEqual(new Set(['17']));
    });

    it('refuses a limit outside 1–200 or not a whole number with 400', async () => {
      for (const limit of ['0', '201', '-1', 'abc', '1.5', '', '1e9']) {
        for (const path of ['/api/projects', '/api/datasets']) {
          const res = await get(`${path}?limit=${limit}`, member);
          expect(res.statusCode, `${path} limit=${limit}`).toBe(400);
          expect(res.json<{ error: { id: string } }>().error.id).toBe('validation_failed');
        }
      }
      expect((await get('/api/projects?limit=200', member)).statusCode).toBe(200);
      expect((await get('/api/datasets?limit=1')).statusCode).toBe(200);
    });

    it('answers a cursor it did not write with 400, never 500', async () => {
      const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
      const id = '0b0e4a4e-1b8a-4c56-9a47-7a3f2f6e1c11';
      const hostile = [
        'x',
        '!!!!',
        '%00',
        'a'.repeat(201),
        b64('not json'),
        b64({ at: '2026-01-01', id }),
        b64(['2026-13-45T00:00:00.000000Z', id]),
        b64(['0000-01-01T00:00:00.000000Z', id]),
        b64(['2026-01-01T00:00:00.000000Z', "1' or '1'='1"]),
        b64(['2026-01-01 00:00:00', id]),
        b64([1, 2]),
        b64(['2026-01-01T00:00:00.000000Z', id, 'more']),
      ];
      for (const cursor of hostile) {
        for (const [path, headers] of [
          ['/api/projects', member],
          ['/api/datasets', member],
          ['/api/datasets', {}],
        ] as const) {
          const res = await get(`${path}?cursor=${encodeURIComponent(cursor)}`, headers);
          expect(res.statusCode, `${path} cursor=${cursor}`).toBe(400);
          expect(res.json<{ error: { id: string } }>().error.id).toBe('validation_failed');
        }
      }
      // A well-formed cursor past every row is simply an empty page.
      const end = await get(`/api/projects?cursor=${encodeCursor('1970-01-01T00:00:00.000000Z', id)}`, member);
      expect(end.statusCode).toBe(200);
      expect(end.json<{ items: Listed[] }>().items).toEqual([]);
    });

    it('applies the access rules on every page: a visitor pages through what is public, counted alone', async () => {
      const visitor = await walk('/api/datasets?limit=2');
      expect(visitor.items.map((d) => d.id)).toEqual(await orderOf(datasets, sql`access_level in ('open', 'embargoed')`));
      expect(visitor.items.every((d) => d.accessLevel === 'open' || d.accessLevel === 'embargoed')).toBe(true);
      expect(new Set(visitor.totals)).toEqual(new Set(['6']));
      const signedIn = await walk('/api/datasets?limit=5', member);
      expect(signedIn.items.map((d) => d.id)).toEqual(await orderOf(datasets));
      expect(new Set(signedIn.totals)).toEqual(new Set(['12']));
      // Restricted data stays within its side on every page, whoever pages through it.
      const cn = await walk('/api/datasets?accessLevel=restricted&limit=1', cnMember);
      expect(cn.items).toHaveLength(3);
      expect(cn.items.every((d) => d.access?.canDownload === false)).toBe(true);
      const us = await walk('/api/datasets?accessLevel=restricted&limit=1', member);
      expect(us.items.every((d) => d.access?.canDownload === false)).toBe(true);
      // A visitor's filter that only names hidden datasets finds none, and says so in the count.
      const hidden = await get('/api/datasets?accessLevel=restricted');
      expect(hidden.json<{ items: Listed[] }>().items).toEqual([]);
      expect(hidden.headers['x-total-count']).toBe('0');
    });

    it('the cached public catalogue carries its paging headers, and a new dataset moves the count', async () => {
      const first = await get('/api/datasets?limit=4');
      const again = await get('/api/datasets?limit=4');
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(again.headers['x-total-count']).toBe('6');
      expect(again.headers.link).toBe(first.headers.link);
      expect(String(again.headers.link)).toMatch(/^<\/api\/datasets\?limit=4&cursor=[A-Za-z0-9_-]+>; rel="next"$/);
      await database.db.insert(datasets).values({ title: bi('Fresh'), description: bi('D'), creators: [], subjects: [], spatial: [], licence: 'CC-BY-4.0', relatedPublications: [], accessLevel: 'open', side: 'CN', dataDeclaration: {} });
      const after = await get('/api/datasets?limit=4');
      expect(after.headers['x-total-count']).toBe('7');
      expect(after.json<{ items: { title: { en: string } }[] }>().items[0]?.title.en).toBe('Fresh');
    });
  });
}
