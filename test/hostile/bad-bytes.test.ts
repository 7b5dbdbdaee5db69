// Bad bytes in text fields and numbers past PostgreSQL's integer range: each answers 400 with a
// stable id (never 500), and nothing is stored.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorId } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../apps/server/src/db/client.ts';
import { buildGroup, buildRound, groupInput, type Cast } from '../../apps/server/src/modules/groups/group.fixtures.ts';
import { dbTargets } from '../../apps/server/src/testing/db.ts';
import type { HttpClient, RawReply } from './client.ts';
import { expectRefused } from './expect.ts';
import { as, asTestApp, liveCast } from './cast.ts';
import { rowCounts, startLive, userClient, type Live } from './live.ts';

const BAD_TEXT_IDS: ErrorId[] = ['validation_failed', 'invalid_json', 'csv_invalid', 'list_invalid'];
const NUL = '\u0000';
const LONE_SURROGATE = '\ud800';
const CSL = readFileSync(path.resolve(import.meta.dirname, '../../apps/server/src/modules/screening/fixtures/v1/test-us.csv'), 'utf8');

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`bad bytes and numbers on ${target.name}`, () => {
    let database: Database;
    let live: Live;
    let admin: HttpClient;
    let c: Cast;
    let groupId: string;
    let itemId: string;
    let minutesId: string;
    let orgId: string;

    beforeAll(async () => {
      database = await target.open();
      live = await startLive(database);
      admin = await userClient(live, ['admin', 'compliance_officer', 'data_steward']);
      c = await liveCast(live);
      groupId = await buildGroup(asTestApp(live), c);
      const round = await buildRound(asTestApp(live), c, groupId);
      itemId = round.itemId;
      const m = await as(live, c.usMember).request('POST', `/api/dialogues/rounds/${round.roundId}/minutes`, { json: { body: { en: 'Both sides met.', zh: '双方举行了会谈。' }, decisions: [] } });
      expect(m.status, m.text).toBe(201);
      minutesId = m.json<{ id: string }>().id;
      const org = await admin.request('POST', '/api/organizations', { json: { names: [{ lang: 'en', value: 'Good Org' }], side: 'US', country: 'US' } });
      expect(org.status, org.text).toBe(201);
      orgId = org.json<{ id: string }>().id;
    });
    afterAll(async () => {
      await live.close();
      await database.close();
    });

    /** Sends the request and asserts 400 with a stable id and no row added, removed or moved anywhere. */
    async function refusedAndNothingStored(what: string, send: () => Promise<RawReply>): Promise<void> {
      const before = await rowCounts(database);
      const res = await send();
      expectRefused(res, 400, BAD_TEXT_IDS, what);
      expect(await rowCounts(database), `${what}: rows changed`).toEqual(before);
    }

    const textCases = (bad: string): [string, () => Promise<RawReply>][] => [
      ['organisation name', () => admin.request('POST', '/api/organizations', { json: { names: [{ lang: 'en', value: `Acme${bad}Corp` }], side: 'US', country: 'US' } })],
      ['person name', () => admin.request('POST', '/api/people', { json: { names: [{ lang: 'zh-Hans', value: `张${bad}三` }], side: 'CN' } })],
      ['group name', () => admin.request('POST', '/api/working-groups', { json: { ...groupInput, name: { en: `AI${bad}Science`, zh: '科学智能' } } })],
      ['position', () => as(live, c.usMember).request('PUT', `/api/dialogues/items/${itemId}/positions/US`, { json: { position: { en: `We agree${bad}.` } } })],
      ['comment', () => as(live, c.usMember).request('POST', `/api/dialogues/minutes/${minutesId}/comments`, { json: { body: `Fine${bad}by us` } })],
      ['join message', () => as(live, c.outsider).request('POST', `/api/working-groups/${groupId}/join-requests`, { json: { message: `Let me in${bad}` } })],
      ['display name', () => admin.request('POST', '/api/users', { json: { email: `bad-${Date.now()}@test.example`, displayName: `Ann${bad}Lee`, side: 'US', roles: [] } })],
      ['batch CSV', () => admin.request('POST', '/api/screening/batch', { body: `name,country\nAcme${bad}Corp,CN\n`, contentType: 'text/csv' })],
      [
        'list CSV',
        () => admin.request('POST', '/api/screening/lists/import?filename=us-bad.csv', { body: CSL.replace('Harbin Institute', `Harbin${bad} Institute`), contentType: 'application/octet-stream' }),
      ],
    ];

    for (const [field, send] of textCases(NUL)) {
      it(`refuses a NUL byte in the ${field}`, () => refusedAndNothingStored(`NUL in ${field}`, send));
    }

    it('refuses a lone surrogate in a name (JSON escape \\ud800)', async () => {
      for (const [field, send] of textCases(LONE_SURROGATE).slice(0, 7)) await refusedAndNothingStored(`lone surrogate in ${field}`, send);
    });

    it('refuses invalid UTF-8 bytes in a JSON body', async () => {
      const head = Buffer.from('{"names":[{"lang":"en","value":"Acme ');
      const tail = Buffer.from(' Corp"}],"side":"US","country":"US"}');
      for (const bad of [[0xff, 0xfe], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf]]) {
        const body = Buffer.concat([head, Buffer.from(bad), tail]);
        await refusedAndNothingStored(`bytes ${bad.map((b) => b.toString(16)).join(' ')}`, () => admin.request('POST', '/api/organizations', { body, contentType: 'application/json' }));
      }
    });

    it('refuses a version past the integer range in a PATCH body and leaves the record alone', async () => {
      for (const version of [2147483648, 1e20, Number.MAX_SAFE_INTEGER + 2]) {
        await refusedAndNothingStored(`version ${version}`, () => admin.request('PATCH', `/api/organizations/${orgId}`, { json: { country: 'CN', version } }));
      }
      const org = (await admin.request('GET', `/api/organizations/${orgId}`)).json<{ country: string; version: number }>();
      expect(org).toMatchObject({ country: 'US', version: 1 });
    });

    it('refuses ?version=99999999999 on list records and other out-of-range numbers in query strings', async () => {
      for (const url of ['/api/screening/lists/test-us/records?version=99999999999', '/api/screening/lists/test-us/records?version=2147483648', '/api/audit?before=99999999999999999999']) {
        const res = await admin.request('GET', url);
        expectRefused(res, 400, ['validation_failed'], url);
      }
    });
  });
}
