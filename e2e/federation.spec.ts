// Two nodes, one per side: a US node on embedded PGlite and a CN node on PostgreSQL, each a real
// `qiao serve` on its own port with its own key, pulling the other's signed log. A group and round
// planned on the US node appear on the CN node; minutes approved by each co-chair on its own node
// lock on both and the group's record checkpoint is co-signed; the US admin sees the link and a
// forged CN event the US node refused, with its reason, on the federation page.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventSigningInput } from '../apps/server/src/modules/federation/federation.events.ts';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { appointCoChair, approveMinutes, createGroup, draftMinutes, openGroup, openRound, openTrack, planRound } from './helpers/groups.ts';
import { signIn, switchLanguage, visit } from './helpers/ui.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// The PostgreSQL server of the DB suites: TEST_DATABASE_URL, or the local one they default to.
const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface NodeProcess {
  side: 'US' | 'CN';
  url: string;
  child: ChildProcess;
  output: () => string;
}

function startNode(side: 'US' | 'CN', env: NodeJS.ProcessEnv): NodeProcess {
  let output = '';
  const child = spawn(process.execPath, ['apps/cli/bin/qiao.js', 'serve'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return { side, url: `http://127.0.0.1:${env.PORT ?? ''}`, child, output: () => output };
}

async function waitForHealth(node: NodeProcess): Promise<void> {
  const deadline = Date.now() + 420_000;
  while (Date.now() < deadline) {
    if (node.child.exitCode !== null) throw new Error(`the ${node.side} node exited with ${node.child.exitCode}:\n${node.output()}`);
    try {
      if ((await fetch(`${node.url}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the ${node.side} node did not answer /api/health:\n${node.output()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** An Ed25519 key file for a node, and its raw public key in base64 as the peer configures it. */
function nodeKey(dir: string): { file: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const file = path.join(dir, 'node-key.pem');
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return { file, publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64') };
}

describe('two nodes, one per side', () => {
  const dirs: string[] = [];
  const nodes: NodeProcess[] = [];
  let cnDatabaseUrl = '';
  let cnDb: pg.Client;
  let browser: Browser | null = null;
  const us = () => nodes[0] as NodeProcess;
  const cn = () => nodes[1] as NodeProcess;
  const ids = { group: '', round: '' };

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
    const ports = { US: await freePort(), CN: await freePort() };
    const base: NodeJS.ProcessEnv = { ...process.env, QIAO_LOG_LEVEL: 'warn', QIAO_SIGNIN_LIMIT: '40', QIAO_FEDERATION_PULL_MS: '500' };
    delete base.DATABASE_URL;
    nodes.push(
      startNode('US', { ...base, PORT: String(ports.US), QIAO_DATA_DIR: usDir, QIAO_NODE_SIDE: 'US', QIAO_NODE_KEY_FILE: keys.US.file, QIAO_PEER_URL: `http://127.0.0.1:${ports.CN}`, QIAO_PEER_PUBLIC_KEY: keys.CN.publicKey }),
      startNode('CN', { ...base, PORT: String(ports.CN), QIAO_DATA_DIR: cnDir, DATABASE_URL: cnDatabaseUrl, QIAO_NODE_SIDE: 'CN', QIAO_NODE_KEY_FILE: keys.CN.file, QIAO_PEER_URL: `http://127.0.0.1:${ports.US}`, QIAO_PEER_PUBLIC_KEY: keys.US.publicKey }),
    );
    await Promise.all(nodes.map(waitForHealth));
    cnDb = new pg.Client({ connectionString: cnDatabaseUrl });
    await cnDb.connect();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await cnDb?.end();
    await Promise.all(nodes.map((n) => stop(n.child)));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    if (cnDatabaseUrl) {
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${new URL(cnDatabaseUrl).pathname.slice(1)} with (force)`);
      await admin.end();
    }
  }, 120_000);

  it('a group and a round planned by the US co-chair on the US node appear on the CN node', { timeout: 600_000 }, async () => {
    const suffix = Date.now().toString(36);
    const groupName = `Federated seismology ${suffix}`;
    let groupId = '';
    let roundId = '';
    const usAdmin = await openBrowser(us().url);
    try {
      await signIn(usAdmin.page, DEMO_USERS.admin);
      groupId = await createGroup(usAdmin.page, { name: { en: groupName, zh: `联邦地震学 ${suffix}` }, charter: { en: 'Shared seismic catalogues.', zh: '共享地震目录。' }, area: 'Seismology' });
      await appointCoChair(usAdmin.page, 'US', DEMO_USERS.usCoChair);
    } finally {
      await usAdmin.close();
    }
    const usChair = await openBrowser(us().url);
    try {
      await signIn(usChair.page, DEMO_USERS.usCoChair);
      await openTrack(usChair.page, groupId, { en: 'Catalogue exchange', zh: '目录交换' });
      roundId = await planRound(usChair.page, { title: { en: `Round 1 ${suffix}`, zh: `第一轮 ${suffix}` }, startsAt: '2026-12-10T09:30', place: 'Washington' });
    } finally {
      await usChair.close();
    }

    const cnAdmin = await openBrowser(cn().url);
    try {
      await signIn(cnAdmin.page, DEMO_USERS.admin);
      // The CN node pulls the US log on its own: the round arrives without anyone asking for it.
      const status = () => cnAdmin.page.evaluate(async (id) => (await fetch(`/api/dialogues/rounds/${id}`)).status, roundId);
      await expect.poll(status, { timeout: 120_000, interval: 1_000 }).toBe(200);
      await visit(cnAdmin.page, '/groups');
      await expect(cnAdmin.page.locator(`[data-testid="groups-table"] tr[data-group-id="${groupId}"]`).innerText()).resolves.toContain(groupName);
      await visit(cnAdmin.page, `/dialogues/groups/${groupId}`);
      await expect(cnAdmin.page.locator(`tr[data-round-id="${roundId}"]`).innerText()).resolves.toContain('Washington');
    } finally {
      await cnAdmin.close();
    }
    ids.group = groupId;
    ids.round = roundId;
  });

  it('minutes approved by each co-chair on its own node lock on both, and the US admin sees the group’s record checkpoint co-signed', { timeout: 900_000 }, async () => {
    expect(ids.round).not.toBe('');
    const cnAdmin = await openBrowser(cn().url);
    try {
      await signIn(cnAdmin.page, DEMO_USERS.admin);
      await openGroup(cnAdmin.page, ids.group);
      await appointCoChair(cnAdmin.page, 'CN', DEMO_USERS.cnCoChair);
    } finally {
      await cnAdmin.close();
    }
    const usChair = await openBrowser(us().url);
    try {
      await signIn(usChair.page, DEMO_USERS.usCoChair);
      const cnChairHere = () =>
        usChair.page.evaluate(async (id) => ((await (await fetch(`/api/working-groups/${id}`)).json()) as { members: { side: string; role: string }[] }).members.some((m) => m.side === 'CN' && m.role === 'co_chair'), ids.group);
      await expect.poll(cnChairHere, { timeout: 120_000, interval: 1_000 }).toBe(true);
      await openRound(usChair.page, ids.round);
      await draftMinutes(usChair.page, { body: { en: 'The sides agreed on a catalogue format.', zh: '双方商定了目录格式。' }, decisions: [{ en: 'Exchange catalogues monthly.', zh: '每月交换目录。' }] });
      expect((await approveMinutes(usChair.page, 'US')).approved).toMatchObject({ US: true });
    } finally {
      await usChair.close();
    }
    const cnChair = await openBrowser(cn().url);
    try {
      await signIn(cnChair.page, DEMO_USERS.cnCoChair);
      // The draft and the US approval arrive on the CN node with its pulls.
      const usApproved = () =>
        cnChair.page.evaluate(async (id) => {
          const round = (await (await fetch(`/api/dialogues/rounds/${id}`)).json()) as { minutesId: string | null };
          if (!round.minutesId) return false;
          const minutes = (await (await fetch(`/api/dialogues/minutes/${round.minutesId}`)).json()) as { approvals?: { side: string }[] };
          return (minutes.approvals ?? []).some((a) => a.side === 'US');
        }, ids.round);
      await expect.poll(usApproved, { timeout: 120_000, interval: 1_000 }).toBe(true);
      await openRound(cnChair.page, ids.round);
      expect((await approveMinutes(cnChair.page, 'CN')).status).toBe('locked');
    } finally {
      await cnChair.close();
    }
    const usAdmin = await openBrowser(us().url);
    try {
      await signIn(usAdmin.page, DEMO_USERS.admin);
      await visit(usAdmin.page, '/admin/federation');
      // Taken by one node, co-signed by the other once its own copy hashes the same; the page refreshes itself.
      const row = usAdmin.page.locator('[data-testid="federation-checkpoints"] tr', { hasText: ids.group.slice(0, 8) }).filter({ hasText: 'Co-signed' });
      await expect.poll(() => row.count(), { timeout: 180_000, interval: 1_000 }).toBeGreaterThan(0);
      await expect(row.first().innerText()).resolves.toMatch(/CN\s*US/);
    } finally {
      await usAdmin.close();
    }
  });

  // Last: the US node never pulls past the forged event, so nothing the CN node writes after it arrives.
  it('shows the US admin the link to the CN node and a forged CN event the US node refused, with its reason', { timeout: 300_000 }, async () => {
    // Someone with the CN database appends an event to the CN log, signed with a key that is not the
    // CN node's; the head moves with it, as the node's own writers would move it.
    const forger = generateKeyPairSync('ed25519').privateKey;
    const itemId = crypto.randomUUID();
    const forgedSeq = await (async () => {
      await cnDb.query('begin');
      try {
        const head = (await cnDb.query<{ seq: string; hash: string }>('select seq, hash from federation_head where id = 1 for update')).rows[0];
        if (!head) throw new Error('no federation_head row on the CN node');
        const seq = Number(head.seq) + 1;
        const payload = JSON.stringify({ itemId, position: { en: 'Forged view', zh: '伪造的观点' }, side: 'CN' });
        const unsigned = { v: 1 as const, origin: 'CN' as const, seq, objectType: 'position', objectId: `${itemId}:CN`, op: 'put', payload, prevHash: head.hash };
        const input = eventSigningInput(unsigned);
        const hash = createHash('sha256').update(input).digest('hex');
        await cnDb.query('insert into federation_events (seq, object_type, object_id, op, payload, prev_hash, hash, signature) values ($1, $2, $3, $4, $5, $6, $7, $8)', [
          seq,
          unsigned.objectType,
          unsigned.objectId,
          unsigned.op,
          payload,
          unsigned.prevHash,
          hash,
          sign(null, input, forger).toString('base64'),
        ]);
        await cnDb.query('update federation_head set seq = $1, hash = $2 where id = 1', [seq, hash]);
        await cnDb.query('commit');
        return seq;
      } catch (err) {
        await cnDb.query('rollback');
        throw err;
      }
    })();

    browser = await openBrowser(us().url);
    const { page } = browser;
    await signIn(page, DEMO_USERS.admin);
    await page.locator('[data-testid="nav-federation"]').click();
    await page.waitForURL('**/admin/federation');
    await expect.poll(() => page.locator('[data-testid="federation-connected"]').getAttribute('data-connected'), { timeout: 60_000, interval: 500 }).toBe('yes');
    await expect(page.locator('[data-testid="federation-link"]').innerText()).resolves.toContain(nodes[1]?.url ?? '');

    // The reason the US node gave, as its API states it, is on the page in the row of the forged event.
    const refusal = async () => {
      const body = await page.evaluate(async () => (await (await fetch('/api/federation/rejected')).json()) as { items: { origin: string; seq: number; reason: string }[] });
      return body.items.find((r) => r.origin === 'CN' && r.seq === forgedSeq);
    };
    await expect.poll(refusal, { timeout: 60_000, interval: 500 }).toBeDefined();
    const forged = await refusal();
    expect(forged?.reason).toMatch(/signature/);
    const row = page.locator('[data-testid="federation-rejected"] tr', { hasText: forged?.reason ?? '' });
    await expect.poll(() => row.count(), { timeout: 30_000, interval: 500 }).toBeGreaterThan(0);
    await expect(row.first().innerText()).resolves.toContain(String(forgedSeq));

    // The page reads in Chinese too.
    await switchLanguage(page, 'zh');
    await expect(page.locator('h1').innerText()).resolves.toBe('联邦节点');
    await expect(page.locator('[data-testid="federation-connected"]').innerText()).resolves.toBe('已连接');
  });
});
