// Two nodes, one per side: a US node on embedded PGlite and a CN node on PostgreSQL, each a real
// `qiao serve` on its own port with its own key, pulling the other's signed log. The US co-chair plans
// a group's round on the US node; the CN co-chair writes the CN position on the CN node and the US
// co-chair is told in the inbox; the CN node is stopped mid-round while the US node writes on, and
// both catch up once it is back; minutes approved by each co-chair on its own node lock on both with
// the same record, co-signed; a US-side position sent by the CN node and an event forged with another
// key are refused and shown to the US admin; `qiao record verify --federated` finds a record row
// edited in the CN node's database.
import { execFile } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealEvent } from '../apps/server/src/modules/federation/federation.events.ts';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { addAgendaItem, appointCoChair, approveMinutes, createGroup, draftMinutes, openGroup, openRound, openTrack, planRound, positionShown, writePosition } from './helpers/groups.ts';
import { apiSignIn, inboxItems, type ApiSession } from './helpers/inbox.ts';
import { signIn, switchLanguage, visit } from './helpers/ui.ts';
import { freePort, repoRoot, serveEnv, startServe, type ServeProcess } from './setup/serve.ts';

// The PostgreSQL server of the DB suites: TEST_DATABASE_URL, or the local one they default to.
const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
type Side = 'US' | 'CN';

/** An Ed25519 key file for a node, its private key, and its raw public key in base64 as the peer configures it. */
function nodeKey(dir: string): { file: string; privateKey: KeyObject; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const file = path.join(dir, 'node-key.pem');
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return { file, privateKey, publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64') };
}

/** The real CLI in a child process, with a node's settings; its exit code and output. */
function qiao(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['apps/cli/bin/qiao.js', ...args], { cwd: repoRoot, env, timeout: 180_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

interface LinkStatus {
  peer: { connected: boolean; lag: number | null; waiting: string | null };
}

describe('two nodes, one per side', () => {
  const dirs: string[] = [];
  const env = {} as Record<Side, NodeJS.ProcessEnv>;
  const nodes = {} as Record<Side, ServeProcess>;
  let cnKey: KeyObject;
  let cnDatabaseUrl = '';
  let cnDb: pg.Client;
  const browsers: Browser[] = [];
  const suffix = Date.now().toString(36);
  const names = { group: `Federated seismology ${suffix}`, item: { en: `Catalogue format ${suffix}`, zh: `目录格式 ${suffix}` } };
  const ids = { group: '', round: '', item: '', minutes: '' };

  /** A fresh browser on a node, signed in as `email`; closed with the suite if a step fails first. */
  const open = async (side: Side, email: string): Promise<Browser> => {
    const b = await openBrowser(nodes[side].baseUrl);
    browsers.push(b);
    b.page.setDefaultTimeout(60_000);
    await signIn(b.page, email);
    return b;
  };
  const close = async (b: Browser) => {
    browsers.splice(browsers.indexOf(b), 1);
    await b.close();
  };
  const api = (side: Side, email: string): Promise<ApiSession> => apiSignIn(nodes[side].baseUrl, email);
  const positionsOn = async (session: ApiSession) =>
    (await session.call<{ agenda: { id: string; positions: { side: string; version: number; position: { en: string } }[] }[] }>('GET', `/api/dialogues/rounds/${ids.round}`)).agenda.find((i) => i.id === ids.item)?.positions ?? [];

  beforeAll(async () => {
    const name = `qiao_e2e_fed_${Math.random().toString(16).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    cnDatabaseUrl = url.toString();

    const usDir = mkdtempSync(path.join(os.tmpdir(), 'qiao-e2e-us-'));
    const cnDir = mkdtempSync(path.join(os.tmpdir(), 'qiao-e2e-cn-'));
    dirs.push(usDir, cnDir);
    const keys = { US: nodeKey(usDir), CN: nodeKey(cnDir) };
    cnKey = keys.CN.privateKey;
    const ports = { US: await freePort(), CN: await freePort() };
    const federation = (side: Side) => {
      const peer: Side = side === 'US' ? 'CN' : 'US';
      return { QIAO_NODE_SIDE: side, QIAO_NODE_KEY_FILE: keys[side].file, QIAO_PEER_URL: `http://127.0.0.1:${ports[peer]}`, QIAO_PEER_PUBLIC_KEY: keys[peer].publicKey, QIAO_FEDERATION_PULL_MS: '500' };
    };
    env.US = serveEnv(ports.US, usDir, federation('US'));
    env.CN = serveEnv(ports.CN, cnDir, { ...federation('CN'), DATABASE_URL: cnDatabaseUrl });
    const [us, cn] = await Promise.all([startServe(env.US, { timeoutMs: 420_000, label: 'the US node' }), startServe(env.CN, { timeoutMs: 420_000, label: 'the CN node' })]);
    nodes.US = us;
    nodes.CN = cn;
    cnDb = new pg.Client({ connectionString: cnDatabaseUrl });
    await cnDb.connect();
  }, 600_000);

  afterAll(async () => {
    for (const b of [...browsers]) await b.close().catch(() => undefined);
    await cnDb?.end();
    await Promise.all(Object.values(nodes).map((n) => n.stop()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    if (cnDatabaseUrl) {
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${new URL(cnDatabaseUrl).pathname.slice(1)} with (force)`);
      await admin.end();
    }
  }, 120_000);

  it('a group, a round and its agenda planned by the US co-chair on the US node appear on the CN node, where the CN admin appoints the CN co-chair', { timeout: 600_000 }, async () => {
    const usAdmin = await open('US', DEMO_USERS.admin);
    ids.group = await createGroup(usAdmin.page, { name: { en: names.group, zh: `联邦地震学 ${suffix}` }, charter: { en: 'Shared seismic catalogues.', zh: '共享地震目录。' }, area: 'Seismology' });
    await appointCoChair(usAdmin.page, 'US', DEMO_USERS.usCoChair);
    await close(usAdmin);

    const usChair = await open('US', DEMO_USERS.usCoChair);
    await openTrack(usChair.page, ids.group, { en: 'Catalogue exchange', zh: '目录交换' });
    ids.round = await planRound(usChair.page, { title: { en: `Round 1 ${suffix}`, zh: `第一轮 ${suffix}` }, startsAt: '2026-12-10T09:30', place: 'Washington' });
    await openRound(usChair.page, ids.round);
    await addAgendaItem(usChair.page, names.item);
    ids.item = (await usChair.page.locator('[data-testid="agenda-item"]').first().getAttribute('data-item-id')) ?? '';
    expect(ids.item).not.toBe('');
    await close(usChair);

    const cnAdmin = await open('CN', DEMO_USERS.admin);
    // The CN node pulls the US log on its own: the round and its item arrive without anyone asking.
    const itemHere = () =>
      cnAdmin.page.evaluate(async ({ round, item }) => {
        const res = await fetch(`/api/dialogues/rounds/${round}`);
        if (!res.ok) return false;
        return ((await res.json()) as { agenda: { id: string }[] }).agenda.some((i) => i.id === item);
      }, { round: ids.round, item: ids.item });
    await expect.poll(itemHere, { timeout: 120_000, interval: 1_000 }).toBe(true);
    await visit(cnAdmin.page, '/groups');
    await expect(cnAdmin.page.locator(`[data-testid="groups-table"] tr[data-group-id="${ids.group}"]`).innerText()).resolves.toContain(names.group);
    await visit(cnAdmin.page, `/dialogues/groups/${ids.group}`);
    await expect(cnAdmin.page.locator(`tr[data-round-id="${ids.round}"]`).innerText()).resolves.toContain('Washington');
    await openGroup(cnAdmin.page, ids.group);
    await appointCoChair(cnAdmin.page, 'CN', DEMO_USERS.cnCoChair);
    await close(cnAdmin);

  });

  it('the CN co-chair writes the CN position on the CN node; the US co-chair sees it and is told in the inbox', { timeout: 600_000 }, async () => {
    expect(ids.item).not.toBe('');
    const usChairApi = await api('US', DEMO_USERS.usCoChair);
    const usChair = await open('US', DEMO_USERS.usCoChair);
    // The CN co-chair's appointment arrives first: until then the US node has nobody to credit the CN position to.
    const cnChairOnUs = async () => ((await usChairApi.call<{ members: { side: string; role: string }[] }>('GET', `/api/working-groups/${ids.group}`)).members.some((m) => m.side === 'CN' && m.role === 'co_chair'));
    await expect.poll(cnChairOnUs, { timeout: 120_000, interval: 1_000 }).toBe(true);
    await openRound(usChair.page, ids.round);
    await writePosition(usChair.page, 'US', { en: 'Exchange the full catalogue monthly.', zh: '每月交换完整目录。' });
    await close(usChair);

    const cnChairApi = await api('CN', DEMO_USERS.cnCoChair);
    await expect.poll(async () => (await positionsOn(cnChairApi)).some((p) => p.side === 'US'), { timeout: 120_000, interval: 1_000 }).toBe(true);
    const cnChair = await open('CN', DEMO_USERS.cnCoChair);
    await openRound(cnChair.page, ids.round);
    await expect(positionShown(cnChair.page, 'US')).resolves.toMatchObject({ text: expect.stringContaining('Exchange the full catalogue monthly.') as string });
    await writePosition(cnChair.page, 'CN', { en: 'Exchange station metadata first.', zh: '先交换台站元数据。' }, { en: 'Personal data of station staff.', zh: '台站人员的个人数据。' });
    await close(cnChair);

    // On the US node: the CN position, as written on the CN node, and a notice in the US co-chair's inbox.
    await expect.poll(async () => (await positionsOn(usChairApi)).find((p) => p.side === 'CN')?.position.en, { timeout: 120_000, interval: 1_000 }).toBe('Exchange station metadata first.');
    const noticeTitle = `The CN side posted its position on ${names.item.en}`;
    const noticed = async () => (await usChairApi.call<{ items: { kind: string; title: string }[] }>('GET', '/api/inbox?lang=en&limit=100')).items.some((n) => n.kind === 'peer_position' && n.title === noticeTitle);
    await expect.poll(noticed, { timeout: 60_000, interval: 500 }).toBe(true);
    const usChairAgain = await open('US', DEMO_USERS.usCoChair);
    await openRound(usChairAgain.page, ids.round);
    await expect(positionShown(usChairAgain.page, 'CN')).resolves.toMatchObject({ text: expect.stringContaining('Exchange station metadata first.') as string });
    await visit(usChairAgain.page, '/inbox');
    const items = await inboxItems(usChairAgain.page);
    expect(items.filter((n) => n.kind === 'peer_position' && n.title === noticeTitle)).toEqual([{ kind: 'peer_position', title: noticeTitle, read: false }]);
    await close(usChairAgain);
  });

  it('the CN node is stopped mid-round while the US node writes on; once restarted both catch up', { timeout: 900_000 }, async () => {
    await nodes.CN.stop();
    const usAdmin = await open('US', DEMO_USERS.admin);
    await visit(usAdmin.page, '/admin/federation');
    // The US node keeps working alone and says the link is down.
    await expect.poll(() => usAdmin.page.locator('[data-testid="federation-connected"]').getAttribute('data-connected'), { timeout: 90_000, interval: 500 }).toBe('no');

    const usChair = await open('US', DEMO_USERS.usCoChair);
    await openRound(usChair.page, ids.round);
    await writePosition(usChair.page, 'US', { en: 'Exchange the full catalogue monthly, metadata first.', zh: '每月交换完整目录，元数据优先。' });
    await draftMinutes(usChair.page, { body: { en: 'The sides agreed on a catalogue format.', zh: '双方商定了目录格式。' }, decisions: [{ en: 'Exchange catalogues monthly.', zh: '每月交换目录。' }] });
    expect((await approveMinutes(usChair.page, 'US')).approved).toMatchObject({ US: true });
    await close(usChair);

    // The CN node comes back on its database, port and key.
    nodes.CN = await startServe(env.CN, { timeoutMs: 420_000, label: 'the CN node, restarted' });
    const caughtUp = (session: ApiSession) => async () => {
      const s = await session.call<LinkStatus>('GET', '/api/federation/status');
      return { connected: s.peer.connected, lag: s.peer.lag, waiting: s.peer.waiting };
    };
    const [usAdminApi, cnAdminApi] = await Promise.all([api('US', DEMO_USERS.admin), api('CN', DEMO_USERS.admin)]);
    for (const session of [usAdminApi, cnAdminApi]) await expect.poll(caughtUp(session), { timeout: 120_000, interval: 1_000 }).toEqual({ connected: true, lag: 0, waiting: null });
    await expect.poll(() => usAdmin.page.locator('[data-testid="federation-connected"]').getAttribute('data-connected'), { timeout: 60_000, interval: 500 }).toBe('yes');
    await close(usAdmin);

    // What the US co-chair wrote while the CN node was down is on the CN node: the new US position, the minutes and the US approval.
    const cnChair = await open('CN', DEMO_USERS.cnCoChair);
    await openRound(cnChair.page, ids.round);
    await expect(positionShown(cnChair.page, 'US')).resolves.toMatchObject({ text: expect.stringContaining('metadata first') as string });
    await expect(cnChair.page.locator('[data-testid="approval-US"]').getAttribute('data-approved')).resolves.toBe('true');
    ids.minutes = (await cnChair.page.evaluate(async (id) => ((await (await fetch(`/api/dialogues/rounds/${id}`)).json()) as { minutesId: string }).minutesId, ids.round)) ?? '';
    await close(cnChair);
    expect(ids.minutes).not.toBe('');
  });

  it('minutes approved by the CN co-chair on the CN node lock on both with the same record, and the US admin sees it co-signed', { timeout: 900_000 }, async () => {
    expect(ids.minutes).not.toBe('');
    const cnChair = await open('CN', DEMO_USERS.cnCoChair);
    await openRound(cnChair.page, ids.round);
    expect((await approveMinutes(cnChair.page, 'CN')).status).toBe('locked');
    await close(cnChair);

    // Both nodes hold the same group record: the same entries, in the same order, with the same content.
    const [usMember, cnMember] = await Promise.all([api('US', DEMO_USERS.usCoChair), api('CN', DEMO_USERS.cnCoChair)]);
    const recordOf = async (session: ApiSession) =>
      (await session.call<{ items: { kind: string; entityId: string; recordedAt: string; contentHash: string; content: unknown }[] }>('GET', `/api/record?groupId=${ids.group}`)).items.map(({ kind, entityId, recordedAt, contentHash, content }) => ({ kind, entityId, recordedAt, contentHash, content }));
    await expect.poll(async () => (await recordOf(usMember)).length, { timeout: 120_000, interval: 1_000 }).toBeGreaterThan(0);
    const onCn = await recordOf(cnMember);
    expect(onCn.map((e) => e.kind)).toEqual(expect.arrayContaining(['minutes', 'decision']));
    await expect.poll(() => recordOf(usMember), { timeout: 60_000, interval: 1_000 }).toEqual(onCn);

    const usAdmin = await open('US', DEMO_USERS.admin);
    await visit(usAdmin.page, '/admin/federation');
    // Taken by one node, co-signed by the other once its own copy hashes the same; the page refreshes itself.
    const row = usAdmin.page.locator('[data-testid="federation-checkpoints"] tr', { hasText: ids.group.slice(0, 8) }).filter({ hasText: 'Co-signed' });
    await expect.poll(() => row.count(), { timeout: 180_000, interval: 1_000 }).toBeGreaterThan(0);
    await expect(row.first().innerText()).resolves.toMatch(/CN\s*US/);
    await close(usAdmin);
  });

  it('qiao record verify --federated passes on the CN node, then finds a record row edited in its database', { timeout: 600_000 }, async () => {
    const cliEnv = { ...env.CN, QIAO_LOG_LEVEL: 'silent' };
    const before = await qiao(['record', 'verify', '--federated'], cliEnv);
    expect(before, before.stderr).toMatchObject({ code: 0 });
    expect(before.stdout).toMatch(/^record intact: \d+ entries verified against [1-9]\d* checkpoints? co-signed by CN and US/);

    const [decision] = (await cnDb.query<{ seq: string; content: unknown }>(`select seq, content from record_entries where group_id = $1 and kind = 'decision'`, [ids.group])).rows;
    expect(decision).toBeDefined();
    await cnDb.query(`update record_entries set content = jsonb_set(content, '{text,en}', '"Exchange nothing."') where seq = $1`, [decision?.seq]);
    try {
      const after = await qiao(['record', 'verify', '--federated'], cliEnv);
      expect(after.code).toBe(1);
      expect(after.stdout).toMatch(/^record BROKEN/);
      expect(after.stdout.split('\n')).toContainEqual(expect.stringMatching(new RegExp(`^FAIL checkpoint of group ${ids.group} at length \\d+ .*: the group's record was edited or rewritten$`)));
    } finally {
      await cnDb.query('update record_entries set content = $2::jsonb where seq = $1', [decision?.seq, JSON.stringify(decision?.content)]);
    }
  });

  it('shows the US admin a US-side position the CN node sent, refused with its reason, and tells them in the inbox', { timeout: 300_000 }, async () => {
    // Someone with the CN node's database and key appends to its log a position claiming the US side:
    // correctly signed and chained, but the CN node may not speak for the US side.
    const claim = { itemId: ids.item, roundId: ids.round, groupId: ids.group, side: 'US', position: { en: 'Said for the US by the CN node.', zh: '中方节点替美方说的。', enEditedAt: null, zhEditedAt: null }, concerns: null, updatedBy: crypto.randomUUID(), updatedAt: new Date().toISOString(), version: 99 };
    const seq = await appendToCnLog((head) => sealEvent({ origin: 'CN', seq: head.seq + 1, objectType: 'position', objectId: `${ids.item}:US`, op: 'put', payload: claim, prevHash: head.hash }, cnKey));
    const reason = 'a US-side position can only come from the US node, not the CN node';

    const usAdmin = await open('US', DEMO_USERS.admin);
    await visit(usAdmin.page, '/admin/federation');
    const row = usAdmin.page.locator('[data-testid="federation-rejected"] tr', { hasText: reason }).filter({ hasText: String(seq) });
    await expect.poll(() => row.count(), { timeout: 120_000, interval: 1_000 }).toBeGreaterThan(0);
    // Refused, not applied: the US position stays the US co-chair's.
    const usPosition = (await positionsOn(await api('US', DEMO_USERS.usCoChair))).find((p) => p.side === 'US');
    expect(usPosition?.position.en).toBe('Exchange the full catalogue monthly, metadata first.');
    await visit(usAdmin.page, '/inbox');
    const items = await inboxItems(usAdmin.page);
    expect(items).toContainEqual({ kind: 'peer_event_refused', title: `This node refused event ${seq} from the CN node`, read: false });
    await close(usAdmin);
  });

  // Last: the US node never pulls past the forged event, so nothing the CN node writes after it arrives.
  it('shows the US admin the link to the CN node and a forged CN event the US node refused, with its reason', { timeout: 300_000 }, async () => {
    // Someone with the CN database appends an event signed with a key that is not the CN node's.
    const forger = generateKeyPairSync('ed25519').privateKey;
    const itemId = crypto.randomUUID();
    const forgedSeq = await appendToCnLog((head) => sealEvent({ origin: 'CN', seq: head.seq + 1, objectType: 'position', objectId: `${itemId}:CN`, op: 'put', payload: { itemId, position: { en: 'Forged view', zh: '伪造的观点' }, side: 'CN' }, prevHash: head.hash }, forger));

    const browser = await open('US', DEMO_USERS.admin);
    const { page } = browser;
    await page.locator('[data-testid="nav-federation"]').click();
    await page.waitForURL('**/admin/federation');
    await expect.poll(() => page.locator('[data-testid="federation-connected"]').getAttribute('data-connected'), { timeout: 60_000, interval: 500 }).toBe('yes');
    await expect(page.locator('[data-testid="federation-link"]').innerText()).resolves.toContain(nodes.CN.baseUrl);
    // The initial sync the node ran when it first started with its peer settings, as the API states it.
    const status = await page.evaluate(async () => (await (await fetch('/api/federation/status')).json()) as { resync?: { sent: number; fingerprint: string } });
    expect(status.resync?.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    await expect(page.locator('[data-testid="federation-resync"]').innerText()).resolves.toContain(status.resync!.fingerprint);
    // The section of changes that lost to a concurrent one (none in this journey).
    await page.locator('#federation-conflicts').waitFor();
    await expect(page.locator('section[aria-labelledby="federation-conflicts"]').innerText()).resolves.toContain('No concurrent changes.');

    // The reason the US node gave, as its API states it, is on the page in the row of the forged event.
    const refusal = async () => {
      const body = await page.evaluate(async () => (await (await fetch('/api/federation/rejected')).json()) as { items: { origin: string; seq: number; reason: string }[] });
      return body.items.find((r) => r.origin === 'CN' && r.seq === forgedSeq);
    };
    await expect.poll(refusal, { timeout: 60_000, interval: 500 }).toBeDefined();
    const forged = await refusal();
    expect(forged?.reason).toBe("signature does not verify with the peer's key");
    const row = page.locator('[data-testid="federation-rejected"] tr', { hasText: forged?.reason ?? '' }).filter({ hasText: String(forgedSeq) });
    await expect.poll(() => row.count(), { timeout: 30_000, interval: 500 }).toBeGreaterThan(0);

    // The page reads in Chinese too.
    await switchLanguage(page, 'zh');
    await expect(page.locator('h1').innerText()).resolves.toBe('联邦节点');
    await expect(page.locator('[data-testid="federation-connected"]').innerText()).resolves.toBe('已连接');
    await close(browser);
  });

  /** Appends one event to the CN node's outbound log, moving its head as the node's own writers do; returns its seq. */
  async function appendToCnLog(seal: (head: { seq: number; hash: string }) => ReturnType<typeof sealEvent>): Promise<number> {
    await cnDb.query('begin');
    try {
      const head = (await cnDb.query<{ seq: string; hash: string }>('select seq, hash from federation_head where id = 1 for update')).rows[0];
      if (!head) throw new Error('no federation_head row on the CN node');
      const e = seal({ seq: Number(head.seq), hash: head.hash });
      await cnDb.query('insert into federation_events (seq, object_type, object_id, op, payload, prev_hash, hash, signature) values ($1, $2, $3, $4, $5, $6, $7, $8)', [e.seq, e.objectType, e.objectId, e.op, e.payload, e.prevHash, e.hash, e.signature]);
      await cnDb.query('update federation_head set seq = $1, hash = $2 where id = 1', [e.seq, e.hash]);
      await cnDb.query('commit');
      return e.seq;
    } catch (err) {
      await cnDb.query('rollback');
      throw err;
    }
  }
});
