import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCacheOf } from '../../cache/read-cache.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import type { TestApp } from '../../testing/app.ts';
import { buildTestApp } from '../../testing/app.ts';
import { createPostgresDatabase, dbTargets } from '../../testing/db.ts';
import { datasets } from '../datasets/dataset.schema.ts';
import { workingGroups } from '../groups/group.schema.ts';
import { organizations } from '../parties/party.schema.ts';
import { projects } from './project.schema.ts';

const bi = (en: string) => ({ en, zh: null, enEditedAt: null, zhEditedAt: null });

// A list page costs the same number of queries for 5 rows or 30: parties, screening status, group
// roles and access requests are read for the whole page, never once per row.
for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`list pages without a query per row on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let headers: Record<string, string>;
    let queries = 0;
    let groupId = '';
    let orgId = '';
    beforeAll(async () => {
      const onQuery = () => void queries++;
      database = target.name === 'pglite' ? await openDatabase({ kind: 'pglite', dataDir: null }, { onQuery }) : await openDatabase({ kind: 'postgres', url: await createPostgresDatabase() }, { onQuery });
      await database.migrate();
      t = await buildTestApp(database);
      headers = (await t.signInAs(['member', 'data_steward'], 'US')).headers;
      const [g] = await database.db.insert(workingGroups).values({ name: bi('Climate'), charter: bi('Charter'), technologyArea: 'climate', sides: ['US', 'CN'], status: 'active' }).returning();
      const [o] = await database.db.insert(organizations).values({ names: [{ lang: 'en', value: 'Tsinghua University' }], side: 'CN', country: 'CN', kind: 'university' }).returning();
      groupId = g?.id ?? '';
      orgId = o?.id ?? '';
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const add = async (n: number) => {
      await database.db.insert(projects).values(Array.from({ length: n }, (_, i) => ({ groupId, title: bi(`Project ${i}`), abstract: bi('A'), technologyArea: 'climate', keywords: [], parties: [{ partyId: orgId, kind: 'organization' as const, role: 'partner' as const }], dataPlan: [], budget: [] })));
      await database.db.insert(datasets).values(Array.from({ length: n }, (_, i) => ({ title: bi(`Dataset ${i}`), description: bi('D'), creators: [], subjects: [], spatial: [], licence: 'CC-BY-4.0', relatedPublications: [], accessLevel: 'open' as const, side: 'US', dataDeclaration: {} })));
    };
    const counted = async (url: string) => {
      const before = queries;
      const res = await t.app.inject({ method: 'GET', url, headers });
      expect(res.statusCode, res.body).toBe(200);
      return { items: res.json<{ items: { parties?: { name: string }[] }[] }>().items, queries: queries - before };
    };

    it('GET /api/projects and GET /api/datasets read a page of 30 with as many queries as a page of 5', async () => {
      // What each request reads about its reader (session, group roles, access requests) is kept until
      // those change, once the read cache listens: read it first, so both pages count only the page.
      await readCacheOf(database.db).sync();
      await counted('/api/projects');
      await counted('/api/datasets');
      await add(5);
      const projects5 = await counted('/api/projects');
      const datasets5 = await counted('/api/datasets');
      await add(25);
      const projects30 = await counted('/api/projects');
      const datasets30 = await counted('/api/datasets');
      expect(projects5.items).toHaveLength(5);
      expect(projects30.items).toHaveLength(30);
      expect(projects30.items[0]?.parties?.[0]?.name).toBe('Tsinghua University');
      expect(datasets30.items).toHaveLength(30);
      expect(projects30.queries).toBe(projects5.queries);
      expect(datasets30.queries).toBe(datasets5.queries);
    });
  });
}
