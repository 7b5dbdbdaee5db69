import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, openConfiguredDatabase } from '@qiao/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeKeyFrom } from '../../../server/src/modules/federation/federation.keys.ts';
import { workingGroups } from '../../../server/src/modules/groups/group.schema.ts';
import { createPostgresDatabase, dbTargets } from '../../../server/src/testing/db.ts';
import { main } from '../main.ts';
import { nodeKeys } from './federation.ts';

describe('qiao federation keys', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('creates the node key in the data directory once and prints the same public key every time', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'qiao-cli-fed-'));
    const env = { QIAO_DATA_DIR: dir, QIAO_NODE_SIDE: 'CN' };
    const first = nodeKeys(env);
    expect(first).toEqual({ side: 'CN', publicKey: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/) as string, keyFile: path.join(dir, 'node-key.pem') });
    expect(statSync(first.keyFile).mode & 0o777).toBe(0o600);
    expect(nodeKeys(env).publicKey).toBe(first.publicKey);
  });

  it('prints side and key, and fails with one line when federation is not configured', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'qiao-cli-fed-'));
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    vi.stubEnv('QIAO_DATA_DIR', dir);
    vi.stubEnv('QIAO_NODE_SIDE', 'US');
    expect(await main(['node', 'qiao', 'federation', 'keys', '--json'])).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ side: 'US', keyFile: path.join(dir, 'node-key.pem') });
    vi.stubEnv('QIAO_NODE_SIDE', '');
    expect(await main(['node', 'qiao', 'federation', 'keys'])).toBe(1);
    expect(err.join('')).toMatch(/federation is not configured: set QIAO_NODE_SIDE/);
  });
});

// A node's database written while it ran alone, on each engine; the operator then sets the federation
// settings and runs the initial sync from the QIAO_* settings.
for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`qiao federation resync on ${target.name}`, { timeout: 180_000 }, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'qiao-cli-fed-resync-'));
    const peer = nodeKeyFrom(generateKeyPairSync('ed25519').privateKey);
    let env: Record<string, string>;
    let out: string[];
    let err: string[];

    async function run(settings: Record<string, string>): Promise<number> {
      out = [];
      err = [];
      for (const [k, v] of Object.entries(settings)) vi.stubEnv(k, v);
      vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
      vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
      const code = await main(['node', 'qiao', 'federation', 'resync', '--json']);
      vi.restoreAllMocks();
      vi.unstubAllEnvs();
      return code;
    }

    beforeAll(async () => {
      env = { QIAO_DATA_DIR: dir };
      if (target.name === 'postgres') env.DATABASE_URL = await createPostgresDatabase();
      const db = await openConfiguredDatabase(loadConfig({ ...env, QIAO_LOG_LEVEL: 'silent' }));
      try {
        await db.migrate();
        const text = (en: string, zh: string) => ({ en, zh, enEditedAt: '2026-01-05T00:00:00.000Z', zhEditedAt: '2026-01-05T00:00:00.000Z' });
        await db.db.insert(workingGroups).values([
          { name: text('Earlier group', '早先的工作组'), charter: text('Kept from before.', '此前保留。'), technologyArea: 'ai_for_science', sides: ['US', 'CN'] },
          { name: text('A CN-only group', '仅中方工作组'), charter: text('Not the US node’s to send.', '不由美方节点发送。'), technologyArea: 'ai_for_science', sides: ['CN'] },
        ]);
      } finally {
        await db.close();
      }
    });

    it('appends what the node speaks for once, and nothing on a second run', async () => {
      const federated = { ...env, QIAO_NODE_SIDE: 'US', QIAO_PEER_URL: 'http://127.0.0.1:9', QIAO_PEER_PUBLIC_KEY: peer.publicKeyBase64 };
      expect(await run(federated), err.join('')).toBe(0);
      expect(JSON.parse(out.join(''))).toEqual({ side: 'US', sent: { group: 1 }, unchanged: 0, notSent: { group: 1 }, head: 1 });
      expect(await run(federated)).toBe(0);
      expect(JSON.parse(out.join(''))).toEqual({ side: 'US', sent: {}, unchanged: 1, notSent: { group: 1 }, head: 1 });
    });

    it('says what is missing on a node without a peer, and appends nothing', async () => {
      expect(await run({ ...env, QIAO_NODE_SIDE: 'US' })).toBe(1);
      expect(err.join('')).toMatch(/resync needs a federated node: set QIAO_NODE_SIDE, QIAO_PEER_URL and QIAO_PEER_PUBLIC_KEY/);
    });
  });
}
