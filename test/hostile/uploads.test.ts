// Dataset uploads: a content type that would split a response header is refused at upload, a stored
// file whose type is unusable never makes a download fail with 500, and an overlong file name gets an
// error in the envelope.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../apps/server/src/db/client.ts';
import { dbTargets } from '../../apps/server/src/testing/db.ts';
import type { HttpClient } from './client.ts';
import { expectRefused } from './expect.ts';
import { rowCounts, startLive, userClient, type Live } from './live.ts';

const CSV = 'date,city,pm25\n2024-01-01,Beijing,85\n2024-01-01,Los Angeles,12\n';

interface Version {
  number: number;
  files: { id: string; name: string; contentType: string }[];
}

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`dataset uploads on ${target.name}`, () => {
    let database: Database;
    let live: Live;
    let steward: HttpClient;
    let datasetId: string;
    beforeAll(async () => {
      database = await target.open();
      live = await startLive(database);
      steward = await userClient(live, ['data_steward'], 'CN');
      const ds = await steward.request('POST', '/api/datasets', {
        json: {
          title: { en: 'Air quality', zh: '空气质量' },
          description: { en: 'Daily PM2.5.', zh: '每日PM2.5。' },
          creators: [{ name: 'Li Wei', affiliation: 'Institute of Atmospheric Physics', side: 'CN' }],
          subjects: ['air quality'],
          licence: 'CC-BY-4.0',
          accessLevel: 'restricted',
          side: 'CN',
          dataDeclaration: { kinds: ['meteorological'] },
        },
      });
      expect(ds.status, ds.text).toBe(201);
      datasetId = ds.json<{ id: string }>().id;
    });
    afterAll(async () => {
      await live.close();
      await database.close();
    });

    const files = async () => (await steward.request('GET', `/api/datasets/${datasetId}/versions`)).json<{ items: Version[] }>().items.flatMap((v) => v.files);

    it('refuses a content type carrying CR/LF (header injection) at upload and stores nothing', async () => {
      const before = await rowCounts(database);
      for (const q of ['text/html%0d%0aX-Injected:%201', 'text/csv%0aSet-Cookie:%20a=b', 'text/plain%00', '%0d%0a']) {
        const res = await steward.request('PUT', `/api/datasets/${datasetId}/versions/1/files/inject.csv?contentType=${q}`, { body: CSV, contentType: 'application/octet-stream' });
        expectRefused(res, 400, ['validation_failed'], `contentType=${q}`);
      }
      expect(await rowCounts(database)).toEqual(before);
      expect((await files()).map((f) => f.name)).not.toContain('inject.csv');
    });

    it('never answers a download with 500, even for a file stored with an unusable content type', async () => {
      const up = await steward.request('PUT', `/api/datasets/${datasetId}/versions/1/files/good.csv`, { body: CSV, contentType: 'application/octet-stream' });
      expect(up.status, up.text).toBe(200);
      const file = (await files()).find((f) => f.name === 'good.csv');
      expect(file).toBeDefined();
      const url = `/api/datasets/${datasetId}/files/${file?.id ?? ''}`;
      const ok = await steward.request('GET', url);
      expect(ok.status).toBe(200);
      expect(ok.text).toBe(CSV);
      // A row written before uploads were checked: the download must still answer, without the injected
      // header. (NUL cannot be stored at all: PostgreSQL refuses it in text.)
      for (const bad of ['text/html\r\nX-Injected: 1', 'text/csv\u0007', '\u00e9t\u00e9/\u00e9t\u00e9']) {
        await database.db.execute(sql`update dataset_files set content_type = ${bad} where id = ${file?.id ?? ''}`);
        const res = await steward.request('GET', url);
        expect(res.status, `${JSON.stringify(bad)}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
        expect(res.headers['x-injected']).toBeUndefined();
        for (const r of [await steward.request('GET', `${url}/preview`), await steward.request('GET', url, { headers: { range: 'bytes=0-3' } })]) {
          expect(r.status, `${JSON.stringify(bad)} (preview/range): ${r.text.slice(0, 200)}`).toBeLessThan(500);
        }
      }
    });

    it('takes file names up to 200 characters, and answers a longer one with an error in the envelope, storing nothing', async () => {
      // Names of 101–200 characters once got the router's own 414 body; they are ordinary names.
      const name150 = `${'n'.repeat(146)}.csv`;
      const ok = await steward.request('PUT', `/api/datasets/${datasetId}/versions/1/files/${name150}`, { body: CSV, contentType: 'application/octet-stream' });
      expect(ok.status, ok.text).toBe(200);
      expect((await files()).some((f) => f.name === name150)).toBe(true);
      const before = await rowCounts(database);
      for (const length of [201, 1_000, 5_000]) {
        const name = `${'n'.repeat(length - 4)}.csv`;
        const res = await steward.request('PUT', `/api/datasets/${datasetId}/versions/1/files/${name}`, { body: CSV, contentType: 'application/octet-stream' });
        expectRefused(res, [400, 414], ['validation_failed', 'uri_too_long'], `${length}-character name`);
      }
      expect(await rowCounts(database)).toEqual(before);
    });
  });
}
