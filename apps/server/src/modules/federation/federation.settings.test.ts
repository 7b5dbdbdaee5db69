import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import { startServer } from '../../server.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { createPostgresDatabase, dbTargets } from '../../testing/db.ts';
import { buildGroup, signInCast } from '../groups/group.fixtures.ts';
import { loadOrCreateNodeKey } from './federation.keys.ts';
import { resync, type ResyncResult } from './federation.resync.ts';
import { federationEvents, federationHead } from './federation.schema.ts';
import { FederationService } from './federation.service.ts';
import { federationSettings } from './federation.settings.schema.ts';
import { RESYNC_FAILED, settingsFingerprint, syncOnSettingsChange, type SettingsSyncOutcome } from './federation.settings.ts';

const targets = dbTargets();
const pgTarget = targets.find((t) => t.name === 'postgres');
const peerKey = loadOrCreateNodeKey(path.join(mkdtempSync(path.join(tmpdir(), 'qiao-settings-peer-')), 'node-key.pem'));

/** A CN node's settings; a CIIO operator, so people's profiles wait for the security assessment. */
const nodeEnv = (dir: string, over: Record<string, string> = {}): Record<string, string> => ({
  QIAO_DATA_DIR: dir,
  QIAO_NODE_SIDE: 'CN',
  QIAO_PEER_URL: 'http://127.0.0.1:9',
  QIAO_PEER_PUBLIC_KEY: peerKey.publicKeyBase64,
  QIAO_FEDERATION_PULL_MS: '0',
  QIAO_TRANSFER_CIIO: 'true',
  ...over,
});

/** `resync` with a count of its runs, and optionally a pause inside its transaction or a failure after it. */
function countedResync(opts: { pauseMs?: number; failAfter?: boolean } = {}): { run: typeof resync; runs: () => number } {
  let runs = 0;
  const run: typeof resync = async (db, outbox, side, now) => {
    runs++;
    const result = await resync(db, outbox, side, now);
    if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
    if (opts.failAfter) throw new Error('disk full\nwhile appending');
    return result;
  };
  return { run, runs: () => runs };
}

const events = (db: Database) => db.db.select().from(federationEvents).orderBy(asc(federationEvents.seq));
const settingsRow = async (db: Database) => (await db.db.select().from(federationSettings))[0];
const sentTotal = (r: ResyncResult) => Object.values(r.sent).reduce<number>((n, k) => n + (k ?? 0), 0);

for (const target of targets) {
  describe.skipIf(target.skip)(`initial sync when the federation settings change, on ${target.name}`, { timeout: 120_000 }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qiao-settings-'));
    let db: Database;
    const apps: TestApp[] = [];
    const lines: string[] = [];
    const log = { info: (l: string) => lines.push(`info ${l}`), error: (l: string) => lines.push(`error ${l}`) };

    /** Starts the node under `env` as `qiao serve` does: the app, then the sync on settings change. */
    async function start(over: Record<string, string>, now: Date, run?: typeof resync): Promise<{ t: TestApp; outcome: SettingsSyncOutcome }> {
      const t = await buildTestApp(db, nodeEnv(dir, over));
      apps.push(t);
      return { t, outcome: await syncOnSettingsChange(db.db, t.services.federation!, { now, log, ...(run ? { run } : {}) }) };
    }

    beforeAll(async () => {
      db = await target.open();
      // The node ran alone first: a group with a co-chair and a member of each side, no events.
      const alone = await buildTestApp(db, { QIAO_DATA_DIR: dir });
      await buildGroup(alone, await signInCast(alone));
      await alone.close();
      expect(await events(db)).toEqual([]);
    });
    afterAll(async () => {
      for (const t of apps) await t.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('runs the initial sync on the first start with a peer and records the fingerprint, time and result', async () => {
      const at = new Date('2026-06-01T08:00:00Z');
      const { run, runs } = countedResync();
      const { t, outcome } = await start({}, at, run);
      expect(runs()).toBe(1);
      if (outcome.kind !== 'synced') throw new Error(`expected a sync, got ${outcome.kind}`);
      expect(outcome.previous).toBeNull();
      // The group and this side's co-chair and member, whose profiles wait for the security assessment.
      expect(outcome.result.sent).toEqual({ group: 1, group_member: 2 });
      const sent = await events(db);
      expect(sent).toHaveLength(3);
      expect(sent.filter((e) => e.objectType === 'group_member').map((e) => (JSON.parse(e.payload) as { withheld?: boolean }).withheld)).toEqual([true, true]);
      expect(await settingsRow(db)).toEqual({ id: 1, fingerprint: settingsFingerprint(t.services.federation!.config), recordedAt: at, lastResult: outcome.result });
      expect(lines.at(-1)).toMatch(/^info federation: settings [0-9a-f]{12} \(first start with a peer\): initial sync appended 3 event\(s\)/);

      const { headers } = await t.signInAs(['admin'], 'CN');
      const status = await t.app.inject({ method: 'GET', url: '/api/federation/status', headers });
      expect(status.json()).toMatchObject({ side: 'CN', head: { seq: 3 }, resync: { at: at.toISOString(), sent: 3, fingerprint: outcome.fingerprint.slice(0, 12) } });
    });

    it('does not run again on a start with the same settings (the pull interval and a trailing slash do not count)', async () => {
      const before = await settingsRow(db);
      const { run, runs } = countedResync();
      const { outcome } = await start({ QIAO_FEDERATION_PULL_MS: '5000', QIAO_PEER_URL: 'http://127.0.0.1:9/' }, new Date('2026-06-02T08:00:00Z'), run);
      expect(outcome).toEqual({ kind: 'unchanged', fingerprint: before?.fingerprint });
      expect(runs()).toBe(0);
      expect(await events(db)).toHaveLength(3);
      expect(await settingsRow(db)).toEqual(before);
    });

    it('runs again when QIAO_TRANSFER_MECHANISMS changes, and sends what the guard now lets through', async () => {
      const before = await settingsRow(db);
      const at = new Date('2026-06-03T08:00:00Z');
      const { run, runs } = countedResync();
      const { outcome } = await start({ QIAO_TRANSFER_MECHANISMS: 'cn-cac-security-assessment' }, at, run);
      expect(runs()).toBe(1);
      if (outcome.kind !== 'synced') throw new Error(`expected a sync, got ${outcome.kind}`);
      expect(outcome.previous).toBe(before?.fingerprint);
      expect(outcome.fingerprint).not.toBe(before?.fingerprint);
      // The assessment is recorded as in place: the two profiles cross in full now.
      expect(outcome.result.sent).toEqual({ group_member: 2 });
      const members = (await events(db)).slice(3);
      expect(members.map((e) => [e.objectType, (JSON.parse(e.payload) as { withheld?: boolean }).withheld])).toEqual([
        ['group_member', undefined],
        ['group_member', undefined],
      ]);
      expect(await settingsRow(db)).toMatchObject({ fingerprint: outcome.fingerprint, recordedAt: at });
      // The same mechanisms in another order and with a repeat are the same settings.
      const again = await start({ QIAO_TRANSFER_MECHANISMS: 'cn-standard-contract-or-certification,cn-cac-security-assessment' }, at);
      const same = await start({ QIAO_TRANSFER_MECHANISMS: 'cn-cac-security-assessment,cn-standard-contract-or-certification,cn-cac-security-assessment' }, at);
      expect(again.outcome.kind).toBe('synced');
      expect(same.outcome).toEqual({ kind: 'unchanged', fingerprint: again.outcome.kind === 'synced' ? again.outcome.fingerprint : '' });
    });

    it('leaves the old fingerprint when the sync fails, logs one line with a stable id, and the node serves on', async () => {
      const before = await settingsRow(db);
      const head = (await events(db)).length;
      // The sync appends, then fails: nothing it appended stays.
      const failing = countedResync({ failAfter: true });
      const { t, outcome } = await start({ QIAO_TRANSFER_MECHANISMS: '' }, new Date('2026-06-04T08:00:00Z'), failing.run);
      expect(failing.runs()).toBe(1);
      expect(outcome).toMatchObject({ kind: 'failed', message: 'disk full while appending' });
      expect(lines.at(-1)).toMatch(new RegExp(`^error ${RESYNC_FAILED}: federation: the initial sync for settings [0-9a-f]{12} failed; the next start tries again: disk full while appending$`));
      expect(await settingsRow(db)).toEqual(before);
      expect(await events(db)).toHaveLength(head);
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      // The next start under the same settings tries again.
      const { run, runs } = countedResync();
      const retry = await start({ QIAO_TRANSFER_MECHANISMS: '' }, new Date('2026-06-05T08:00:00Z'), run);
      expect(runs()).toBe(1);
      expect(retry.outcome).toMatchObject({ kind: 'synced', previous: before?.fingerprint });
    });
  });
}

describe.skipIf(!pgTarget || pgTarget.skip)('two nodes starting at once on one PostgreSQL database', { timeout: 120_000 }, () => {
  it('run the initial sync once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qiao-settings-pg-'));
    const url = await createPostgresDatabase();
    const first = await openDatabase({ kind: 'postgres', url });
    const second = await openDatabase({ kind: 'postgres', url });
    try {
      await first.migrate();
      const alone = await buildTestApp(first, { QIAO_DATA_DIR: dir });
      await buildGroup(alone, await signInCast(alone));
      await alone.close();
      const config = loadConfig({ QIAO_WEB_DIST: '/nonexistent/web', ...nodeEnv(dir) }).federation!;
      const now = new Date('2026-06-01T08:00:00Z');
      const log = { info: () => undefined, error: () => undefined };
      // Each run pauses inside its transaction, so the other node starts while it holds the lock.
      const counted = countedResync({ pauseMs: 300 });
      const outcomes = await Promise.all(
        [first, second].map((d) => syncOnSettingsChange(d.db, new FederationService(d.db, config, () => now), { now, log, run: counted.run })),
      );
      expect(counted.runs()).toBe(1);
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['synced', 'unchanged']);
      const synced = outcomes.find((o) => o.kind === 'synced');
      expect(synced?.kind === 'synced' && sentTotal(synced.result)).toBe(3);
      expect(await events(first)).toHaveLength(3);
    } finally {
      await first.close();
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// `qiao serve` itself: the sync runs at start-up, and a failing one does not stop the node.
for (const target of targets) {
  describe.skipIf(target.skip)(`qiao serve on ${target.name} with changed federation settings`, { timeout: 120_000 }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qiao-settings-serve-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('starts when the sync fails, leaving the fingerprint unrecorded, and syncs at the next start', async () => {
      const base = { PORT: '0', HOST: '127.0.0.1', QIAO_DEMO: 'false', QIAO_LOG_LEVEL: 'silent', QIAO_WEB_DIST: '/nonexistent/web', QIAO_DATA_DIR: dir, ...(target.name === 'postgres' ? { DATABASE_URL: await createPostgresDatabase() } : {}) };
      const alone = await startServer(loadConfig(base), () => {});
      try {
        const { user } = await alone.services.users.create(null, { email: 'chair@serve.example', displayName: 'Wen Qiushi', side: 'CN', roles: [{ role: 'admin', side: 'CN' }], password: 'correct-horse-battery' });
        await alone.services.groups.create(user, { name: { en: 'Tides', zh: '潮汐' }, charter: { en: 'Tide gauges.', zh: '潮位站。' }, technologyArea: 'ai_for_science', sides: ['US', 'CN'] });
        // Without its head row the outbound log cannot take an event: the sync fails on its first append.
        await alone.services.database.db.delete(federationHead);
      } finally {
        await alone.close();
      }
      const federated = loadConfig({ ...base, ...nodeEnv(dir) });
      const broken = await startServer(federated, () => {});
      try {
        expect((await fetch(`${broken.url}/api/health`)).status).toBe(200);
        expect(await settingsRow(broken.services.database)).toMatchObject({ fingerprint: null, recordedAt: null });
        expect(await events(broken.services.database)).toEqual([]);
        await broken.services.database.db.execute(sql`insert into federation_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`);
      } finally {
        await broken.close();
      }
      const fixed = await startServer(federated, () => {});
      try {
        const row = await settingsRow(fixed.services.database);
        expect(row?.fingerprint).toBe(settingsFingerprint(federated.federation!));
        expect(row?.lastResult?.sent).toEqual({ group: 1 });
        expect(await fixed.services.database.db.select({ seq: federationEvents.seq }).from(federationEvents).where(eq(federationEvents.objectType, 'group'))).toEqual([{ seq: 1 }]);
      } finally {
        await fixed.close();
      }
    });
  });
}
