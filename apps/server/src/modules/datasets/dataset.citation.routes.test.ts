import type { Dataset } from '@qiao/contracts';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';

const body = (over: Record<string, unknown> = {}) => ({
  title: { en: 'Seismic catalogue {Sichuan} 2008–2024', zh: '四川地震目录（2008—2024）' },
  description: { en: 'Located events with magnitudes.', zh: '已定位地震事件及震级。' },
  creators: [{ name: 'Zhang Haoran', affiliation: 'Institute of Geophysics', side: 'CN' }],
  subjects: ['seismology'],
  licence: 'CC-BY-4.0',
  accessLevel: 'open',
  side: 'CN',
  dataDeclaration: {},
  ...over,
});

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`dataset citation export on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let steward: Record<string, string>;
    let member: Record<string, string>;
    let open: Dataset;
    let onRequest: Dataset;

    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      steward = (await t.signInAs(['data_steward'], 'CN')).headers;
      member = (await t.signInAs(['member'], 'US')).headers;
      const create = async (over: Record<string, unknown>) => {
        const res = await t.app.inject({ method: 'POST', url: '/api/datasets', headers: steward, payload: body(over) });
        if (res.statusCode !== 201) throw new Error(res.body);
        return res.json<Dataset>();
      };
      open = await create({});
      onRequest = await create({ accessLevel: 'on_request', title: { zh: '人类遗传资源样本目录' } });
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const get = async (url: string, headers?: Record<string, string>) => {
      const res = await t.app.inject({ method: 'GET', url, ...(headers ? { headers } : {}) });
      return { status: res.statusCode, type: res.headers['content-type'], disposition: res.headers['content-disposition'], body: res.body };
    };

    it('exports each format with its media type, to anyone who sees the dataset', async () => {
      const json = await get(`/api/datasets/${open.id}/citation?format=datacite-json`);
      expect(json.status).toBe(200);
      expect(json.type).toBe('application/vnd.datacite.datacite+json; charset=utf-8');
      expect(JSON.parse(json.body)).toMatchObject({ types: { resourceTypeGeneral: 'Dataset' }, titles: [{ title: 'Seismic catalogue {Sichuan} 2008–2024', lang: 'en' }, { title: '四川地震目录（2008—2024）', lang: 'zh' }], publisher: 'Qiao', url: `http://localhost/datasets/${open.id}` });

      const xml = await get(`/api/datasets/${open.id}/citation?format=datacite-xml`);
      expect(xml.type).toBe('application/vnd.datacite.datacite+xml; charset=utf-8');
      expect(xml.disposition).toBe(`inline; filename="dataset-${open.id}.xml"`);
      const doc = new DOMParser().parseFromString(xml.body, 'application/xml');
      expect(doc.documentElement?.namespaceURI).toBe('http://datacite.org/schema/kernel-4');
      expect(Array.from(doc.getElementsByTagName('title')).map((e) => e.textContent)).toEqual(['Seismic catalogue {Sichuan} 2008–2024', '四川地震目录（2008—2024）']);

      const bib = await get(`/api/datasets/${open.id}/citation?format=bibtex`);
      expect(bib.type).toBe('application/x-bibtex; charset=utf-8');
      expect(bib.body).toContain('title = {{Seismic catalogue \\{Sichuan\\} 2008–2024}}');

      const ris = await get(`/api/datasets/${open.id}/citation?format=ris`, member);
      expect(ris.type).toBe('application/x-research-info-systems; charset=utf-8');
      expect(ris.body.split('\r\n')[0]).toBe('TY  - DATA');

      const zhOnly = await get(`/api/datasets/${onRequest.id}/citation?format=ris`, member);
      expect(zhOnly.status).toBe(200);
      expect(zhOnly.body).toContain('TI  - 人类遗传资源样本目录\r\n');
    });

    it('gives every format at once as JSON for the page, the same text as each download', async () => {
      const all = await get(`/api/datasets/${open.id}/citations`, member);
      expect(all.status).toBe(200);
      const items = (JSON.parse(all.body) as { items: { format: string; mediaType: string; fileName: string; text: string }[] }).items;
      expect(items.map((i) => i.format)).toEqual(['datacite-json', 'datacite-xml', 'bibtex', 'ris']);
      for (const item of items) {
        const one = await get(`/api/datasets/${open.id}/citation?format=${item.format}`, member);
        expect(item.text).toBe(one.body);
        expect(`${item.mediaType}; charset=utf-8`).toBe(one.type);
        expect(one.disposition).toBe(`inline; filename="${item.fileName}"`);
      }
      expect((await get(`/api/datasets/${onRequest.id}/citations`)).status).toBe(404);
    });

    it('keeps a hostile Host header out of the markup: escaped, or links left relative', async () => {
      for (const host of ['evil.example"><x a="', 'a}b{c', 'qiao.example:8443']) {
        const res = await t.app.inject({ method: 'GET', url: `/api/datasets/${open.id}/citation?format=datacite-xml`, headers: { host } });
        expect(res.statusCode).toBe(200);
        const errors: string[] = [];
        const doc = new DOMParser({ onError: (level, msg) => void errors.push(`${level}: ${msg}`) }).parseFromString(res.body, 'application/xml');
        expect(errors).toEqual([]);
        expect(doc.getElementsByTagName('x')).toHaveLength(0);
        const bib = await t.app.inject({ method: 'GET', url: `/api/datasets/${open.id}/citation?format=bibtex`, headers: { host } });
        const url = /^ {2}url = \{(.*)\},$/m.exec(bib.body)?.[1] ?? '';
        expect(url).not.toMatch(/[{}]/);
        expect(url.endsWith(`/datasets/${open.id}`)).toBe(true);
      }
    });

    it('refuses an unknown or missing format with 400 validation_failed', async () => {
      for (const query of ['?format=endnote', '?format=', '']) {
        const res = await get(`/api/datasets/${open.id}/citation${query}`);
        expect(res.status).toBe(400);
        expect(JSON.parse(res.body)).toMatchObject({ error: { id: 'validation_failed', message: expect.stringMatching(/^format: /) as unknown } });
      }
    });

    it('answers 404 for a dataset the caller may not see, as its own page does, and for an unknown one', async () => {
      // Signed-out visitors see open and embargoed datasets only.
      const page = await get(`/api/datasets/${onRequest.id}`);
      const cite = await get(`/api/datasets/${onRequest.id}/citation?format=bibtex`);
      expect(page.status).toBe(404);
      expect(cite.status).toBe(404);
      expect(JSON.parse(cite.body)).toMatchObject({ error: { id: 'not_found' } });
      expect(cite.body).not.toContain('人类遗传资源');
      expect((await get('/api/datasets/00000000-0000-4000-8000-000000000000/citation?format=ris', member)).status).toBe(404);
      expect((await get('/api/datasets/not-a-uuid/citation?format=ris', member)).status).toBe(400);
    });
  });
}
