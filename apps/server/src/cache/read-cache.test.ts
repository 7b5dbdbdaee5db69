import type { Dataset, DatasetInput, IndicatorSeries } from '@qiao/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../db/client.ts';
import { readCacheOf } from './read-cache.ts';
import { seedDemo } from '../demo/seed.ts';
import { fixtureFiles } from '../modules/screening/fixtures/fixtures.ts';
import { buildTestApp, type TestApp } from '../testing/app.ts';
import { createPostgresDatabase, dbTargets } from '../testing/db.ts';

type Live = Record<string, IndicatorSeries['values']>;

const DATASET: DatasetInput = {
  title: { en: 'Air quality' },
  description: { en: 'PM2.5' },
  creators: [{ name: 'X', affiliation: '', side: 'US' }],
  subjects: [],
  temporalStart: null,
  temporalEnd: null,
  spatial: [],
  licence: 'CC-BY-4.0',
  relatedPublications: [],
  accessLevel: 'open',
  embargoUntil: null,
  side: 'US',
  dataDeclaration: {},
};

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`cached public answers on ${target.name}`, () => {
    let database: Database;
    /** A second connection to the same database: another node's writes (PostgreSQL only). */
    let otherNode: Database | null = null;
    let t: TestApp;
    let admin: Record<string, string>;
    beforeAll(async () => {
      if (target.name === 'postgres') {
        const url = await createPostgresDatabase();
        database = await openDatabase({ kind: 'postgres', url });
        await database.migrate();
        otherNode = await openDatabase({ kind: 'postgres', url });
      } else {
        database = await target.open();
      }
      t = await buildTestApp(database);
      await t.services.indicators.ensureSeed();
      await seedDemo(t.services);
      admin = (await t.signInAs(['admin'])).headers;
    });
    afterAll(async () => {
      await t.close();
      await otherNode?.close();
      await database.close();
    });

    const live = (items: IndicatorSeries[]): Live => Object.fromEntries(items.filter((s) => s.kind === 'live').map((s) => [s.id, s.values]));
    /** What the endpoint serves (from its cache when nothing changed). */
    const served = async () => live((await t.app.inject({ method: 'GET', url: '/api/indicators' })).json<{ items: IndicatorSeries[] }>().items);
    /** The figures computed from the database now, bypassing the cache. */
    const truth = async () => live(await t.services.indicators.list());
    const exec = (query: string) => database.db.execute(sql.raw(query));

    it('serves the live figures from the database, then the same answer from the cache until something changes', async () => {
      const first = await t.app.inject({ method: 'GET', url: '/api/indicators' });
      expect(first.statusCode).toBe(200);
      expect(first.headers['cache-control']).toBe('public, no-cache');
      const etag = String(first.headers.etag);
      expect(live(first.json<{ items: IndicatorSeries[] }>().items)).toEqual(await truth());
      const again = await t.app.inject({ method: 'GET', url: '/api/indicators' });
      expect(again.headers.etag).toBe(etag);
      expect(again.body).toBe(first.body);
      const browser = await t.app.inject({ method: 'GET', url: '/api/indicators', headers: { 'if-none-match': etag } });
      expect(browser.statusCode).toBe(304);
      expect(browser.body).toBe('');
      await t.services.parties.createOrganization(null, { names: [{ lang: 'zh-Hans', value: '复旦大学' }], side: 'CN', country: 'CN', kind: 'university' });
      const changed = await t.app.inject({ method: 'GET', url: '/api/indicators', headers: { 'if-none-match': etag } });
      expect(changed.statusCode).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
    });

    // Each kind of write the live figures count, made through the services or straight in SQL.
    const writes: [string, () => Promise<unknown>][] = [
      ['a new organisation', () => t.services.parties.createOrganization(null, { names: [{ lang: 'en', value: 'Tongji University' }], side: 'CN', country: 'CN', kind: 'university' })],
      ['a person moved to the other side', () => exec(`update people set side = case when side = 'US' then 'CN' else 'US' end where id = (select id from people order by id limit 1)`)],
      ['a new user', () => t.signInAs(['member'], 'CN')],
      ['a new dataset', async () => t.services.datasets.create((await t.signInAs(['data_steward'], 'US')).session.user, DATASET)],
      ['a working group paused', () => exec(`update working_groups set status = case when status = 'paused' then 'active' else 'paused' end where id = (select id from working_groups order by id limit 1)`)],
      [
        'a dialogue round planned',
        async () => {
          await exec(`insert into dialogue_tracks (group_id, title) select id, '{"en":"Track"}'::jsonb from working_groups order by id limit 1`);
          await exec(`insert into dialogue_rounds (track_id, group_id, title, starts_at) select id, group_id, '{"en":"Round"}'::jsonb, '2031-05-01T00:00:00Z' from dialogue_tracks order by created_at desc limit 1`);
        },
      ],
      ['a project withdrawn', () => exec(`update projects set status = case when status = 'withdrawn' then 'draft' else 'withdrawn' end where id = (select id from projects order by id limit 1)`)],
      ['a list imported', () => t.services.screening.lists.importFiles(null, fixtureFiles('v1'))],
    ];
    for (const [name, write] of writes) {
      it(`the live figures are right after ${name}`, async () => {
        const before = await served();
        await write();
        const after = await served();
        expect(after).toEqual(await truth());
        expect(after).not.toEqual(before);
      });
    }

    it('a curated series edited by an admin shows at once', async () => {
      const list = async () => (await t.app.inject({ method: 'GET', url: '/api/indicators' })).json<{ items: IndicatorSeries[] }>().items;
      const base = { id: 'rd-spending', nameEn: 'R&D spending', nameZh: '研发支出', unitEn: 'USD bn', unitZh: '十亿美元', chart: 'line', values: [], source: { publisher: 'OECD', title: 'MSTI', retrievedOn: '2026-11-01' } };
      expect((await list()).some((s) => s.id === 'rd-spending')).toBe(false);
      expect((await t.app.inject({ method: 'POST', url: '/api/indicators', headers: admin, payload: base })).statusCode).toBe(201);
      expect((await list()).some((s) => s.id === 'rd-spending')).toBe(true);
      const one = await t.app.inject({ method: 'GET', url: '/api/indicators/rd-spending' });
      expect(one.json<IndicatorSeries>().nameEn).toBe('R&D spending');
    });

    it('the public catalogue is cached for visitors and shows a new open dataset; signed-in lists are not shared', async () => {
      const visitors = async () => (await t.app.inject({ method: 'GET', url: '/api/datasets' })).json<{ items: Dataset[] }>().items.map((d) => d.id);
      const before = await visitors();
      const steward = await t.signInAs(['data_steward'], 'US');
      const created = await t.services.datasets.create(steward.session.user, { ...DATASET, title: { en: 'Ocean buoys' } });
      const after = await visitors();
      expect(after).toHaveLength(before.length + 1);
      expect(after).toEqual(expect.arrayContaining([...before, created.id]));
      const mine = await t.app.inject({ method: 'GET', url: '/api/datasets', headers: steward.headers });
      expect(mine.headers.etag).toBeUndefined();
    });

    it('the lists in force are cached for signed-in users and change with an import', async () => {
      const { headers } = await t.signInAs(['member'], 'US');
      const first = await t.app.inject({ method: 'GET', url: '/api/screening/lists', headers });
      expect(first.headers['cache-control']).toBe('private, no-cache');
      expect((await t.app.inject({ method: 'GET', url: '/api/screening/lists', headers: { ...headers, 'if-none-match': String(first.headers.etag) } })).statusCode).toBe(304);
      await t.services.screening.lists.importFiles(null, fixtureFiles('v2'), { allowShrink: true });
      const after = await t.app.inject({ method: 'GET', url: '/api/screening/lists', headers: { ...headers, 'if-none-match': String(first.headers.etag) } });
      expect(after.statusCode).toBe(200);
      expect(after.json()).toEqual({ items: JSON.parse(JSON.stringify(await t.services.screening.lists.current())) as unknown });
    });

    it.skipIf(target.name !== 'postgres')('a write made by another node is in this node’s next answer', async () => {
      const before = await served();
      await otherNode?.db.execute(sql`update working_groups set status = case when status = 'closed' then 'active' else 'closed' end where id = (select id from working_groups order by id desc limit 1)`);
      const after = await served();
      expect(after).not.toEqual(before);
      expect(after).toEqual(await truth());
    });

    it.skipIf(target.name !== 'postgres')('answers stay right while the listening connection is down, and everything is computed afresh once it listens again', async () => {
      const cache = readCacheOf(database.db);
      const listenerPid = async () => {
        const res = await database.db.execute(sql`select pid from pg_stat_activity where application_name = 'qiao read cache' and datname = current_database()`);
        const { rows } = res as { rows: { pid: number }[] };
        return rows[0]?.pid ?? null;
      };
      const flip = () => otherNode?.db.execute(sql`update working_groups set status = case when status = 'paused' then 'active' else 'paused' end where id = (select id from working_groups order by id limit 1)`);
      const etag = async () => String((await t.app.inject({ method: 'GET', url: '/api/indicators' })).headers.etag);
      const reconnected = async (old: number | null) => {
        await vi.waitFor(async () => expect([null, old]).not.toContain(await listenerPid()), { timeout: 20_000, interval: 100 });
        await cache.sync();
      };
      await cache.sync();
      const first = await listenerPid();
      expect(first).not.toBeNull();
      const before = await etag();
      const misses = cache.misses;
      expect(await etag()).toBe(before);
      expect(cache.misses).toBe(misses);
      // Listening again after a drop, nothing cached before is trusted, though nothing was written.
      await database.db.execute(sql`select pg_terminate_backend(${first})`);
      await reconnected(first);
      const second = await listenerPid();
      expect(await etag()).not.toBe(before);
      expect(await served()).toEqual(await truth());
      // Whether or not it is listening yet, a write from another node is in the next answer.
      await database.db.execute(sql`select pg_terminate_backend(${second})`);
      await flip();
      expect(await served()).toEqual(await truth());
      await reconnected(second);
      await flip();
      expect(await served()).toEqual(await truth());
    });
  });
}
