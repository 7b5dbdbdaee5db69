import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { buildGroup, buildRound, call, signInCast, type Cast } from '../groups/group.fixtures.ts';
import { loadOrCreateNodeKey } from './federation.keys.ts';
import { federationPeerEvents } from './federation.schema.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

// The US node on embedded PGlite, the CN node on PostgreSQL where the run has one (else PGlite too),
// each on its own port; each pulls the other's log over HTTP with signed requests.
const [pglite, postgres] = dbTargets();
const cnTarget = postgres && !postgres.skip ? postgres : pglite;

describe(`two nodes: US on pglite, CN on ${cnTarget?.name ?? 'pglite'}`, () => {
  const nodes: { side: 'US' | 'CN'; db: Database; t: TestApp; c: Cast; url: string }[] = [];
  const us = () => nodes[0]!;
  const cn = () => nodes[1]!;

  beforeAll(async () => {
    const dirs = { US: mkdtempSync(path.join(tmpdir(), 'qiao-us-')), CN: mkdtempSync(path.join(tmpdir(), 'qiao-cn-')) };
    const keys = { US: loadOrCreateNodeKey(path.join(dirs.US, 'node-key.pem')), CN: loadOrCreateNodeKey(path.join(dirs.CN, 'node-key.pem')) };
    const ports = { US: await freePort(), CN: await freePort() };
    for (const [side, target] of [['US', pglite], ['CN', cnTarget]] as const) {
      const peer = side === 'US' ? 'CN' : 'US';
      const db = await target!.open();
      const t = await buildTestApp(db, { QIAO_DATA_DIR: dirs[side], QIAO_NODE_SIDE: side, QIAO_PEER_URL: `http://127.0.0.1:${ports[peer]}`, QIAO_PEER_PUBLIC_KEY: keys[peer].publicKeyBase64, QIAO_FEDERATION_PULL_MS: side === 'US' ? '300' : '0' });
      await t.app.listen({ port: ports[side], host: '127.0.0.1' });
      nodes.push({ side, db, t, c: await signInCast(t), url: `http://127.0.0.1:${ports[side]}` });
    }
  });
  afterAll(async () => {
    for (const n of nodes) {
      await n.t.close();
      await n.db.close();
    }
  });

  it('each node pulls the other’s positions over HTTP and keeps only what the other side may say', async () => {
    // Each side writes its own position on its own node.
    for (const n of nodes) {
      const groupId = await buildGroup(n.t, n.c, { activate: true });
      const { itemId } = await buildRound(n.t, n.c, groupId);
      const writer = n.side === 'US' ? n.c.usMember : n.c.cnMember;
      expect((await call(n.t, writer, 'PUT', `/api/dialogues/items/${itemId}/positions/${n.side}`, { position: { en: `${n.side} view`, zh: `${n.side} 观点` } })).status).toBe(200);
    }
    expect(await cn().t.services.federation!.pullOnce()).toEqual({ accepted: 1, rejected: [] });
    // The US node pulls on its own every 300 ms: the CN position arrives without being asked for.
    await expect.poll(async () => (await us().db.db.select().from(federationPeerEvents)).map((e) => [e.origin, e.seq]), { timeout: 15_000, interval: 200 }).toEqual([['CN', 1]]);
    expect(await us().t.services.federation!.pullOnce()).toEqual({ accepted: 0, rejected: [] });
    // Pulling again finds nothing new and changes nothing.
    expect(await cn().t.services.federation!.pullOnce()).toEqual({ accepted: 0, rejected: [] });
    const kept = await cn().db.db.select().from(federationPeerEvents);
    expect(kept.map((e) => [e.origin, e.seq, (JSON.parse(e.payload) as { side: string }).side])).toEqual([['US', 1, 'US']]);

    // The US node writes a CN-side position (its CN member did it there): the CN node refuses it.
    const groupId = await buildGroup(us().t, us().c, { activate: true });
    const { itemId } = await buildRound(us().t, us().c, groupId);
    expect((await call(us().t, us().c.cnMember, 'PUT', `/api/dialogues/items/${itemId}/positions/CN`, { position: { en: 'CN view, typed on the US node', zh: '在美方节点输入的中方观点' } })).status).toBe(200);
    const pulled = await cn().t.services.federation!.pullOnce();
    expect(pulled).toEqual({ accepted: 0, rejected: [{ seq: 2, reason: 'a CN-side position can only come from the CN node, not the US node' }] });
    // Kept once, however many times it is pulled, and shown to admins.
    await cn().t.services.federation!.pullOnce();
    const admin = await cn().t.signInAs(['admin'], 'CN');
    const rejected = (await cn().t.app.inject({ method: 'GET', url: '/api/federation/rejected', headers: admin.headers })).json<{ items: { origin: string; seq: number; reason: string }[] }>();
    expect(rejected.items).toEqual([expect.objectContaining({ origin: 'US', seq: 2, reason: 'a CN-side position can only come from the CN node, not the US node' })]);
    const status = (await cn().t.app.inject({ method: 'GET', url: '/api/federation/status', headers: admin.headers })).json<unknown>();
    expect(status).toMatchObject({ side: 'CN', peer: { side: 'US', url: us().url, connected: true, lastSyncAt: expect.any(String) as string, lag: 1 }, head: { seq: 1 } });
  });
});
