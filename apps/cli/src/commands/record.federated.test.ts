import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FederationCheckpoints, loadConfig, loadOrCreateNodeKey, openConfiguredDatabase, type Database } from '@qiao/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkpointSigningInput } from '../../../server/src/modules/federation/federation.checkpoints.ts';
import { nodeKeyFrom } from '../../../server/src/modules/federation/federation.keys.ts';
import { insertEntries, lockChain } from '../../../server/src/modules/record/record.repository.ts';
import { createPostgresDatabase, dbTargets } from '../../../server/src/testing/db.ts';
import { main } from '../main.ts';

const groupA = crypto.randomUUID();
const groupB = crypto.randomUUID();

// The US node's database on each engine, holding two group records and checkpoints the CN node
// co-signed; the CLI reads it the way an operator runs it, from the QIAO_* settings.
for (const target of dbTargets()) {
  // Each run opens the data directory afresh, as the command does: slow on a busy machine.
  describe.skipIf(target.skip)(`qiao record verify --federated on ${target.name}`, { timeout: 180_000 }, () => {
    const cn = nodeKeyFrom(generateKeyPairSync('ed25519').privateKey);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'qiao-cli-fed-record-'));
    let env: Record<string, string>;
    let out: string[];
    let err: string[];
    let statements: string[] = [];
    const open = (): Promise<Database> => openConfiguredDatabase(loadConfig({ ...env, QIAO_LOG_LEVEL: 'silent' }));
    async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
      const db = await open();
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    }
    const exec = (q: string) => withDb((db) => db.db.execute(q));

    async function run(...flags: string[]): Promise<number> {
      out = [];
      err = [];
      for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
      vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
      vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
      const code = await main(['node', 'qiao', 'record', 'verify', '--federated', ...flags]);
      vi.restoreAllMocks();
      vi.unstubAllEnvs();
      return code;
    }

    beforeAll(async () => {
      env = { QIAO_DATA_DIR: dir, QIAO_NODE_SIDE: 'US', QIAO_PEER_URL: 'http://127.0.0.1:9', QIAO_PEER_PUBLIC_KEY: cn.publicKeyBase64 };
      if (target.name === 'postgres') env.DATABASE_URL = await createPostgresDatabase();
      const key = loadOrCreateNodeKey(path.join(dir, 'node-key.pem'));
      await withDb(async (db) => {
        await db.migrate();
        await db.db.transaction(async (tx) => {
          await lockChain(tx);
          await insertEntries(
            tx,
            [
              { groupId: groupA, kind: 'minutes', entityId: 'm1', content: { body: { en: 'Both sides met.', zh: '双方会面。' } } },
              { groupId: groupB, kind: 'minutes', entityId: 'm2', content: { body: { en: 'Met on data.', zh: '就数据会面。' } } },
              { groupId: groupA, kind: 'decision', entityId: 'd1', content: { text: { en: 'Share station data.', zh: '共享台站数据。' } } },
            ],
            new Date(),
          );
        });
        const config = loadConfig({ ...env, QIAO_LOG_LEVEL: 'silent' }).federation;
        if (!config) throw new Error('federation is off');
        const cps = new FederationCheckpoints(db.db, { key, config });
        expect(await cps.take()).toBe(2);
        // The CN node's co-signatures, as its exchange would bring them back.
        const listed = await cps.list();
        statements = listed.map((c) => c.statement);
        const items = listed.map((c) => ({ ...c, signatures: { ...c.signatures, CN: sign(null, checkpointSigningInput(c.statement), cn.privateKey).toString('base64') } }));
        expect(await cps.receive(items)).toMatchObject({ completed: 2, refused: [] });
        await db.db.execute('create table entries_backup as select * from record_entries');
        await db.db.execute('create table checkpoints_backup as select * from federation_checkpoints');
      });
    }, 300_000);
    afterEach(async () => {
      await withDb(async (db) => {
        await db.db.execute('delete from record_entries');
        await db.db.execute('insert into record_entries select * from entries_backup');
        await db.db.execute('delete from federation_checkpoints');
        await db.db.execute('insert into federation_checkpoints select * from checkpoints_backup');
      });
    }, 180_000);

    it('exits 0 when the record matches every co-signed checkpoint', async () => {
      expect(await run('--no-peer')).toBe(0);
      expect(out.join('')).toMatch(new RegExp(`^record intact: 3 entries verified against 2 checkpoints co-signed by US and CN \\(${target.name} database, US node\\)\\n$`));
      // Asking a peer that does not answer is said, not hidden.
      expect(await run('--json')).toBe(0);
      expect(JSON.parse(out.join(''))).toMatchObject({ ok: true, side: 'US', peerSide: 'CN', checked: 2, peerAsked: false, notes: [expect.stringMatching(/^the peer node could not be asked/)] });
    });

    it('exits 1 with one line per failure when a record row was edited with SQL', async () => {
      await exec(`update record_entries set content = jsonb_set(content, '{text,en}', '"Share nothing."') where entity_id = 'd1'`);
      expect(await run('--no-peer')).toBe(1);
      const lines = out.join('').trimEnd().split('\n');
      expect(lines).toEqual([
        expect.stringMatching(/^record BROKEN \(.* database, US node\): 2 failures against 2 checkpoints/),
        expect.stringMatching(/^FAIL entry 3: content_hash_mismatch: /),
        expect.stringMatching(new RegExp(`^FAIL checkpoint of group ${groupA} at length 2 .*: the group's record was edited or rewritten$`)),
      ]);
      expect(err.join('')).toBe('qiao: record verification against the co-signed checkpoints failed (2 failures)\n');
    });

    it('exits 1 when the tail of the record was deleted', async () => {
      await exec('delete from record_entries where seq = 3');
      expect(await run('--no-peer')).toBe(1);
      expect(out.join('')).toMatch(new RegExp(`\\nFAIL checkpoint of group ${groupA} at length 2 .*: this node's copy of the group's record has 1 entry, both nodes signed 2: entries were removed\\n$`));
    });

    it('refuses a checkpoint whose peer signature is forged', async () => {
      const forger = generateKeyPairSync('ed25519').privateKey;
      const statement = statements.find((st) => st.includes(groupB)) ?? '';
      await exec(`update federation_checkpoints set cn_signature = '${sign(null, checkpointSigningInput(statement), forger).toString('base64')}' where statement = '${statement}'`);
      expect(await run('--no-peer')).toBe(1);
      expect(out.join('')).toMatch(new RegExp(`\\nFAIL checkpoint of group ${groupB} at length 1 .*: the CN signature does not verify with the configured peer key \\(forged or edited\\)\\n$`));
    });

    it('says what is missing on a node that is not federated', async () => {
      const saved = env;
      env = { QIAO_DATA_DIR: dir };
      try {
        expect(await run()).toBe(1);
        expect(err.join('')).toMatch(/--federated needs a federated node: set QIAO_NODE_SIDE, QIAO_PEER_URL and QIAO_PEER_PUBLIC_KEY/);
      } finally {
        env = saved;
      }
    });
  });
}
