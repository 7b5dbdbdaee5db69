import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, Project } from '@qiao/contracts';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { freePort } from '../../testing/net.ts';
import { datasets, datasetFiles, datasetVersions, downloadLog } from '../datasets/dataset.schema.ts';
import { groupInput } from '../groups/group.fixtures.ts';
import { projects } from '../projects/project.schema.ts';
import { users } from '../users/user.schema.ts';
import { applyPeerEvent } from './federation.apply.ts';
import { loadOrCreateNodeKey } from './federation.keys.ts';
import { federationWithheld } from './federation.projects.schema.ts';
import { federationPeerEvents, federationPeerState } from './federation.schema.ts';
import { everything, rows } from './federation.testing.ts';

interface Person {
  id: string;
  email: string;
  csrf: string;
  headers: Record<string, string>;
}

type Side = 'US' | 'CN';
interface Node {
  side: Side;
  db: Database;
  t: TestApp;
  dir: string;
  people: Record<'admin' | 'chair' | 'member' | 'officer' | 'steward', Person>;
}

const [pglite, postgres] = dbTargets();
const cnTarget = postgres && !postgres.skip ? postgres : pglite;

async function person(t: TestApp, role: Parameters<TestApp['signInAs']>[0][number], side: string): Promise<Person> {
  const { session, headers } = await t.signInAs([role], side);
  return { id: session.user.id, email: session.user.email, csrf: session.csrfToken, headers };
}

async function call<T = unknown>(n: Node, who: Person, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object | string, headers: Record<string, string> = {}): Promise<{ status: number; body: T; raw: string }> {
  const res = await n.t.app.inject({ method, url, headers: { ...who.headers, ...headers }, ...(payload !== undefined ? { payload } : {}) });
  return { status: res.statusCode, body: (res.headers['content-type']?.toString().includes('json') ? res.json() : null) as T, raw: res.body };
}

async function ok<T = unknown>(n: Node, who: Person, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object): Promise<T> {
  const res = await call<T>(n, who, method, url, payload);
  if (res.status >= 300) throw new Error(`${method} ${url} on the ${n.side} node: ${res.status} ${res.raw}`);
  return res.body;
}

const US_CN_CONDITIONS = { categories: [{ category: 'personal-health', subjects: 20000, cumulativeSinceJan1: true }], us: { transaction: 'vendor-agreement' } };
const PROHIBITED_US_CN = { categories: [{ category: 'human-genomic', subjects: 5000 }], us: { transaction: 'vendor-agreement' } };
const PERMITTED_US_CN = { categories: [{ category: 'human-genomic', subjects: 5000 }], us: { transaction: 'vendor-agreement', exemption: 'us-government-funded' } };
const PROHIBITED_CN_US = { kinds: ['hgr-information'], cn: { exporterForeignControlled: true } };
const PERMITTED_CN_US = { kinds: ['hgr-information'] };

function datasetBody(side: Side, over: Record<string, unknown> = {}) {
  return {
    title: { en: `Air quality stations (${side})`, zh: `空气质量站点（${side}）` },
    description: { en: 'Hourly PM2.5 readings.', zh: '每小时PM2.5读数。' },
    creators: [{ name: side === 'US' ? 'Avery Quill-Hartwell' : 'Zhang Haoran', affiliation: 'Institute', side }],
    subjects: ['air quality'],
    licence: 'CC-BY-4.0',
    accessLevel: 'on_request',
    side,
    dataDeclaration: {},
    ...over,
  };
}

// The US node on embedded PGlite, the CN node on PostgreSQL where the run has one (else PGlite too).
describe(`projects, reviews and the dataset catalogue across nodes: US on pglite, CN on ${cnTarget?.name ?? 'pglite'}`, () => {
  const nodes = {} as Record<Side, Node>;
  const ids = { group: '', project: '', dataset: '', guarded: '', cnGuarded: '' };
  const orgs: Record<string, { id: string; name: string }> = {};
  let rogue: Person;
  let fileBytes = '';

  const pull = (side: Side) => nodes[side].t.services.federation!.pullOnce();
  const rejected = async (side: Side) => (await ok<{ items: { origin: string; seq: number; reason: string }[] }>(nodes[side], nodes[side].people.admin, 'GET', '/api/federation/rejected')).items;

  beforeAll(async () => {
    const dirs = { US: mkdtempSync(path.join(tmpdir(), 'qiao-us-')), CN: mkdtempSync(path.join(tmpdir(), 'qiao-cn-')) };
    const keys = { US: loadOrCreateNodeKey(path.join(dirs.US, 'node-key.pem')), CN: loadOrCreateNodeKey(path.join(dirs.CN, 'node-key.pem')) };
    const ports = { US: await freePort(), CN: await freePort() };
    for (const [side, target] of [
      ['US', pglite],
      ['CN', cnTarget],
    ] as const) {
      const peer = side === 'US' ? 'CN' : 'US';
      const db = await target!.open();
      const t = await buildTestApp(db, { QIAO_DATA_DIR: dirs[side], QIAO_NODE_SIDE: side, QIAO_PEER_URL: `http://127.0.0.1:${ports[peer]}`, QIAO_PEER_PUBLIC_KEY: keys[peer].publicKeyBase64, QIAO_FEDERATION_PULL_MS: '0' });
      await t.app.listen({ port: ports[side], host: '127.0.0.1' });
      nodes[side] = {
        side,
        db,
        t,
        dir: dirs[side],
        people: { admin: await person(t, 'admin', side), chair: await person(t, 'co_chair', side), member: await person(t, 'member', side), officer: await person(t, 'compliance_officer', side), steward: await person(t, 'data_steward', side) },
      };
    }
    // A CN-side compliance officer who has an account on the US node: what they write there is not the CN node's word.
    rogue = await person(nodes.US.t, 'compliance_officer', 'CN');

    // The group, its co-chairs and members, each side admitting its own people on its own node.
    const { US: us, CN: cn } = nodes;
    ids.group = (await ok<{ id: string }>(us, us.people.admin, 'POST', '/api/working-groups', groupInput)).id;
    await ok(us, us.people.admin, 'POST', `/api/working-groups/${ids.group}/co-chairs`, { userId: us.people.chair.id });
    const usJoin = await ok<{ id: string }>(us, us.people.member, 'POST', `/api/working-groups/${ids.group}/join-requests`, {});
    await ok(us, us.people.chair, 'POST', `/api/working-groups/${ids.group}/join-requests/${usJoin.id}/decision`, { decision: 'approve' });
    expect(await pull('CN')).toMatchObject({ refused: [], waiting: null });
    await ok(cn, cn.people.admin, 'POST', `/api/working-groups/${ids.group}/co-chairs`, { userId: cn.people.chair.id });
    expect(await pull('US')).toMatchObject({ refused: [], waiting: null });

    // The parties of the proposal are in the US node's directory only.
    for (const [key, name, side] of [
      ['us', 'Northfield Polytechnic of Ohio', 'US'],
      ['cn', 'Qingling Coastal Research Academy', 'CN'],
    ] as const) {
      orgs[key] = { id: (await us.t.services.parties.createOrganization(null, { names: [{ lang: 'en', value: name }], side, country: side, kind: 'university' })).id, name };
    }
  }, 180_000);
  afterAll(async () => {
    for (const n of Object.values(nodes)) {
      await n.t.close().catch(() => undefined);
      await n.db.close();
    }
  }, 60_000);

  it('replicates a proposal submitted on the US node to the CN node with its flags’ summary, not the screening results or evidence', async () => {
    const { US: us, CN: cn } = nodes;
    const created = await ok<Project>(us, us.people.member, 'POST', '/api/projects', {
      groupId: ids.group,
      title: { en: 'Maternal nutrition cohort', zh: '孕产妇营养队列' },
      abstract: { en: 'A cohort study of iron supplementation in pregnancy.', zh: '孕期补铁的队列研究。' },
      technologyArea: 'maternal nutrition',
      parties: [
        { partyId: orgs.us!.id, kind: 'organization', role: 'lead' },
        { partyId: orgs.cn!.id, kind: 'organization', role: 'partner' },
      ],
      dataPlan: [
        { direction: 'US-CN', description: 'Cohort records', dataset: US_CN_CONDITIONS },
        { direction: 'CN-US', description: 'Cohort records', dataset: US_CN_CONDITIONS },
      ],
      budget: [{ side: 'US', item: 'Field work', amount: 1000, currency: 'USD' }],
    });
    ids.project = created.id;
    const submitted = await ok<Project>(us, us.people.member, 'POST', `/api/projects/${ids.project}/transitions`, { action: 'submit', reason: '', version: created.version });
    expect(submitted.checks?.flags.map((f) => f.side).sort()).toEqual(['CN', 'US']);
    expect(submitted.checks?.screening).toHaveLength(2);

    expect(await pull('CN')).toMatchObject({ rejected: [], refused: [], waiting: null });
    const onCn = await ok<Project>(cn, cn.people.officer, 'GET', `/api/projects/${ids.project}`);
    expect(onCn).toMatchObject({ status: 'submitted', version: submitted.version, title: submitted.title, dataPlan: submitted.dataPlan, budget: submitted.budget, pendingReviewSides: ['US', 'CN'] });
    // The flags' summary: who must look, how hard, and what, in both languages; never the evidence.
    expect(onCn.checks?.flags).toEqual(submitted.checks?.flags.map((f) => ({ ...f, evidence: null })));
    expect(onCn.checks?.runAt).toBe(submitted.checks?.runAt);
    expect(onCn.checks?.screening).toEqual([]);
    // The proposer is there as the minimal profile.
    const [proposer] = await cn.db.db.select().from(users).where(eq(users.id, us.people.member.id));
    expect(proposer).toMatchObject({ side: 'US', email: `${us.people.member.id}@us.peer.invalid`, passwordHash: '!' });
    // A proposal is changed only on the node it was proposed on.
    const edit = await call<{ error: { id: string; message: string } }>(cn, cn.people.chair, 'POST', `/api/projects/${ids.project}/transitions`, { action: 'reject', reason: 'Not on this node, please.', version: onCn.version });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toBe('this project is owned by the US node: reject it there');
    expect((await ok<Project>(cn, cn.people.officer, 'GET', `/api/projects/${ids.project}`)).status).toBe('submitted');
  });

  it('brings the CN review written on the CN node to the US node, which takes the project under review as the CN node did', async () => {
    const { US: us, CN: cn } = nodes;
    const reviewed = await ok<Project>(cn, cn.people.officer, 'POST', `/api/projects/${ids.project}/reviews`, { side: 'CN', decision: 'cleared', reason: 'Data flows comply with the CAC filing.' });
    expect(reviewed.status).toBe('under_review');
    expect(await pull('US')).toMatchObject({ accepted: 1, applied: 1, rejected: [], refused: [], waiting: null });
    const onUs = await ok<Project>(us, us.people.chair, 'GET', `/api/projects/${ids.project}`);
    expect(onUs).toMatchObject({ status: 'under_review', version: reviewed.version, pendingReviewSides: ['US'] });
    expect(onUs.reviews).toEqual([{ side: 'CN', decision: 'cleared', reason: 'Data flows comply with the CAC filing.', reviewer: `${cn.people.officer.id}@cn.peer.invalid`, at: reviewed.reviews[0]!.at, checksRunAt: reviewed.checks!.runAt }]);

    // The US officer's review on the US node goes the other way, with the proposal.
    const usReviewed = await ok<Project>(us, us.people.officer, 'POST', `/api/projects/${ids.project}/reviews`, { side: 'US', decision: 'cleared', reason: 'Covered by the vendor security terms.' });
    expect(await pull('CN')).toMatchObject({ rejected: [], refused: [], waiting: null });
    const onCn = await ok<Project>(cn, cn.people.chair, 'GET', `/api/projects/${ids.project}`);
    expect(onCn).toMatchObject({ status: 'under_review', version: usReviewed.version, pendingReviewSides: [] });
    expect(onCn.reviews.map((r) => [r.side, r.decision, r.reviewer])).toEqual([
      ['CN', 'cleared', cn.people.officer.email],
      ['US', 'cleared', `${us.people.officer.id}@us.peer.invalid`],
    ]);

    // Each co-chair signs off on their own node: both nodes approve.
    await ok(cn, cn.people.chair, 'POST', `/api/projects/${ids.project}/transitions`, { action: 'approve', reason: '', version: onCn.version });
    expect(await pull('US')).toMatchObject({ applied: 1, refused: [] });
    const usNow = await ok<Project>(us, us.people.chair, 'GET', `/api/projects/${ids.project}`);
    const last = await ok<Project>(us, us.people.chair, 'POST', `/api/projects/${ids.project}/transitions`, { action: 'approve', reason: '', version: usNow.version });
    expect(last.status).toBe('approved');
    expect(await pull('CN')).toMatchObject({ rejected: [], refused: [] });
    const both = await Promise.all([us, cn].map((n) => ok<Project>(n, n.people.chair, 'GET', `/api/projects/${ids.project}`)));
    expect(both.map((p) => [p.status, p.version, p.signOffs.map((s) => s.side)])).toEqual([
      ['approved', last.version, ['CN', 'US']],
      ['approved', last.version, ['CN', 'US']],
    ]);
  });

  it('refuses a CN-side review sent by the US node, lists it for admins, and keeps the CN node’s own review', async () => {
    const { US: us, CN: cn } = nodes;
    // A second proposal, submitted; a CN officer with an account on the US node blocks it there.
    const p = await ok<Project>(us, us.people.member, 'POST', '/api/projects', {
      groupId: ids.group,
      title: { en: 'Cohort follow-up', zh: '队列随访' },
      abstract: { en: 'Follow-up of the cohort.', zh: '队列随访研究。' },
      technologyArea: 'maternal nutrition',
      parties: [
        { partyId: orgs.us!.id, kind: 'organization', role: 'lead' },
        { partyId: orgs.cn!.id, kind: 'organization', role: 'partner' },
      ],
      dataPlan: [{ direction: 'CN-US', description: 'Records', dataset: US_CN_CONDITIONS }],
    });
    await ok(us, us.people.member, 'POST', `/api/projects/${p.id}/transitions`, { action: 'submit', reason: '', version: p.version });
    expect(await pull('CN')).toMatchObject({ rejected: [], refused: [] });
    await ok(cn, cn.people.officer, 'POST', `/api/projects/${p.id}/reviews`, { side: 'CN', decision: 'cleared', reason: 'Reviewed on the CN node.' });
    expect(await pull('US')).toMatchObject({ refused: [] });
    await ok(us, rogue, 'POST', `/api/projects/${p.id}/reviews`, { side: 'CN', decision: 'blocked', reason: 'Said for the CN side on the US node.' });

    const onCn = await pull('CN');
    const reason = 'a CN-side review of a project can only come from the CN node, not the US node';
    expect(onCn.rejected).toEqual([{ seq: expect.any(Number) as number, reason }]);
    expect(await rejected('CN')).toEqual(expect.arrayContaining([expect.objectContaining({ origin: 'US', reason })]));
    // The proposal that came with it is applied, but the CN review stays the CN node's own.
    const there = await ok<Project>(cn, cn.people.officer, 'GET', `/api/projects/${p.id}`);
    expect(there.reviews.map((r) => [r.side, r.decision, r.reviewer])).toEqual([['CN', 'cleared', cn.people.officer.email]]);
    // The rogue officer never reached the CN node, not even as a profile.
    expect(await cn.db.db.select().from(users).where(eq(users.id, rogue.id))).toEqual([]);
  });

  it('replicates a catalogue entry without its versions, files or download log', async () => {
    const { US: us, CN: cn } = nodes;
    const ds = await ok<Dataset>(us, us.people.steward, 'POST', '/api/datasets', datasetBody('US'));
    ids.dataset = ds.id;
    fileBytes = `station,pm25\nstation-${Date.now()}-north,12\n`;
    const up = await call(us, us.people.steward, 'PUT', `/api/datasets/${ds.id}/versions/1/files/readings.csv`, fileBytes, { 'content-type': 'application/octet-stream' });
    expect(up.status, up.raw).toBe(200);
    await ok(us, us.people.steward, 'POST', `/api/datasets/${ds.id}/versions/1/publish`, {});
    const [file] = await us.db.db.select().from(datasetFiles).innerJoin(datasetVersions, eq(datasetVersions.id, datasetFiles.versionId)).where(eq(datasetVersions.datasetId, ds.id));
    const down = await call(us, us.people.steward, 'GET', `/api/datasets/${ds.id}/files/${file!.dataset_files.id}`);
    expect(down.raw).toBe(fileBytes);
    expect(await us.db.db.select().from(downloadLog).where(eq(downloadLog.datasetId, ds.id))).toHaveLength(1);

    expect(await pull('CN')).toMatchObject({ rejected: [], refused: [], waiting: null });
    const onCn = await ok<Dataset>(cn, cn.people.member, 'GET', `/api/datasets/${ds.id}`);
    expect(onCn).toMatchObject({ id: ds.id, side: 'US', title: ds.title, description: ds.description, creators: ds.creators, accessLevel: 'on_request', version: ds.version, latestVersion: 0 });
    expect(onCn.stewardId).toBe(us.people.steward.id);
    expect(await cn.db.db.select().from(datasetVersions).where(eq(datasetVersions.datasetId, ds.id))).toEqual([]);
    expect(await cn.db.db.select().from(downloadLog)).toEqual([]);
    expect(readdirSync(cn.dir, { recursive: true }).map(String).filter((f) => f.includes(file!.dataset_files.sha256))).toEqual([]);
    // Its stewards act on the US node; asking for its files is done there too.
    const ask = await call<{ error: { message: string } }>(cn, cn.people.member, 'POST', `/api/datasets/${ds.id}/access-requests`, { purpose: 'Comparison with CN stations' });
    expect([ask.status, ask.body.error.message]).toEqual([409, 'this dataset is owned by the US node: ask for access to its files there']);

    // A change of the entry follows it.
    await ok(us, us.people.steward, 'PATCH', `/api/datasets/${ds.id}`, { subjects: ['air quality', 'PM2.5'], version: ds.version });
    expect(await pull('CN')).toMatchObject({ applied: 1, refused: [] });
    expect((await ok<Dataset>(cn, cn.people.member, 'GET', `/api/datasets/${ds.id}`)).subjects).toEqual(['air quality', 'PM2.5']);
  });

  it('withholds an entry the US transfer review prohibits, and releases it when a later review permits it', async () => {
    const { US: us, CN: cn } = nodes;
    const ds = await ok<Dataset>(us, us.people.steward, 'POST', '/api/datasets', datasetBody('US', { title: { en: 'Exome panel of the Ohio cohort', zh: '俄亥俄队列外显子组' }, dataDeclaration: PROHIBITED_US_CN }));
    ids.guarded = ds.id;
    // Another that stays prohibited: nothing of it but the stub ever reaches the CN node.
    const never = await ok<Dataset>(us, us.people.steward, 'POST', '/api/datasets', datasetBody('US', { title: { en: 'Genome panel of the Ohio cohort', zh: '俄亥俄队列基因组' }, creators: [{ name: 'Marisol Okonkwo-Brandt', affiliation: 'Ohio', side: 'US' }], dataDeclaration: PROHIBITED_US_CN }));
    expect(await pull('CN')).toMatchObject({ applied: 2, refused: [] });
    expect((await call(cn, cn.people.member, 'GET', `/api/datasets/${never.id}`)).status).toBe(404);
    expect((await call(cn, cn.people.member, 'GET', `/api/datasets/${ds.id}`)).status).toBe(404);
    expect(await cn.db.db.select().from(datasets).where(eq(datasets.id, ds.id))).toEqual([]);
    // What the CN node has is the stub: withheld, and why.
    const [stub] = await cn.db.db.select().from(federationWithheld).where(eq(federationWithheld.objectId, ds.id));
    expect(stub).toMatchObject({ objectType: 'dataset', exporter: 'US', direction: 'US-CN', verdict: 'prohibited', stub: { id: ds.id, side: 'US', withheld: true, transfer: { verdict: 'prohibited', findings: [{ id: 'us-dsp-omic-prohibited' }] } } });
    expect(JSON.stringify(stub)).not.toContain('Ohio cohort');
    expect(JSON.stringify(stub)).not.toContain('Avery Quill-Hartwell');
    expect(JSON.stringify(stub)).not.toContain(us.people.steward.id);
    const [kept] = await us.db.db.select().from(federationWithheld).where(eq(federationWithheld.objectId, ds.id));
    expect(kept).toMatchObject({ exporter: 'US', verdict: 'prohibited' });
    // Admins of both nodes see what was held back and why; nobody else does.
    type Listed = { items: { objectId: string; exporter: string; verdict: string; reasonEn: string; withheldBy: string }[] };
    const listed = async (n: Node) => (await ok<Listed>(n, n.people.admin, 'GET', '/api/federation/withheld')).items.find((i) => i.objectId === ds.id);
    expect(await listed(us)).toMatchObject({ exporter: 'US', verdict: 'prohibited', withheldBy: 'this node', reasonEn: expect.stringMatching(/^Prohibited under US Data Security Program/) as string });
    expect(await listed(cn)).toMatchObject({ exporter: 'US', verdict: 'prohibited', withheldBy: 'the peer' });
    expect((await call(cn, cn.people.member, 'GET', '/api/federation/withheld')).status).toBe(403);

    // The steward records the exemption: the review permits it, the entry crosses.
    await ok(us, us.people.steward, 'PATCH', `/api/datasets/${ds.id}`, { dataDeclaration: PERMITTED_US_CN, version: ds.version });
    expect(await pull('CN')).toMatchObject({ applied: 1, refused: [] });
    expect(await ok<Dataset>(cn, cn.people.member, 'GET', `/api/datasets/${ds.id}`)).toMatchObject({ title: ds.title, creators: ds.creators, version: ds.version + 1 });
    expect(await cn.db.db.select().from(federationWithheld).where(eq(federationWithheld.objectId, ds.id))).toEqual([]);
    expect(await us.db.db.select().from(federationWithheld).where(eq(federationWithheld.objectId, ds.id))).toEqual([]);

    // Prohibited again: the CN node's copy goes, the stub is back.
    await ok(us, us.people.steward, 'PATCH', `/api/datasets/${ds.id}`, { dataDeclaration: PROHIBITED_US_CN, version: ds.version + 1 });
    expect(await pull('CN')).toMatchObject({ applied: 1, refused: [] });
    expect((await call(cn, cn.people.member, 'GET', `/api/datasets/${ds.id}`)).status).toBe(404);
    expect(await cn.db.db.select({ verdict: federationWithheld.verdict }).from(federationWithheld).where(eq(federationWithheld.objectId, ds.id))).toEqual([{ verdict: 'prohibited' }]);
  });

  it('withholds a CN entry China’s rules prohibit from the US node, and releases it when permitted', async () => {
    const { US: us, CN: cn } = nodes;
    const ds = await ok<Dataset>(cn, cn.people.steward, 'POST', '/api/datasets', datasetBody('CN', { dataDeclaration: PROHIBITED_CN_US }));
    ids.cnGuarded = ds.id;
    expect(await pull('US')).toMatchObject({ applied: 1, refused: [] });
    expect((await call(us, us.people.member, 'GET', `/api/datasets/${ds.id}`)).status).toBe(404);
    const [stub] = await us.db.db.select().from(federationWithheld).where(eq(federationWithheld.objectId, ds.id));
    expect(stub).toMatchObject({ exporter: 'CN', direction: 'CN-US', verdict: 'prohibited', stub: { transfer: { findings: [{ id: 'cn-hgr-foreign-party-prohibited' }] } } });
    await ok(cn, cn.people.steward, 'PATCH', `/api/datasets/${ds.id}`, { dataDeclaration: PERMITTED_CN_US, version: ds.version });
    expect(await pull('US')).toMatchObject({ applied: 1, refused: [] });
    expect(await ok<Dataset>(us, us.people.member, 'GET', `/api/datasets/${ds.id}`)).toMatchObject({ side: 'CN', creators: ds.creators });
    expect(await us.db.db.select().from(federationWithheld).where(eq(federationWithheld.objectId, ds.id))).toEqual([]);
  });

  it('refuses a catalogue entry of a CN-side dataset sent by the US node', async () => {
    const { US: us, CN: cn } = nodes;
    // An admin of the US node describes a CN-side dataset there: only the CN node speaks for CN data.
    const ds = await ok<Dataset>(us, us.people.admin, 'POST', '/api/datasets', datasetBody('CN', { title: { en: 'Said for the CN side', zh: '替中方说的' } }));
    const onCn = await pull('CN');
    const reason = "a catalogue entry of a CN-side dataset can only come from the CN node (its steward's side), not the US node";
    expect(onCn.rejected).toEqual([{ seq: expect.any(Number) as number, reason }]);
    expect((await call(cn, cn.people.member, 'GET', `/api/datasets/${ds.id}`)).status).toBe(404);
  });

  it('refuses correctly signed events that speak for the CN node’s own proposal, its side’s reviews or its dataset, and changes nothing', async () => {
    const { US: us, CN: cn } = nodes;
    // A proposal of the CN node, and its entry on the catalogue, both on the US node too.
    const p = await ok<Project>(cn, cn.people.chair, 'POST', '/api/projects', { groupId: ids.group, title: { en: 'Coastal sensors', zh: '海岸传感器' }, abstract: { en: 'Sensor network.', zh: '传感器网络。' }, technologyArea: 'oceanography' });
    expect(await pull('US')).toMatchObject({ refused: [], rejected: [] });
    const [cnProject] = await cn.db.db.select().from(projects).where(eq(projects.id, p.id));
    const cnProjectOnUs = await ok<Project>(us, us.people.chair, 'GET', `/api/projects/${p.id}`);
    expect(cnProjectOnUs.title).toEqual(p.title);
    // The US node's log then carries, correctly signed: the CN proposal rewritten; a US part of the
    // project holding a CN review; the entry of the CN node's seismic catalogue claimed as US data.
    const cnDataset = await ok<Dataset>(cn, cn.people.steward, 'POST', '/api/datasets', datasetBody('CN'));
    const forged = await us.db.db.transaction(async (tx) => {
      const fed = us.t.services.federation!;
      const proposal = await fed.emit(tx, { objectType: 'project', objectId: p.id, op: 'put', payload: { ...cnProjectOnUs, title: { en: 'Rewritten by the US node', zh: '美方改写', enEditedAt: null, zhEditedAt: null }, version: 99 } });
      const part = await fed.emit(tx, { objectType: 'project_side', objectId: `${p.id}:US`, op: 'put', payload: { projectId: p.id, side: 'US', reviews: [{ side: 'CN', decision: 'blocked', reason: 'Claimed for the CN side.', reviewer: null, at: new Date().toISOString(), checksRunAt: 'x' }], signOffs: [] } });
      const entry = await fed.emit(tx, { objectType: 'dataset', objectId: cnDataset.id, op: 'put', payload: { ...datasetBody('US', { title: { en: 'Claimed', zh: '冒认', enEditedAt: null, zhEditedAt: null } }), id: cnDataset.id, version: 99, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() } });
      return { proposal: proposal.seq, part: part.seq, entry: entry.seq };
    });
    const onCn = await pull('CN');
    expect(onCn.rejected).toEqual([]);
    expect(onCn.refused).toEqual([
      { seq: forged.proposal, reason: `project ${p.id} was proposed on the CN node; only that node sends its proposal` },
      { seq: forged.part, reason: `the US side's part of project ${p.id} carries another side's review or sign-off` },
      { seq: forged.entry, reason: `dataset ${cnDataset.id} is a CN-side dataset on this node; the US node cannot change it` },
    ]);
    expect(await rejected('CN')).toEqual(expect.arrayContaining([expect.objectContaining({ origin: 'US', seq: forged.entry })]));
    const [after] = await cn.db.db.select().from(projects).where(eq(projects.id, p.id));
    expect(after).toEqual(cnProject);
    expect(await ok<Dataset>(cn, cn.people.member, 'GET', `/api/datasets/${cnDataset.id}`)).toMatchObject({ title: cnDataset.title, version: cnDataset.version });
  });

  it('treats re-delivered events as no-ops', async () => {
    const { CN: cn } = nodes;
    const snapshot = async () =>
      JSON.stringify(
        await cn.db.db.execute(
          sql`select (select json_agg(t order by t.id) from projects t) p, (select json_agg(t order by t.id) from datasets t) d, (select json_agg(t order by t.object_id) from federation_withheld t) w, (select count(*) from users) u`,
        ),
      );
    const before = await snapshot();
    const events = await cn.db.db.select().from(federationPeerEvents).orderBy(asc(federationPeerEvents.seq));
    const ours = events.filter((e) => ['project', 'project_side', 'dataset'].includes(e.objectType) && e.outcome === 'applied');
    expect(ours.length).toBeGreaterThan(8);
    for (const e of ours) {
      const out = await cn.db.db.transaction((tx) => applyPeerEvent(tx, { ...e, origin: 'US' }, new Date()));
      expect([e.seq, e.objectType, out.kind]).toEqual([e.seq, e.objectType, 'noop']);
    }
    await cn.db.db.update(federationPeerState).set({ lastSeq: 0, lastHash: '0'.repeat(64), appliedSeq: 0 });
    expect(await pull('CN')).toMatchObject({ waiting: null });
    expect(await snapshot()).toBe(before);
  });

  it('lets nothing secret cross: e-mail addresses, sessions, audit log, screening results, files and download logs stay home', async () => {
    const { US: us, CN: cn } = nodes;
    const onCn = await everything(cn.db);
    const onUs = await everything(us.db);
    const usSecrets = [
      ...Object.values(us.people).map((p) => p.email),
      rogue.email,
      // Sessions (the table keeps each session's CSRF token).
      ...Object.values(us.people).map((p) => p.csrf),
      // Screening results of the parties (names and statuses live in the US node's checks and directory).
      orgs.us!.name,
      orgs.cn!.name,
      // The file's content address (its bytes are not in any table), and the download log naming who fetched it.
      createHash('sha256').update(fileBytes).digest('hex'),
      // The withheld entry's title and its creators' names.
      'Genome panel of the Ohio cohort',
      'Marisol Okonkwo-Brandt',
    ];
    for (const secret of usSecrets) {
      expect(onUs.includes(secret), `the US node holds ${secret}`).toBe(true);
      expect(onCn.includes(secret), `the CN node holds ${secret}`).toBe(false);
    }
    // The US node's audit log names what the US people did; none of its rows is on the CN node.
    const usIds = sql.join(
      Object.values(us.people).map((p) => sql`${p.id}::uuid`),
      sql`, `,
    );
    expect((await rows<{ n: number }>(us.db, sql`select count(*)::int n from audit_log where actor_id in (${usIds})`))[0]?.n).toBeGreaterThan(0);
    expect((await rows<{ n: number }>(cn.db, sql`select count(*)::int n from audit_log where actor_id in (${usIds})`))[0]?.n).toBe(0);
    const [project] = await cn.db.db.select().from(projects).where(eq(projects.id, ids.project));
    expect(project?.checks?.flags.every((f) => f.evidence === null)).toBe(true);

    // The file's bytes are in the US node's file store only.
    const marker = fileBytes.split('\n')[1]!;
    const holds = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && readFileSync(path.join(f.parentPath, f.name), 'utf8').includes(marker)).length;
    expect(holds(us.dir)).toBe(1);
    expect(holds(cn.dir)).toBe(0);
    expect(onCn.includes(marker)).toBe(false);

    for (const secret of [...Object.values(cn.people).map((p) => p.email), ...Object.values(cn.people).map((p) => p.csrf)]) {
      expect(onCn.includes(secret)).toBe(true);
      expect(onUs.includes(secret), `the US node holds ${secret}`).toBe(false);
    }
  });
});
