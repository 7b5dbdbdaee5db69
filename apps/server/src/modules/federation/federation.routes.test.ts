import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { buildGroup, buildRound, call, signInCast, type Cast } from '../groups/group.fixtures.ts';
import { GENESIS_HASH, verifyPeerEvents, type FederationEvent } from './federation.events.ts';
import { nodeKeyFrom } from './federation.keys.ts';
import { signRequest } from './federation.request.ts';
import { federationEvents } from './federation.schema.ts';

type EventsPage = { events: FederationEvent[]; head: { seq: number; hash: string } };

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`federation on ${target.name}`, () => {
    // This app is the US node; the test plays the CN node with its own key.
    const cn = nodeKeyFrom(generateKeyPairSync('ed25519').privateKey);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'qiao-fed-us-'));
    let database: Database;
    let plain: Database;
    let t: TestApp;
    let alone: TestApp;
    let c: Cast;
    let groupId: string;
    beforeAll(async () => {
      database = await target.open();
      plain = await target.open();
      t = await buildTestApp(database, { QIAO_DATA_DIR: dataDir, QIAO_NODE_SIDE: 'US', QIAO_PEER_URL: 'http://127.0.0.1:9', QIAO_PEER_PUBLIC_KEY: cn.publicKeyBase64, QIAO_FEDERATION_PULL_MS: '0' });
      alone = await buildTestApp(plain);
      c = await signInCast(t);
      groupId = await buildGroup(t, c, { activate: true });
    }, 180_000);
    afterAll(async () => {
      await t.close();
      await alone.close();
      await database.close();
      await plain.close();
    });

    const pull = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
    const signed = (url: string, when = new Date()) => signRequest('GET', url, 'CN', cn.privateKey, when);

    it('appends a signed, chained event with each position and approval, in the write’s transaction', async () => {
      const { roundId, itemId } = await buildRound(t, c, groupId);
      expect((await call(t, c.usMember, 'PUT', `/api/dialogues/items/${itemId}/positions/US`, { position: { en: 'Share station metadata.', zh: '共享站点元数据。' } })).status).toBe(200);
      expect((await call(t, c.cnMember, 'PUT', `/api/dialogues/items/${itemId}/positions/CN`, { position: { en: 'Share after review.', zh: '审查后共享。' } })).status).toBe(200);
      // A refused write leaves no event behind.
      expect((await call(t, c.cnMember, 'PUT', `/api/dialogues/items/${itemId}/positions/US`, { position: { en: 'Not ours.', zh: '不是我们的。' } })).status).toBe(403);
      const m = await call<{ id: string }>(t, c.usMember, 'POST', `/api/dialogues/rounds/${roundId}/minutes`, { body: { en: 'Met.', zh: '会谈。' }, decisions: [] });
      expect((await call(t, c.usChair, 'POST', `/api/dialogues/minutes/${m.body.id}/approvals`, { revision: 1 })).status).toBe(200);

      const rows = await database.db.select().from(federationEvents).orderBy(federationEvents.seq);
      // The group, its people, the round and its item, both positions, the minutes text and the approval.
      expect(rows.map((r) => [r.seq, r.objectType, (JSON.parse(r.payload) as { side?: string }).side ?? null])).toEqual([
        [1, 'group', null],
        [2, 'group_member', 'US'],
        [3, 'group_member', 'CN'],
        [4, 'group_member', 'US'],
        [5, 'group_member', 'CN'],
        [6, 'group', null],
        [7, 'track', null],
        [8, 'round', null],
        [9, 'agenda_item', null],
        [10, 'position', 'US'],
        [11, 'position', 'CN'],
        [12, 'minutes_revision', null],
        [13, 'minutes_approval', 'US'],
      ]);
      // Read back as the peer would: the chain and the signatures verify with this node's public key.
      const url = '/api/federation/events?after=0&limit=20';
      const res = await pull(url, signed(url));
      expect(res.statusCode).toBe(200);
      const page = res.json<EventsPage>();
      expect(page.head).toEqual({ seq: 13, hash: rows[12]?.hash });
      const results = verifyPeerEvents(page.events, { peerSide: 'US', peerKey: t.services.federation!.key.publicKey, head: { seq: 0, hash: GENESIS_HASH } });
      // What the US node says for CN people (their membership, their position) is refused by the peer:
      // only the CN node speaks for CN. Correctly signed and chained, so the chain goes on past it.
      const cnMember = 'a CN-side member can only be admitted or removed by the CN node, not the US node';
      expect(results.map((r) => (r.accepted ? 'ok' : r.reason))).toEqual(['ok', 'ok', cnMember, 'ok', cnMember, 'ok', 'ok', 'ok', 'ok', 'ok', 'a CN-side position can only come from the CN node, not the US node', 'ok', 'ok']);
      expect(JSON.parse(page.events[9]?.payload ?? '{}')).toMatchObject({ side: 'US', itemId, groupId, position: { en: 'Share station metadata.' } });
    });

    it('keeps the log dense and chained under concurrent writers, and a rolled-back write leaves no event', async () => {
      const fed = t.services.federation!;
      const before = await fed.head();
      await expect(
        database.db.transaction(async (tx) => {
          await fed.emit(tx, { objectType: 'position', objectId: 'rolled-back:US', op: 'put', payload: { side: 'US' } });
          throw new Error('the write failed after its event');
        }),
      ).rejects.toThrow('the write failed');
      expect(await fed.head()).toEqual(before);
      await Promise.all(Array.from({ length: 6 }, (_, i) => database.db.transaction((tx) => fed.emit(tx, { objectType: 'position', objectId: `item-${i}:US`, op: 'put', payload: { side: 'US', n: i } }))));
      const url = `/api/federation/events?after=${before.seq}&limit=100`;
      const page = (await pull(url, signed(url))).json<EventsPage>();
      expect(page.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6].map((n) => before.seq + n));
      const results = verifyPeerEvents(page.events, { peerSide: 'US', peerKey: fed.key.publicKey, head: before });
      expect(results.every((r) => r.accepted)).toBe(true);
    });

    it('pages by sequence number', async () => {
      const url = '/api/federation/events?after=1&limit=1';
      const page = (await pull(url, signed(url))).json<EventsPage>();
      expect(page.events.map((e) => e.seq)).toEqual([2]);
    });

    it('refuses a pull without a signature, with another key, too old, or replayed, and returns nothing', async () => {
      const url = '/api/federation/events?after=0&limit=10';
      const refused = async (headers: Record<string, string>, id: string) => {
        const res = await pull(url, headers);
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({ error: { id, message: expect.any(String) as string } });
        expect(res.body).not.toContain('"events"');
      };
      await refused({}, 'federation_signature_invalid');
      await refused(signRequest('GET', url, 'CN', generateKeyPairSync('ed25519').privateKey, new Date()), 'federation_signature_invalid');
      await refused(signed(url, new Date(Date.now() - 6 * 60_000)), 'federation_timestamp_skew');
      const once = signed(url);
      expect((await pull(url, once)).statusCode).toBe(200);
      await refused(once, 'federation_nonce_replayed');
      // A user session is not a node: an admin's cookie alone gets nothing.
      const admin = await t.signInAs(['admin']);
      expect((await t.app.inject({ method: 'GET', url, headers: admin.headers })).statusCode).toBe(401);
    });

    it('reports status to admins only, and 404 federation_not_configured on a node that runs alone', async () => {
      const admin = await t.signInAs(['admin']);
      const status = await t.app.inject({ method: 'GET', url: '/api/federation/status', headers: admin.headers });
      expect(status.statusCode).toBe(200);
      expect(status.json()).toEqual({ side: 'US', peer: { side: 'CN', url: 'http://127.0.0.1:9', connected: false, lastSyncAt: null, lag: null, appliedSeq: 0, waiting: null }, head: { seq: 19, hash: expect.stringMatching(/^[0-9a-f]{64}$/) as string } });
      const member = await t.signInAs(['member']);
      expect((await t.app.inject({ method: 'GET', url: '/api/federation/status', headers: member.headers })).statusCode).toBe(403);
      // The peer is down: the pull fails, the failure is kept and the node goes on.
      await expect(t.services.federation!.pullOnce()).rejects.toThrow();
      expect((await t.app.inject({ method: 'GET', url: '/api/federation/status', headers: admin.headers })).json()).toMatchObject({ peer: { connected: false } });

      const soloAdmin = await alone.signInAs(['admin']);
      const solo = await alone.app.inject({ method: 'GET', url: '/api/federation/status', headers: soloAdmin.headers });
      expect(solo.statusCode).toBe(404);
      expect(solo.json()).toMatchObject({ error: { id: 'federation_not_configured' } });
      const url = '/api/federation/events?after=0';
      expect((await alone.app.inject({ method: 'GET', url, headers: signed(url) })).json()).toMatchObject({ error: { id: 'federation_not_configured' } });
      expect(alone.services.federation).toBeNull();
    });
  });
}
