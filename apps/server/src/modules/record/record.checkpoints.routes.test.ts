import { sign as signWith } from 'node:crypto';
import {
  checkpointStatement,
  contentHashOf,
  entryHashOf,
  GENESIS_HASH,
  type CheckpointExport,
  type CheckpointSignature,
  type RecordCheckpoint,
  type RecordEntry,
  type SigningKeys,
  type VerifyReport,
} from '@qiao/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { buildGroup, buildRound, call, groupInput, lockMinutes, signInCast, type Cast, type Signed } from '../groups/group.fixtures.ts';

interface Row {
  seq: number;
  group_id: string;
  kind: 'minutes' | 'decision';
  entity_id: string;
  recorded_at: string;
  content: unknown;
  content_hash: string;
}

// Everything here is done the way a database administrator of one side could: raw SQL on the tables,
// hashes recomputed with the published formula where that helps the forger.
for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`record checkpoints and tampering on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let c: Cast;
    let groupId: string;
    let otherChair: Signed;
    let files: CheckpointExport[];
    const exec = (q: ReturnType<typeof sql>) => database.db.execute(q);
    const verify = async () => (await call<VerifyReport>(t, c.cnMember, 'GET', '/api/record/verify')).body;
    const query = async <T>(q: ReturnType<typeof sql>) => ((await exec(q)) as { rows: T[] }).rows;
    const rows = () => query<Row>(sql`select seq::int as seq, group_id, kind, entity_id, recorded_at, content, content_hash from record_entries order by seq`);
    const hashAt = async (seq: number) => (await query<{ hash: string }>(sql`select hash from record_entries where seq = ${seq}`))[0]?.hash;

    /** Recomputes every hash from the stored columns with the published formula: a chain that verifies on its own. */
    async function rechain(version: 1 | 2 = 2) {
      let prevHash = GENESIS_HASH;
      for (const r of await rows()) {
        const contentHash = await contentHashOf(r.content);
        const hash = await entryHashOf({ seq: r.seq, groupId: r.group_id, kind: r.kind, entityId: r.entity_id, recordedAt: r.recorded_at, contentHash, prevHash }, version);
        await exec(sql`update record_entries set content_hash = ${contentHash}, prev_hash = ${prevHash}, hash = ${hash}, hash_version = ${version} where seq = ${r.seq}`);
        prevHash = hash;
      }
    }

    // Six sign-ins and several approvals: give the set-up room when the machine is busy.
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      c = await signInCast(t);
      groupId = await buildGroup(t, c, { activate: true });
      await lockMinutes(t, c, (await buildRound(t, c, groupId)).roundId, [{ en: 'Exchange seismic catalogues.', zh: '交换地震目录。' }]);
      await lockMinutes(t, c, (await buildRound(t, c, groupId)).roundId, [
        { en: 'Share station data.', zh: '共享台站数据。' },
        { en: 'Meet again in spring.', zh: '春季再次会面。' },
      ]);
      // A second group with co-chairs of its own: in scope for them, out of scope for this group's files.
      otherChair = await (async () => {
        const { session, headers } = await t.signInAs(['co_chair'], 'US');
        return { id: session.user.id, user: session.user, headers };
      })();
      const other = (await call<{ id: string }>(t, c.admin, 'POST', '/api/working-groups', { ...groupInput, name: { en: 'Quantum', zh: '量子' } })).body;
      expect((await call(t, c.admin, 'POST', `/api/working-groups/${other.id}/co-chairs`, { userId: otherChair.id })).status).toBe(200);
      const list = await call<{ items: RecordCheckpoint[] }>(t, c.usChair, 'GET', `/api/record/checkpoints?groupId=${groupId}`);
      files = await Promise.all(list.body.items.map(async (cp) => (await call<CheckpointExport>(t, c.cnChair, 'GET', `/api/record/checkpoints/${cp.id}/export`)).body));
      await exec(sql`create table entries_backup as select * from record_entries`);
      await exec(sql`create table checkpoints_backup as select * from record_checkpoints`);
    }, 180_000);
    afterEach(async () => {
      await exec(sql`delete from record_entries`);
      await exec(sql`insert into record_entries select * from entries_backup`);
      await exec(sql`delete from record_checkpoints`);
      await exec(sql`insert into record_checkpoints select * from checkpoints_backup`);
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    it('takes a checkpoint signed by both sides each time minutes are approved, and verifies intact', async () => {
      expect(files.map((f) => [f.checkpoint.seq, f.checkpoint.sides])).toEqual([
        [2, ['CN', 'US']],
        [5, ['CN', 'US']],
      ]);
      const heads = await rows();
      expect(files[1]?.checkpoint.headHash).toBe(await hashAt(5));
      expect(heads).toHaveLength(5);
      expect(await verify()).toMatchObject({ ok: true, entries: 5, firstBreak: null, checkpoints: { checked: 2, latest: { seq: 5 }, failure: null } });
    });

    it('detects the last entry deleted', async () => {
      await exec(sql`delete from record_entries where seq = (select max(seq) from record_entries)`);
      const report = await verify();
      expect(report).toMatchObject({ ok: false, firstBreak: null, checkpoints: { failure: { reason: 'checkpoint_truncated', seq: 5 } } });
      expect(report.checkpoints.failure?.message).toMatch(/ends at entry 4 .* covers entry 5/);
    });

    it('detects every entry deleted', async () => {
      await exec(sql`delete from record_entries`);
      expect(await verify()).toMatchObject({ ok: false, entries: 0, checkpoints: { failure: { reason: 'checkpoint_truncated', seq: 2 } } });
    });

    it('detects group_id, entity_id and kind edited, columns the record page filters on and shows', async () => {
      for (const edit of [sql`update record_entries set group_id = ${crypto.randomUUID()} where seq = 3`, sql`update record_entries set entity_id = 'someone-else' where seq = 3`, sql`update record_entries set kind = case when kind = 'minutes' then 'decision' else 'minutes' end where seq = 3`]) {
        await exec(edit);
        expect((await verify()).firstBreak).toMatchObject({ seq: 3, reason: 'hash_mismatch' });
        await exec(sql`delete from record_entries`);
        await exec(sql`insert into record_entries select * from entries_backup`);
      }
      // The filtered read shows the entry under its group again only once the edit is undone.
      expect((await call<{ items: RecordEntry[] }>(t, c.cnMember, 'GET', `/api/record?groupId=${groupId}`)).body.items).toHaveLength(5);
    });

    it('detects a full rewrite with the published formula, old or new', async () => {
      await exec(sql`update record_entries set content = jsonb_set(content, '{text,en}', '"Exchange nothing."') where seq = 2`);
      await rechain(2);
      const report = await verify();
      expect(report.firstBreak).toBeNull();
      expect(report.checkpoints.failure).toMatchObject({ reason: 'checkpoint_mismatch', seq: 2 });
      await rechain(1);
      expect(await verify()).toMatchObject({ ok: false, firstBreak: null, checkpoints: { failure: { reason: 'checkpoint_mismatch', seq: 2 } } });
    });

    it('detects entries reordered, with or without the hashes recomputed', async () => {
      for (const [from, to] of [
        [3, -3],
        [4, 3],
        [-3, 4],
      ]) {
        await exec(sql`update record_entries set seq = ${to} where seq = ${from}`);
      }
      expect((await verify()).firstBreak).toMatchObject({ seq: 3, reason: 'prev_hash_mismatch' });
      await rechain();
      expect(await verify()).toMatchObject({ ok: false, firstBreak: null, checkpoints: { failure: { reason: 'checkpoint_mismatch', seq: 5 } } });
    });

    it('re-chains a legacy chain under the current formula only while it verifies and nothing is signed', async () => {
      await exec(sql`delete from record_checkpoints`);
      await rechain(1);
      expect((await verify()).ok).toBe(true);
      expect(await t.services.record.upgradeLegacyChain()).toBe('rechained');
      expect((await t.services.record.entries()).map((e) => e.hashVersion)).toEqual([2, 2, 2, 2, 2]);
      expect(await verify()).toMatchObject({ ok: true, firstBreak: null });

      await rechain(1);
      await exec(sql`update record_entries set group_id = ${crypto.randomUUID()} where seq = 1`);
      await exec(sql`update record_entries set content = jsonb_set(content, '{revision}', '7') where seq = 1`);
      expect(await t.services.record.upgradeLegacyChain()).toBe('left_broken');
      expect((await verify()).firstBreak).toMatchObject({ seq: 1, reason: 'content_hash_mismatch' });
    });

    it('does not launder a downgrade to the legacy formula once checkpoints exist', async () => {
      await exec(sql`update record_entries set group_id = ${crypto.randomUUID()} where seq = 1`);
      await rechain(1);
      expect(await t.services.record.upgradeLegacyChain()).toBe('left_broken');
      expect(await verify()).toMatchObject({ ok: false, checkpoints: { failure: { reason: 'checkpoint_mismatch', seq: 2 } } });
    });

    it('still detects the truncation against an exported file when the stored checkpoints are deleted too', async () => {
      await exec(sql`delete from record_entries where seq > 2`);
      await exec(sql`delete from record_checkpoints`);
      expect((await verify()).ok).toBe(true);
      const kept = files.map((f) => f.checkpoint);
      const report = await t.services.record.verify(kept);
      expect(report).toMatchObject({ ok: false, checkpoints: { checked: 2, failure: { reason: 'checkpoint_truncated', seq: 5 } } });
    });

    it('is fooled when the keys in the database re-sign a rewrite, but not the exported checkpoints', async () => {
      // Keys live in the database, so whoever holds all of it can re-sign; a copy kept elsewhere still disagrees.
      await exec(sql`update record_entries set content = jsonb_set(content, '{text,en}', '"Exchange nothing."') where seq = 2`);
      await rechain();
      const keys = new Map((await query<{ side: string; private_key: string }>(sql`select side, private_key from record_signing_keys`)).map((k) => [k.side, k.private_key]));
      for (const cp of await query<{ id: string; group_id: string; minutes_id: string; seq: number; taken_at: string; sides: string[]; signatures: CheckpointSignature[] }>(
        sql`select id, group_id, minutes_id, seq::int as seq, taken_at, sides, signatures from record_checkpoints`,
      )) {
        const headHash = (await hashAt(cp.seq)) ?? '';
        const statement = Buffer.from(checkpointStatement({ groupId: cp.group_id, minutesId: cp.minutes_id, seq: cp.seq, headHash, takenAt: cp.taken_at, sides: cp.sides }));
        const signatures = cp.signatures.map((s) => ({ ...s, signature: signWith(null, statement, keys.get(s.side) ?? '').toString('base64') }));
        await exec(sql`update record_checkpoints set head_hash = ${headHash}, signatures = ${JSON.stringify(signatures)}::jsonb where id = ${cp.id}`);
      }
      expect(await verify()).toMatchObject({ ok: true, checkpoints: { checked: 2, failure: null } });
      expect((await t.services.record.verify(files.map((f) => f.checkpoint))).checkpoints.failure).toMatchObject({ reason: 'checkpoint_mismatch', seq: 2 });
    });

    it('refuses an exported checkpoint whose content was edited', async () => {
      const file = structuredClone(files[0] as CheckpointExport);
      expect((await t.services.record.verify([file.checkpoint])).ok).toBe(true);
      file.checkpoint.seq = 1;
      file.checkpoint.headHash = (await hashAt(1)) ?? '';
      expect((await t.services.record.verify([file.checkpoint])).checkpoints.failure).toMatchObject({ reason: 'checkpoint_signature_invalid' });
    });

    it('exports checkpoints with their public keys to the co-chairs and admins of the group only', async () => {
      const file = files[0] as CheckpointExport;
      expect(file).toMatchObject({ format: 'qiao-record-checkpoint', signatureAlgorithm: 'Ed25519', checkpoint: { groupId } });
      const keys = (await call<SigningKeys>(t, c.usMember, 'GET', '/api/record/keys')).body;
      expect(keys.keys.map((k) => k.side).sort()).toEqual(['CN', 'US']);
      for (const sig of file.checkpoint.signatures) expect(sig.publicKey).toBe(keys.keys.find((k) => k.side === sig.side)?.publicKey);

      const id = file.checkpoint.id;
      const res = await t.app.inject({ method: 'GET', url: `/api/record/checkpoints/${id}/export`, headers: c.admin.headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="qiao-checkpoint-/);
      for (const who of [otherChair, c.outsider]) {
        expect(await call(t, who, 'GET', `/api/record/checkpoints/${id}/export`)).toMatchObject({ status: 403, body: { error: { id: 'out_of_scope' } } });
        expect(await call(t, who, 'GET', `/api/record/checkpoints?groupId=${groupId}`)).toMatchObject({ status: 403, body: { error: { id: 'out_of_scope' } } });
      }
      expect(await call(t, c.usMember, 'GET', `/api/record/checkpoints/${id}/export`)).toMatchObject({ status: 403, body: { error: { id: 'forbidden' } } });
      expect((await call(t, null, 'GET', `/api/record/checkpoints/${id}/export`)).status).toBe(401);
      // Refused reads change nothing: the record still verifies against both checkpoints.
      expect(await verify()).toMatchObject({ ok: true, checkpoints: { checked: 2 } });
    });
  });
}
