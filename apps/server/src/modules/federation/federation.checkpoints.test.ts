import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { insertEntries, lockChain, type RecordAppend } from '../record/record.repository.ts';
import { checkpointSigningInput, FederationCheckpoints, groupHeads, statementText, type WireCheckpoint } from './federation.checkpoints.ts';
import { loadOrCreateNodeKey } from './federation.keys.ts';
import { signRequest } from './federation.request.ts';

type Side = 'US' | 'CN';
interface Node {
  side: Side;
  db: Database;
  t: TestApp;
  cps: FederationCheckpoints;
  admin: Record<string, string>;
}

const groupA = crypto.randomUUID();
const groupB = crypto.randomUUID();
const groupC = crypto.randomUUID();
const minutes = (groupId: string, n: number): RecordAppend => ({ groupId, kind: 'minutes', entityId: `m-${groupId.slice(0, 4)}-${n}`, content: { body: { en: `Minutes ${n}`, zh: `纪要 ${n}` }, revision: 1 } });
const decision = (groupId: string, n: number): RecordAppend => ({ groupId, kind: 'decision', entityId: `d-${groupId.slice(0, 4)}-${n}`, content: { text: { en: `Share station data ${n}.`, zh: `共享台站数据 ${n}。` } } });

// Two nodes on the same engine; each reaches the other's routes in process, through the same signed
// requests it would send over HTTP. Every row edit below is what a database administrator of one
// side could do with SQL.
for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`co-signed record checkpoints on ${target.name}`, () => {
    const nodes = {} as Record<Side, Node>;
    const exec = (n: Node, q: ReturnType<typeof sql>) => n.db.db.execute(q);
    const rows = async <T>(n: Node, q: ReturnType<typeof sql>) => ((await exec(n, q)) as { rows: T[] }).rows;
    const append = (n: Node, items: RecordAppend[]) =>
      n.db.db.transaction(async (tx) => {
        await lockChain(tx);
        await insertEntries(tx, items, new Date());
      });

    beforeAll(async () => {
      const dirs = { US: mkdtempSync(path.join(tmpdir(), 'qiao-cp-us-')), CN: mkdtempSync(path.join(tmpdir(), 'qiao-cp-cn-')) };
      const keys = { US: loadOrCreateNodeKey(path.join(dirs.US, 'node-key.pem')), CN: loadOrCreateNodeKey(path.join(dirs.CN, 'node-key.pem')) };
      for (const side of ['US', 'CN'] as const) {
        const peer = side === 'US' ? 'CN' : 'US';
        const db = await target.open();
        const t = await buildTestApp(db, { QIAO_DATA_DIR: dirs[side], QIAO_NODE_SIDE: side, QIAO_PEER_URL: `http://${peer.toLowerCase()}.node.test`, QIAO_PEER_PUBLIC_KEY: keys[peer].publicKeyBase64, QIAO_FEDERATION_PULL_MS: '0' });
        // The peer's routes, reached in process with the request exactly as signed.
        const bridge: typeof fetch = async (input, init) => {
          const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
          const res = await nodes[peer].t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: init?.headers as Record<string, string> });
          return new Response(res.body, { status: res.statusCode, headers: { 'content-type': 'application/json' } });
        };
        const federation = t.services.federation;
        if (!federation) throw new Error('federation is off');
        nodes[side] = { side, db, t, cps: new FederationCheckpoints(db.db, federation, () => new Date(), bridge), admin: (await t.signInAs(['admin'], side)).headers };
      }
      // The same group records reach the two nodes in a different order, so the platform-wide
      // sequence numbers differ; a third group exists on the CN node only.
      await append(nodes.US, [minutes(groupA, 1), decision(groupA, 1)]);
      await append(nodes.US, [minutes(groupB, 1)]);
      await append(nodes.CN, [minutes(groupB, 1)]);
      await append(nodes.CN, [minutes(groupC, 1)]);
      await append(nodes.CN, [minutes(groupA, 1), decision(groupA, 1)]);
      for (const n of Object.values(nodes)) {
        await exec(n, sql`create table entries_backup as select * from record_entries`);
      }
    }, 300_000);
    afterEach(async () => {
      for (const n of Object.values(nodes)) {
        await exec(n, sql`delete from record_entries`);
        await exec(n, sql`insert into record_entries select * from entries_backup`);
      }
    }, 120_000);
    afterAll(async () => {
      for (const n of Object.values(nodes)) {
        await n.t.close();
        await n.db.close();
      }
    }, 120_000);

    it('hashes each group’s record alike on both nodes although their sequence numbers differ', async () => {
      const us = await groupHeads(await nodes.US.t.services.record.entries());
      const cn = await groupHeads(await nodes.CN.t.services.record.entries());
      expect(us.get(groupA)).toHaveLength(2);
      expect(us.get(groupA)).toEqual(cn.get(groupA));
      expect(us.get(groupB)).toEqual(cn.get(groupB));
      expect(us.has(groupC)).toBe(false);
      const [usSeqs, cnSeqs] = await Promise.all([nodes.US, nodes.CN].map(async (n) => (await n.t.services.record.entries(groupA)).map((e) => e.seq)));
      expect(usSeqs).not.toEqual(cnSeqs);
    });

    it('takes a checkpoint on one node, has it co-signed by the other, and both verify their copy against it', async () => {
      expect(await nodes.US.cps.sync()).toEqual({ taken: 2, cosigned: 0, completed: 0, pending: 0, refused: [] });
      // The CN node co-signs the US checkpoints of A and B, and takes its own only for C.
      expect(await nodes.CN.cps.sync()).toEqual({ taken: 1, cosigned: 2, completed: 0, pending: 0, refused: [] });
      // The US node gets its co-signatures back; it holds no record of C yet: pending, not refused.
      expect(await nodes.US.cps.sync()).toEqual({ taken: 0, cosigned: 0, completed: 2, pending: 1, refused: [] });
      expect(await nodes.US.cps.sync()).toEqual({ taken: 0, cosigned: 0, completed: 0, pending: 1, refused: [] });

      for (const n of Object.values(nodes)) {
        const view = (await n.t.app.inject({ method: 'GET', url: '/api/federation/record-checkpoints', headers: n.admin })).json<{ items: { groupId: string; length: number; origin: string; signedBy: string[]; final: boolean }[] }>();
        const final = view.items.filter((i) => i.final).map((i) => [i.groupId, i.length, i.origin, i.signedBy]);
        expect(final.sort()).toEqual(
          [
            [groupA, 2, 'US', ['CN', 'US']],
            [groupB, 1, 'US', ['CN', 'US']],
          ].sort(),
        );
        expect(await n.cps.verifyFederated()).toEqual({ ok: true, entries: n.side === 'US' ? 3 : 4, checked: 2, peerAsked: false, failures: [], notes: [] });
      }
      // Both nodes hold the same statements and signatures.
      const cosigned = async (n: Node) => (await n.cps.list()).filter((c) => c.signatures.US && c.signatures.CN).map((c) => JSON.stringify(c)).sort();
      expect(await cosigned(nodes.US)).toEqual(await cosigned(nodes.CN));
    });

    it('detects a record row edited with SQL on one node; the other node still verifies', async () => {
      await exec(nodes.CN, sql`update record_entries set content = jsonb_set(content, '{text,en}', '"Share nothing."') where entity_id = ${decision(groupA, 1).entityId}`);
      const report = await nodes.CN.cps.verifyFederated();
      expect(report.ok).toBe(false);
      expect(report.failures).toEqual([
        expect.stringMatching(/^entry 4: content_hash_mismatch: /),
        expect.stringMatching(new RegExp(`^checkpoint of group ${groupA} at length 2 .*: this node's copy hashes to .* both nodes signed .*: the group's record was edited or rewritten$`)),
      ]);
      expect((await nodes.US.cps.verifyFederated()).ok).toBe(true);
    });

    it('detects a rewrite whose platform-wide chain was recomputed to verify on its own', async () => {
      // Change the content and its content hash together, then re-hash every entry from there on.
      const entries = await nodes.US.t.services.record.entries();
      await exec(nodes.US, sql`update record_entries set content = ${JSON.stringify({ body: { en: 'Minutes 1, rewritten', zh: '纪要 1' }, revision: 1 })}::jsonb where entity_id = ${minutes(groupA, 1).entityId}`);
      const { contentHashOf, entryHashOf, GENESIS_HASH } = await import('@qiao/contracts');
      let prevHash = GENESIS_HASH;
      for (const e of await nodes.US.t.services.record.entries()) {
        const contentHash = await contentHashOf(e.content);
        const hash = await entryHashOf({ ...e, contentHash, prevHash });
        await exec(nodes.US, sql`update record_entries set content_hash = ${contentHash}, prev_hash = ${prevHash}, hash = ${hash} where seq = ${e.seq}`);
        prevHash = hash;
      }
      expect(entries).toHaveLength(3);
      const report = await nodes.US.cps.verifyFederated();
      expect(report.failures).toEqual([expect.stringMatching(new RegExp(`^checkpoint of group ${groupA} at length 2 .*: the group's record was edited or rewritten$`))]);
    });

    it('detects the tail of the record deleted', async () => {
      await exec(nodes.US, sql`delete from record_entries where seq = (select max(seq) from record_entries)`);
      const report = await nodes.US.cps.verifyFederated();
      expect(report.ok).toBe(false);
      expect(report.failures).toEqual([expect.stringMatching(new RegExp(`^checkpoint of group ${groupB} at length 1 .*: this node's copy of the group's record has 0 entries, both nodes signed 1: entries were removed$`))]);
    });

    it('refuses a stored checkpoint whose peer signature is forged, and still finds an edit hidden by deleting the checkpoints here', async () => {
      const forger = generateKeyPairSync('ed25519').privateKey;
      const [row] = await rows<{ id: string; statement: string; cn_signature: string }>(nodes.US, sql`select id, statement, cn_signature from federation_checkpoints where group_id = ${groupA} and us_signature is not null and cn_signature is not null`);
      if (!row) throw new Error('no co-signed checkpoint of group A');
      await exec(nodes.US, sql`update federation_checkpoints set cn_signature = ${sign(null, checkpointSigningInput(row.statement), forger).toString('base64')} where id = ${row.id}`);
      expect((await nodes.US.cps.verifyFederated()).failures).toEqual([expect.stringMatching(/: the CN signature does not verify with the configured peer key \(forged or edited\)$/)]);
      await exec(nodes.US, sql`update federation_checkpoints set cn_signature = ${row.cn_signature} where id = ${row.id}`);

      // Deleting the checkpoints here to hide an edit: the peer still holds them and is asked.
      await exec(nodes.US, sql`create table checkpoints_backup as select * from federation_checkpoints`);
      try {
        await exec(nodes.US, sql`delete from federation_checkpoints`);
        await exec(nodes.US, sql`update record_entries set content = jsonb_set(content, '{revision}', '2') where entity_id = ${minutes(groupB, 1).entityId}`);
        expect((await nodes.US.cps.verifyFederated()).failures).toEqual([expect.stringMatching(/^entry 3: content_hash_mismatch/)]);
        const asked = await nodes.US.cps.verifyFederated({ askPeer: true });
        expect(asked).toMatchObject({ ok: false, checked: 2, peerAsked: true });
        expect(asked.failures).toEqual([expect.stringMatching(/^entry 3: content_hash_mismatch/), expect.stringMatching(new RegExp(`^checkpoint of group ${groupB} at length 1 .*: the group's record was edited or rewritten$`))]);
        expect(asked.notes).toHaveLength(2);
      } finally {
        await exec(nodes.US, sql`delete from federation_checkpoints`);
        await exec(nodes.US, sql`insert into federation_checkpoints select * from checkpoints_backup`);
        await exec(nodes.US, sql`drop table checkpoints_backup`);
      }
      await exec(nodes.US, sql`delete from record_entries`);
      await exec(nodes.US, sql`insert into record_entries select * from entries_backup`);
      expect(await nodes.US.cps.verifyFederated({ askPeer: true })).toMatchObject({ ok: true, checked: 2, peerAsked: true, notes: [] });
    });

    it('refuses a checkpoint from the peer signed with another key or over another head, keeps the reason once and shows it to admins', async () => {
      const forger = generateKeyPairSync('ed25519').privateKey;
      const heads = await groupHeads(await nodes.US.t.services.record.entries());
      const forged = statementText({ origin: 'CN', groupId: groupA, length: 1, headHash: heads.get(groupA)?.[0] ?? '', takenAt: '2026-12-01T00:00:00.000Z' });
      const items: WireCheckpoint[] = [{ statement: forged, signatures: { CN: sign(null, checkpointSigningInput(forged), forger).toString('base64') } }];
      const cnKey = loadOrCreateNodeKey(path.join(nodes.CN.t.services.config.federation?.keyFile ?? ''));
      const otherHead = statementText({ origin: 'CN', groupId: groupA, length: 2, headHash: 'f'.repeat(64), takenAt: '2026-12-01T00:00:00.000Z' });
      items.push({ statement: otherHead, signatures: { CN: sign(null, checkpointSigningInput(otherHead), cnKey.privateKey).toString('base64') } });
      const first = await nodes.US.cps.receive(items);
      expect(first.refused).toEqual([
        `checkpoint of group ${groupA} at length 1 (taken by the CN node at 2026-12-01T00:00:00.000Z): the CN node's signature does not verify with the configured peer key (forged or edited)`,
        expect.stringMatching(new RegExp(`^checkpoint of group ${groupA} at length 2 .*: this node's copy of the group's record hashes to .* at that length, not ffffffffffff…$`)),
      ]);
      await nodes.US.cps.receive(items);
      const view = (await nodes.US.t.app.inject({ method: 'GET', url: '/api/federation/record-checkpoints', headers: nodes.US.admin })).json<{ items: { takenAt: string }[]; refused: { origin: string; reason: string }[] }>();
      expect(view.refused.filter((r) => r.reason.includes('2026-12-01'))).toHaveLength(2);
      expect(view.items.some((i) => i.takenAt === '2026-12-01T00:00:00.000Z')).toBe(false);
    });

    it('serves its checkpoints only to a request signed by the peer node', async () => {
      const url = '/api/federation/checkpoints';
      expect((await nodes.US.t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
      const stranger = generateKeyPairSync('ed25519').privateKey;
      expect((await nodes.US.t.app.inject({ method: 'GET', url, headers: signRequest('GET', url, 'CN', stranger, new Date()) })).statusCode).toBe(401);
      expect((await nodes.US.t.app.inject({ method: 'GET', url, headers: nodes.US.admin })).statusCode).toBe(401);
    });
  });
}

describe('a node that runs alone', () => {
  it('has no checkpoint routes to offer', async () => {
    const [pglite] = dbTargets();
    const db = await pglite!.open();
    const t = await buildTestApp(db);
    try {
      const admin = await t.signInAs(['admin']);
      expect((await t.app.inject({ method: 'GET', url: '/api/federation/record-checkpoints', headers: admin.headers })).json<{ error: { id: string } }>().error.id).toBe('federation_not_configured');
      expect((await t.app.inject({ method: 'GET', url: '/api/federation/checkpoints' })).statusCode).toBe(404);
    } finally {
      await t.close();
      await db.close();
    }
  }, 120_000);
});
