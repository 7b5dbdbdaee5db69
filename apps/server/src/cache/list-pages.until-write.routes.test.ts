import type { Dataset, Project } from '@qiao/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/client.ts';
import { datasets } from '../modules/datasets/dataset.schema.ts';
import { workingGroups } from '../modules/groups/group.schema.ts';
import { projects } from '../modules/projects/project.schema.ts';
import { buildClockedApp } from '../modules/screening/fixtures/fixtures.ts';
import type { TestApp } from '../testing/app.ts';
import { createPostgresDatabase, dbTargets } from '../testing/db.ts';

const bi = (en: string, zh: string) => ({ en, zh, enEditedAt: null, zhEditedAt: null });

// The project list and the catalogue answer what the database holds now: a page read before any write
// is never served after it, and what depends on the date is worked out for each request.
for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`list pages after writes on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    const queries: string[] = [];
    const clock = { now: new Date('2026-10-01T08:00:00Z') };
    let headers: Record<string, string>;
    let userId = '';
    let groupId = '';

    beforeAll(async () => {
      const onQuery = (text: string) => queries.push(text);
      const url = target.name === 'postgres' ? await createPostgresDatabase() : '';
      database = target.name === 'pglite' ? await openDatabase({ kind: 'pglite', dataDir: null }, { onQuery }) : await openDatabase({ kind: 'postgres', url }, { onQuery });
      await database.migrate();
      if (url) second = await openDatabase({ kind: 'postgres', url });
      t = await buildClockedApp(database, clock);
      const signed = await t.signInAs(['member'], 'US');
      headers = signed.headers;
      userId = signed.session.user.id;
      const [group] = await database.db
        .insert(workingGroups)
        .values({ name: bi('Group', '组'), charter: bi('Charter', '章程'), technologyArea: 'climate', sides: ['US', 'CN'], status: 'active' })
        .returning({ id: workingGroups.id });
      groupId = group?.id ?? '';
    });
    afterAll(async () => {
      await t.close();
      await database.close();
      await second?.close();
    });
    // PostgreSQL: a second connection pool, as another node or psql would write; PGlite has one client.
    let second: Database | null = null;
    const other = () => (second ?? database).db;

    const get = async <T>(url: string) => {
      const before = queries.length;
      const res = await t.app.inject({ method: 'GET', url, headers });
      expect(res.statusCode, res.body).toBe(200);
      return { items: res.json<{ items: T[] }>().items, total: Number(res.headers['x-total-count']), queries: queries.length - before };
    };

    it('shows a project written straight to the database on the next page, and its new status', async () => {
      const first = await get<Project>('/api/projects?limit=5');
      await get<Project>('/api/projects?limit=5');
      const [row] = await database.db
        .insert(projects)
        .values({ groupId, title: bi('Fresh project', '新项目'), abstract: bi('A', '摘要'), technologyArea: 'climate', keywords: [], parties: [], dataPlan: [], budget: [], status: 'draft' })
        .returning({ id: projects.id });
      const after = await get<Project>('/api/projects?limit=5');
      expect(after.total).toBe(first.total + 1);
      expect(after.items[0]).toMatchObject({ id: row?.id, title: { en: 'Fresh project' }, status: 'draft' });
      await database.db.execute(sql`update projects set status = 'submitted', updated_at = now() where id = ${row?.id ?? ''}`);
      expect((await get<Project>('/api/projects?limit=5')).items[0]).toMatchObject({ id: row?.id, status: 'submitted' });
    });

    it("shows the reader's new group role in the actions a page offers", async () => {
      const [row] = await database.db
        .insert(projects)
        .values({ groupId, title: bi('Chaired project', '项目'), abstract: bi('A', '摘要'), technologyArea: 'climate', keywords: [], parties: [], dataPlan: [], budget: [], status: 'submitted' })
        .returning({ id: projects.id });
      const before = (await get<Project>('/api/projects?limit=50')).items.find((p) => p.id === row?.id);
      expect(before?.allowedActions).toEqual([]);
      await database.db.execute(sql`insert into group_members (group_id, user_id, side, role) values (${groupId}, ${userId}, 'US', 'co_chair')`);
      const after = (await get<Project>('/api/projects?limit=50')).items.find((p) => p.id === row?.id);
      expect(after?.allowedActions.length).toBeGreaterThan(0);
      // Removed by another connection (another node, psql): the next page offers nothing again.
      await get<Project>('/api/projects?limit=50');
      await other().execute(sql`delete from group_members where group_id = ${groupId} and user_id = ${userId}`);
      const removed = (await get<Project>('/api/projects?limit=50')).items.find((p) => p.id === row?.id);
      expect(removed?.allowedActions).toEqual([]);
    });

    it('shows a dataset, a grant and its expiry on the next page', async () => {
      const first = await get<Dataset>('/api/datasets?limit=5');
      const [row] = await database.db
        .insert(datasets)
        .values({ title: bi('Fresh data', '新数据'), description: bi('D', '描述'), creators: [], subjects: [], spatial: [], licence: 'CC-BY-4.0', relatedPublications: [], accessLevel: 'on_request', side: 'CN', dataDeclaration: {} })
        .returning({ id: datasets.id });
      const listed = await get<Dataset>('/api/datasets?limit=5');
      expect(listed.total).toBe(first.total + 1);
      expect(listed.items[0]).toMatchObject({ id: row?.id, access: { canDownload: false, reason: 'request access' } });
      await database.db.execute(
        sql`insert into access_requests (dataset_id, requester_id, purpose, status, conditions, expires_at) values (${row?.id ?? ''}, ${userId}, 'for the climate study', 'granted', '[]'::jsonb, '2026-10-02')`,
      );
      expect((await get<Dataset>('/api/datasets?limit=5')).items[0]).toMatchObject({ id: row?.id, access: { canDownload: true, reason: 'granted until 2026-10-02' } });
      // Revoked and granted again by another connection: each shows on the next page.
      await other().execute(sql`update access_requests set status = 'revoked', revoked_at = now() where dataset_id = ${row?.id ?? ''}`);
      expect((await get<Dataset>('/api/datasets?limit=5')).items[0]).toMatchObject({ id: row?.id, access: { canDownload: false } });
      await other().execute(sql`update access_requests set status = 'granted', revoked_at = null where dataset_id = ${row?.id ?? ''}`);
      expect((await get<Dataset>('/api/datasets?limit=5')).items[0]).toMatchObject({ id: row?.id, access: { canDownload: true, reason: 'granted until 2026-10-02' } });
      // Nothing written, only the date moved on: the grant has lapsed on the next page.
      clock.now = new Date('2026-10-03T08:00:00Z');
      expect((await get<Dataset>('/api/datasets?limit=5')).items[0]).toMatchObject({ id: row?.id, access: { canDownload: false, reason: 'request access' } });
    });

    it('reads a page again only after a write on the embedded database', async () => {
      await get<Project>('/api/projects?limit=5');
      await get<Dataset>('/api/datasets?limit=5');
      const projectsAgain = await get<Project>('/api/projects?limit=5');
      const datasetsAgain = await get<Dataset>('/api/datasets?limit=5');
      if (target.name === 'pglite') {
        expect(projectsAgain.queries).toBe(0);
        expect(datasetsAgain.queries).toBe(0);
      } else {
        // The session, the page, the reader's group roles and access requests are kept; what depends
        // on the date (screening statuses) is read again.
        expect(projectsAgain.queries).toBeLessThanOrEqual(1);
        expect(datasetsAgain.queries).toBe(0);
      }
      await database.db.execute(sql`update working_groups set status = status where id = ${groupId}`);
      expect((await get<Project>('/api/projects?limit=5')).queries).toBeGreaterThan(0);
    });
  });
}
