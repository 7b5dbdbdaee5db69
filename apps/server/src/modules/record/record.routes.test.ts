import { contentHashOf, entryHashOf, verifyChain, type Minutes, type RecordEntry, type RecordExport, type VerifyReport } from '@qiao/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { buildGroup, buildRound, call, lockMinutes, signInCast, type Cast } from '../groups/group.fixtures.ts';
import { recordEntries } from './record.schema.ts';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`verifiable record on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let c: Cast;
    let snapshot: RecordEntry[];
    const verify = async () => (await call<VerifyReport>(t, c.cnMember, 'GET', '/api/record/verify')).body;
    const restore = async () => {
      await database.db.delete(recordEntries);
      await database.db.insert(recordEntries).values(snapshot);
    };

    // Six sign-ins and several approvals: give the set-up room when the machine is busy.
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      c = await signInCast(t);
      const groupId = await buildGroup(t, c, { activate: true });
      const first = await buildRound(t, c, groupId);
      await lockMinutes(t, c, first.roundId, [
        { en: 'Exchange seismic catalogues.', zh: '交换地震目录。' },
        { en: 'Meet again in spring.', zh: '春季再次会面。' },
      ]);
      // Two minutes locking at the same moment still make one unbroken chain.
      const [a, b] = [await buildRound(t, c, groupId), await buildRound(t, c, groupId)];
      const drafts = await Promise.all(
        [a, b].map(async (r) => (await call<Minutes>(t, c.usMember, 'POST', `/api/dialogues/rounds/${r.roundId}/minutes`, { body: { en: 'Round held.' }, decisions: [{ en: 'Decision' }] })).body),
      );
      for (const m of drafts) await call(t, c.usChair, 'POST', `/api/dialogues/minutes/${m.id}/approvals`, { revision: 1 });
      await Promise.all(drafts.map((m) => call(t, c.cnChair, 'POST', `/api/dialogues/minutes/${m.id}/approvals`, { revision: 1 })));
      snapshot = await t.services.record.entries();
    }, 180_000);
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    it('chains every approved minutes and decision and verifies intact', async () => {
      expect(snapshot.map((e) => [e.seq, e.kind])).toEqual([
        [1, 'minutes'],
        [2, 'decision'],
        [3, 'decision'],
        [4, 'minutes'],
        [5, 'decision'],
        [6, 'minutes'],
        [7, 'decision'],
      ]);
      const [e1, e2] = snapshot;
      expect(e1?.prevHash).toBe('0'.repeat(64));
      expect(e2?.prevHash).toBe(e1?.hash);
      // The documented formula, recomputed by hand.
      if (!e1) throw new Error('no first entry');
      expect(e1.hashVersion).toBe(2);
      expect(e1.hash).toBe(await entryHashOf({ ...e1, contentHash: await contentHashOf(e1.content) }));
      expect(await verify()).toMatchObject({ ok: true, entries: 7, head: { seq: 7, hash: snapshot[6]?.hash }, firstBreak: null, checkpoints: { checked: 3, latest: { seq: 7 }, failure: null } });
      expect((await call(t, null, 'GET', '/api/record/verify')).status).toBe(401);
    });

    it('detects content edited in the database with SQL', async () => {
      await database.db.execute(sql`update record_entries set content = jsonb_set(content, '{text,en}', '"Exchange nothing."') where seq = 2`);
      expect((await verify()).firstBreak).toMatchObject({ seq: 2, index: 1, reason: 'content_hash_mismatch' });
      await restore();
      // A forger who also rewrites the content hash still breaks the entry hash.
      const forged = await contentHashOf({ ...(snapshot[2]?.content as object), text: 'forged' });
      await database.db.execute(sql`update record_entries set content = jsonb_set(content, '{text}', '"forged"'), content_hash = ${forged} where seq = 3`);
      expect((await verify()).firstBreak).toMatchObject({ seq: 3, reason: 'hash_mismatch' });
      await restore();
      expect((await verify()).ok).toBe(true);
    });

    it('detects a deleted entry and reordered entries', async () => {
      await database.db.execute(sql`delete from record_entries where seq = 4`);
      expect((await verify()).firstBreak).toMatchObject({ seq: 5, index: 3, reason: 'seq_gap' });
      await restore();
      for (const [from, to] of [
        [2, -2],
        [3, 2],
        [-2, 3],
      ]) {
        await database.db.execute(sql`update record_entries set seq = ${to} where seq = ${from}`);
      }
      expect((await verify()).firstBreak).toMatchObject({ seq: 2, index: 1, reason: 'prev_hash_mismatch' });
      await restore();
      expect((await verify()).ok).toBe(true);
    });

    it('exports a self-contained file that verifies offline and catches edits to it', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/record/export', headers: c.usMember.headers });
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="qiao-record-/);
      const file = JSON.parse(res.body) as RecordExport;
      expect(file).toMatchObject({ format: 'qiao-record', formatVersion: 2, hashAlgorithm: 'sha256', head: { seq: 7 } });
      expect(await verifyChain(file.entries, file.head)).toMatchObject({ ok: true });
      const edited = structuredClone(file);
      (edited.entries[0]?.content as { body: { en: string } }).body.en = 'Only one side met.';
      expect((await verifyChain(edited.entries, edited.head)).firstBreak).toMatchObject({ seq: 1, reason: 'content_hash_mismatch' });
      const swapped = [file.entries[0], file.entries[2], file.entries[1], ...file.entries.slice(3)] as RecordEntry[];
      expect((await verifyChain(swapped, file.head)).firstBreak).toMatchObject({ index: 1, reason: 'seq_order' });
      const dropped = file.entries.filter((e) => e.seq !== 5);
      expect((await verifyChain(dropped, file.head)).firstBreak).toMatchObject({ index: 4, reason: 'seq_gap' });
      const truncated = file.entries.slice(0, 5);
      expect((await verifyChain(truncated, file.head)).firstBreak).toMatchObject({ reason: 'head_mismatch' });
    });
  });
}
