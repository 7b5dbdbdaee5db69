import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, Project } from '@qiao/contracts';
import { datasets, datasetFiles, datasetVersions, downloadLog } from '../datasets/dataset.schema.ts';
import { groupInput } from '../groups/group.fixtures.ts';
import { projects } from '../projects/project.schema.ts';
import { users } from '../users/user.schema.ts';
import { applyPeerEvent } from './federation.apply.ts';
import { federationWithheld } from './federation.projects.schema.ts';
import { federationPeerEvents, federationPeerState } from './federation.schema.ts';
import { call, cnEngine, everything, type Person, pull, rejectedOn, req, rows, signIn, startTwoNodes, stopTwoNodes, type Side, type TestNode, type TwoNodes } from './federation.testing.ts';

type Node = TestNode<'officer' | 'steward'>;
/** Everyone signed in on a node at the start. */
const peopleOf = (n: Node): Person[] => [n.admin, n.chair, n.member, n.officer, n.steward];

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
describe(`projects, reviews and the dataset catalogue across nodes: US on pglite, CN on ${cnEngine}`, () => {
  let nodes: TwoNodes<'officer' | 'steward'>;
  const ids = { group: '', project: '', dataset: '', guarded: '', cnGuarded: '' };
  const orgs: Record<string, { id: string; name: string }> = {};
  let rogue: Person;
  let fileBytes = '';

  beforeAll(async () => {
    nodes = await startTwoNodes({ extraPeople: { officer: 'compliance_officer', steward: 'data_steward' } });
    // A CN-side compliance officer who has an account on the US node: what they write there is not the CN node's word.
    rogue = await signIn(nodes.US.t, ['compliance_officer'], 'CN');

    // The group, its co-chairs and members, each side admitting its own people on its own node.
    const { US: us, CN: cn } = nodes;
    ids.group = (await req<{ id: string }>(us, us.admin, 'POST', '/api/working-groups', groupInput)).id;
    await req(us, us.admin, 'POST', `/api/working-groups/${ids.group}/co-chairs`, { userId: us.chair.id });
    const usJoin = await req<{ id: string }>(us, us.member, 'POST', `/api/working-groups/${ids.group}/join-requests`, {});
    await req(us, us.chair, 'POST', `/api/working-groups/${ids.group}/join-requests/${usJoin.id}/decision`, { decision: 'approve' });
    expect(await pull(nodes.CN)).toMatchObject({ refused: [], waiting: null });
    await req(cn, cn.admin, 'POST', `/api/working-groups/${ids.group}/co-chairs`, { userId: cn.chair.id });
    expect(await pull(nodes.US)).toMatchObject({ refused: [], waiting: null });

    // The parties of the proposal are in the US node's directory only.
    for (const [key, name, side] of [
      ['us', 'Northfield Polytechnic of Ohio', 'US'],
      ['cn', 'Qingling Coastal Research Academy', 'CN'],
    ] as const) {
      orgs[key] = { id: (await us.t.services.parties.createOrganization(null, { names: [{ lang: 'en', value: name }], side, country: side, kind: 'university' })).id, name };
    }
  }, 180_000);
  afterAll(async () => {
    await stopTwoNodes(nodes);
  }, 60_000);

  it('replicates a proposal submitted on the US node to the CN node with its flags’ summary, not the screening results or evidence', async () => {
    const { US: us, CN: cn } = nodes;
    const created = await req<Project>(us, us.member, 'POST', '/api/projects', {
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
    const submitted = await req<Project>(us, us.member, 'POST', `/api/projects/${ids.project}/transitions`, { action: 'submit', reason: '', version: created.version });
    expect(submitted.checks?.flags.map((f) => f.side).sort()).toEqual(['CN', 'US']);
    expect(submitted.checks?.screening).toHaveLength(2);

    expect(await pull(nodes.CN)).toMatchObject({ rejected: [], refused: [], waiting: null });
    const onCn = await req<Project>(cn, cn.officer, 'GET', `/api/projects/${ids.project}`);
    expect(onCn).toMatchObject({ status: 'submitted', version: submitted.version, title: submitted.title, dataPlan: submitted.dataPlan, budget: submitted.budget, pendingReviewSides: ['US', 'CN'] });
    // The flags' summary: who must look, how hard, and what, in both languages; never the evidence.
    expect(onCn.checks?.flags).toEqual(submitted.checks?.flags.map((f) => ({ ...f, evidence: null })));
    expect(onCn.checks?.runAt).toBe(submitted.checks?.runAt);
    expect(onCn.checks?.screening).toEqual([]);
    // The proposer is there as the minimal profile.
    const [proposer] = await cn.db.db.select().from(users).where(eq(users.id, us.member.id));
    expect(proposer).toMatchObject({ side: 'US', email: `${us.member.id}@us.peer.invalid`, passwordHash: '!' });
    // A proposal is changed only on the node it was proposed on.
    const edit = await call<{ error: { id: string; message: string } }>(cn, cn.chair, 'POST', `/api/projects/${ids.project}/transitions`, { action: 'reject', reason: 'Not on this node, please.', version: onCn.version });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toBe('this project is owned by the US node: reject it there');
    expect((await req<Project>(cn, cn.officer, 'GET', `/api/projects/${ids.project}`)).status).toBe('submitted');
  });

  it('brings the CN review written on the CN node to the US node, which takes the project under review as the CN node did', async () => {
    const { US: us, CN: cn } = nodes;
    const reviewed = await req<Project>(cn, cn.officer, 'POST', `/api/projects/${ids.project}/reviews`, { side: 'CN', decision: 'cleared', reason: 'Data flows comply with the CAC filing.' });
    expect(reviewed.status).toBe('under_review');
    expect(await pull(nodes.US)).toMatchObject({ accepted: 1, applied: 1, rejected: [], refused: [], waiting: null });
    const onUs = await req<Project>(us, us.chair, 'GET', `/api/projects/${ids.project}`);
    expect(onUs).toMatchObject({ status: 'under_review', version: reviewed.version, pendingReviewSides: ['US'] });
    expect(onUs.reviews).toEqual([{ side: 'CN', decision: 'cleared', reason: 'Data flows comply with the CAC filing.', reviewer: `${cn.officer.id}@cn.peer.invalid`, at: reviewed.reviews[0]!.at, checksRunAt: reviewed.checks!.runAt }]);

    // The US officer's review on the US node goes the other way, with the proposal.
    const usReviewed = await req<Project>(us, us.officer, 'POST', `/api/projects/${ids.project}/reviews`, { side: 'US', decision: 'cleared', reason: 'Covered by the vendor security terms.' });
    expect(await pull(nodes.CN)).toMatchObject({ rejected: [], refused: [], waiting: null });
    const onCn = await req<Project>(cn, cn.chair, 'GET', `/api/projects/${ids.project}`);
    expect(onCn).toMatchObject({ status: 'under_review', version: usReviewed.version, pendingReviewSides: [] });
    expect(onCn.reviews.map((r) => [r.side, r.decision, r.reviewer])).toEqual([
      ['CN', 'cleared', cn.officer.email],
      ['US', 'cleared', `${us.officer.id}@us.peer.invalid`],
    ]);

    // Each co-chair signs off on their own node: both nodes approve.
    await req(cn, cn.chair, 'POST', `/api/projects/${ids.project}/transitions`, { action: 'approve', reason: '', version: onCn.version });
    expect(await pull(nodes.US)).toMatchObject({ applied: 1, refused: [] });
    const usNow = await req<Project>(us, us.chair, 'GET', `/api/projects/${ids.project}`);
    const last = await req<Project>(us, us.chair, 'POST', `/api/projects/${ids.project}/transitions`, { action: 'approve', reason: '', version: usNow.version });
    expect(last.status).toBe('approved');
    expect(await pull(nodes.CN)).toMatchObject({ rejected: [], refused: [] });
    const both = await Promise.all([us, cn].map((n) => req<Project>(n, n.chair, 'GET', `/api/projects/${ids.project}`)));
    expect(both.map((p) => [p.status, p.version, p.signOffs.map((s) => s.side)])).toEqual([
      ['approved', last.version, ['CN', 'US']],
      ['approved', last.version, ['CN', 'US']],
    ]);
  });

  it('refuses a CN-side review sent by the US node, lists it for admins, and keeps the CN node’s own review', async () => {
    const { US: us, CN: cn } = nodes;
    // A second proposal, submitted; a CN officer with an account on the US node blocks it there.
    const p = await req<Project>(us, us.member, 'POST', '/api/projects', {
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
    await req(us, us.member, 'POST', `/api/projects/${p.id}/transitions`, { action: 'submit', reason: '', version: p.version });
    expect(await pull(nodes.CN)).toMatchObject({ rejected: [], refused: [] });
    await req(cn, cn.officer, 'POST', `/api/projects/${p.id}/reviews`, { side: 'CN', decision: 'cleared', reason: 'Reviewed on the CN node.' });
    expect(await pull(nodes.US)).toMatchObject({ refused: [] });
    await req(us, rogue, 'POST', `/api/projects/${p.id}/reviews`, { side: 'CN', decision: 'blocked', reason: 'Said for the CN side on the US node.' });

    const onCn = await pull(nodes.CN);
    const reason = 'a CN-side review of a project can only come from the CN node, not the US node';
    expect(onCn.rejected).toEqual([{ seq: expect.any(Number) as number, reason }]);
    expect(await rejectedOn(nodes.CN)).toEqual(expect.arrayContaining([expect.objectContaining({ origin: 'US', reason })]));
    // The proposal that came with it is applied, but the CN review stays the CN node's own.
    const there = await req<Project>(cn, cn.officer, 'GET', `/api/projects/${p.id}`);
    expect(there.reviews.map((r) => [r.side, r.decision, r.reviewer])).toEqual([['CN', 'cleared', cn.officer.email]]);
    // The rogue officer never reached the CN node, not even as a profile.
    expect(await cn.db.db.select().from(users).where(eq(users.id, rogue.id))).toEqual([]);
  });

  it('replicates a catalogue entry without its versions, files or download log', async () => {
    const { US: us, CN: cn } = nodes;
    const ds = await req<Dataset>(us, us.steward, 'POST', '/api/datasets', datasetBody('US'));
    ids.dataset = ds.id;
    fileBytes = `station,pm25\nstation-${Date.now()}-north,12\n`;
    const up = await call(us, us.steward, 'PUT', `/api/datasets/${ds.id}/versions/1/files/readings.csv`, fileBytes, { 'content-type': 'application/octet-stream' });
    expect(up.status, up.raw).toBe(200);
    await req(us, us.steward, 'POST', `/api/datasets/${ds.id}/versions/1/publish`, {});
    const [file] = await us.db.db.select().from(datasetFiles).innerJoin(datasetVersions, eq(datasetVersions.id, datasetFiles.versionId)).where(eq(datasetVersions.datasetId, ds.id));
    const down = await call(us, us.steward, 'GET', `/api/datasets/${ds.id}/files/${file!.dataset_files.id}`);
    expect(down.raw).toBe(fileBytes);
    expect(await us.db.db.select().from(downloadLog).where(eq(downloadLog.datasetId, ds.id))).toHaveLength(1);

    expect(await pull(nodes.CN)).toMatchObject({ rejected: [], refused: [], waiting: null });
    const onCn = await req<Dataset>(cn, cn.member, 'GET', `/api/datasets/${ds.id}`);
    expect(onCn).toMatchObject({ id: ds.id, side: 'US', title: ds.title, description: ds.description, creators: ds.creators, accessLevel: 'on_request', version: ds.version, latestVersion: 0 });
    expect(onCn.stewardId).toBe(us.steward.id);
    expect(await cn.db.db.select().from(datasetVersions).where(eq(datasetVersions.datasetId, ds.id))).toEqual([]);
    expect(await cn.db.db.select().from(downloadLog)).toEqual([]);
    expect(readdirSync(cn.dir, { recursive: true }).map(String).filter((f) => f.includes(file!.dataset_files.sha256))).toEqual([]);
    // Its stewards act on the US node; asking for its files is done there too.
    const ask = await call<{ error: { message: string } }>(cn, cn.member, 'POST', `/api/datasets/${ds.id}/access-requests`, { purpose: 'Comparison with CN stations' });
    expect([ask.status, ask.body.error.message]).toEqual([409, 'this dataset is owned by the US node: ask for access to its files there']);

    // A change of the entry follows it.
    await req(us, us.steward, 'PATCH', `/api/datasets/${ds.id}`, { subjects: ['air quality', 'PM2.5'], version: ds.version });
    expect(await pull(nodes.CN)).toMatchObject({ applied: 1, refused: [] });
    expect((await req<Dataset>(cn, cn.member, 'GET', `/api/datasets/${ds.id}`)).subjects).toEqual(['air quality', 'PM2.5']);
  });

  it('withholds an entry the US transfer review prohibits, and releases it when a later review permits it', async () => {
    const { US: us, CN: cn } = nodes;
    const ds = await req<Dataset>(us, us.steward, 'POST', '/api/datasets', datasetBody('US', { title: { en: 'Exome panel of the Ohio cohort', zh: '俄亥俄队列外显子组' }, dataDeclaration: PROHIBITED_US_CN }));
    ids.guarded = ds.id;
    // Another that stays prohibited: nothing of it but the stub ever reaches the CN node.
    const never = await req<Dataset>(us, us.steward, 'POST', '/api/datasets', datasetBody('US', { title: { en: 'Genome panel of the Ohio cohort', zh: '俄亥俄队列基因组' }, creators: [{ name: 'Marisol Okonkwo-Brandt', affiliation: 'Ohio', side: 'US' }], dataDeclaration: PROHIBITED_US_CN }));
    expect(await pull(nodes.CN)).toMatchObject({ applied: 2, refused: [] });
    expect((await call(cn, cn.member, 'GET', `/api/datasets/${never.id}`)).status).toBe(404);
    expect((await call(cn, cn.member, 'GET', `/api/datasets/${ds.id}`)).status).toBe(404);
    expect(await cn.db.db.select().from(datasets).where(eq(datasets.id, ds.id))).toEqual([]);
    // What the CN node has is the stub: withheld, and why.
    const [stub] = await cn.db.db.select().from(federationWithheld).where(eq(federationWithheld.objectId, ds.id));
    expect(stub).toMatchObject({ objectType: 'dataset', exporter: 'US', direction: 'US-CN', verdict: 'prohibited', stub: { id: ds.id, side: 'US', withheld: true, transfer: { verdict: 'prohibited', findings: [{ id: 'us-dsp-omic-prohibited' }] } } });
    expect(JSON.stringify(stub)).not.toContain('Ohio cohort');
    expect(JSON.stringify(stub)).not.toContain('Avery Quill-Hartwell');
    expect(JSON.stringify(stub)).not.toContain(us.steward.id);
    const [kept] = await us.db.db.select().from(federationWithheld).where(eq(federationWithheld.objectId, ds.id));
    expect(kept).toMatchObject({ exporter: 'US', verdict: 'prohibited' });
    // Admins of both nodes see what was held back and why; nobody else does.
    type Listed = { items: { objectId: string; exporter: string; verdict: string; reasonEn: string; withheldBy: string }[] };
    const listed = async (n: Node) => (await req<Listed>(n, n.admin, 'GET', '/api/federation/withheld')).items.find((i) => i.objectId === ds.id);
    expect(await listed(us)).toMatchObject({ exporter: 'US', verdict: 'prohibited', withheldBy: 'this node', reasonEn: expect.stringMatching(/^Prohibited under US Data Security Program/) as string });
    expect(await listed(cn)).toMatchObject({ exporter: 'US', verdict: 'prohibited', withheldBy: 'the peer' });
    expect((await call(cn, cn.member, 'GET', '/api/federation/withheld')).status).toBe(403);

    // The steward records the exemption: the review permits it, the entry crosses.
    await req(us, us.steward, 'PATCH', `/api/datasets/${ds.id}`, { dataDeclaration: PERMITTED_US_CN, version: ds.version });
    expect(await pull(nodes.CN)).toMatchObject({ applied: 1, refused: [] });
    expect(await req<Dataset>(cn, cn.member, 'GET', `/api/datasets/${ds.id}`)).toMatchObject({ title: ds.title, creators: ds.creators, version: ds.version + 1 });
    expect(await cn.db.db.select().from(federationWithheld).where(eq(federationWithheld.objectId, ds.id))).toEqual([]);
    expect(await us.db.db.select().from(federationWithheld).where(eq(federationWithheld.objectId, ds.id))).toEqual([]);

    // Prohibited again: the CN node's copy goes, the stub is back.
    await req(us, us.steward, 'PATCH', `/api/datasets/${ds.id}`, { dataDeclaration: PROHIBITED_US_CN, version: ds.version + 1 });
    expect(await pull(nodes.CN)).toMatchObject({ applied: 1, refused: [] });
    expect((await call(cn, cn.member, 'GET', `/api/datasets/${ds.id}`)).status).toBe(404);
    expect(await cn.db.db.select({ verdict: federationWithheld.verdict }).from(federationWithheld).where(eq(federationWithheld.objectId, ds.id))).toEqual([{ verdict: 'prohibited' }]);
  });

  it('withholds a CN entry China’s rules prohibit from the US node, and releases it when permitted', async () => {
    const { US: us, CN: cn } = nodes;
    const ds = await req<Dataset>(cn, cn.steward, 'POST', '/api/datasets', datasetBody('CN', { dataDeclaration: PROHIBITED_CN_US }));
    ids.cnGuarded = ds.id;
    expect(await pull(nodes.US)).toMatchObject({ applied: 1, refused: [] });
    expect((await call(us, us.member, 'GET', `/api/datasets/${ds.id}`)).status).toBe(404);
    const [stub] = await us.db.db.select().from(federationWithheld).where(eq(federationWithheld.objectId, ds.id));
    expect(stub).toMatchObject({ exporter: 'CN', direction: 'CN-US', verdict: 'prohibited', stub: { transfer: { findings: [{ id: 'cn-hgr-foreign-party-prohibited' }] } } });
    await req(cn, cn.steward, 'PATCH', `/api/datasets/${ds.id}`, { dataDeclaration: PERMITTED_CN_US, version: ds.version });
    expect(await pull(nodes.US)).toMatchObject({ applied: 1, refused: [] });
    expect(await req<Dataset>(us, us.member, 'GET', `/api/datasets/${ds.id}`)).toMatchObject({ side: 'CN', creators: ds.creators });
    expect(await us.db.db.select().from(federationWithheld).where(eq(federationWithheld.objectId, ds.id))).toEqual([]);
  });

  it('refuses a catalogue entry of a CN-side dataset sent by the US node', async () => {
    const { US: us, CN: cn } = nodes;
    // An admin of the US node describes a CN-side dataset there: only the CN node speaks for CN data.
    const ds = await req<Dataset>(us, us.admin, 'POST', '/api/datasets', datasetBody('CN', { title: { en: 'Said for the CN side', zh: '替中方说的' } }));
    const onCn = await pull(nodes.CN);
    const reason = "a catalogue entry of a CN-side dataset can only come from the CN node (its steward's side), not the US node";
    expect(onCn.rejected).toEqual([{ seq: expect.any(Number) as number, reason }]);
    expect((await call(cn, cn.member, 'GET', `/api/datasets/${ds.id}`)).status).toBe(404);
  });

  it('refuses correctly signed events that speak for the CN node’s own proposal, its side’s reviews or its dataset, and changes nothing', async () => {
    const { US: us, CN: cn } = nodes;
    // A proposal of the CN node, and its entry on the catalogue, both on the US node too.
    const p = await req<Project>(cn, cn.chair, 'POST', '/api/projects', { groupId: ids.group, title: { en: 'Coastal sensors', zh: '海岸传感器' }, abstract: { en: 'Sensor network.', zh: '传感器网络。' }, technologyArea: 'oceanography' });
    expect(await pull(nodes.US)).toMatchObject({ refused: [], rejected: [] });
    const [cnProject] = await cn.db.db.select().from(projects).where(eq(projects.id, p.id));
    const cnProjectOnUs = await req<Project>(us, us.chair, 'GET', `/api/projects/${p.id}`);
    expect(cnProjectOnUs.title).toEqual(p.title);
    // The US node's log then carries, correctly signed: the CN proposal rewritten; a US part of the
    // project holding a CN review; the entry of the CN node's seismic catalogue claimed as US data.
    const cnDataset = await req<Dataset>(cn, cn.steward, 'POST', '/api/datasets', datasetBody('CN'));
    const forged = await us.db.db.transaction(async (tx) => {
      const fed = us.t.services.federation!;
      const proposal = await fed.emit(tx, { objectType: 'project', objectId: p.id, op: 'put', payload: { ...cnProjectOnUs, title: { en: 'Rewritten by the US node', zh: '美方改写', enEditedAt: null, zhEditedAt: null }, version: 99 } });
      const part = await fed.emit(tx, { objectType: 'project_side', objectId: `${p.id}:US`, op: 'put', payload: { projectId: p.id, side: 'US', reviews: [{ side: 'CN', decision: 'blocked', reason: 'Claimed for the CN side.', reviewer: null, at: new Date().toISOString(), checksRunAt: 'x' }], signOffs: [] } });
      const entry = await fed.emit(tx, { objectType: 'dataset', objectId: cnDataset.id, op: 'put', payload: { ...datasetBody('US', { title: { en: 'Claimed', zh: '冒认', enEditedAt: null, zhEditedAt: null } }), id: cnDataset.id, version: 99, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() } });
      return { proposal: proposal.seq, part: part.seq, entry: entry.seq };
    });
    const onCn = await pull(nodes.CN);
    expect(onCn.rejected).toEqual([]);
    expect(onCn.refused).toEqual([
      { seq: forged.proposal, reason: `project ${p.id} was proposed on the CN node; only that node sends its proposal` },
      { seq: forged.part, reason: `the US side's part of project ${p.id} carries another side's review or sign-off` },
      { seq: forged.entry, reason: `dataset ${cnDataset.id} is a CN-side dataset on this node; the US node cannot change it` },
    ]);
    expect(await rejectedOn(nodes.CN)).toEqual(expect.arrayContaining([expect.objectContaining({ origin: 'US', seq: forged.entry })]));
    const [after] = await cn.db.db.select().from(projects).where(eq(projects.id, p.id));
    expect(after).toEqual(cnProject);
    expect(await req<Dataset>(cn, cn.member, 'GET', `/api/datasets/${cnDataset.id}`)).toMatchObject({ title: cnDataset.title, version: cnDataset.version });
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
    expect(await pull(nodes.CN)).toMatchObject({ waiting: null });
    expect(await snapshot()).toBe(before);
  });

  it('lets nothing secret cross: e-mail addresses, sessions, audit log, screening results, files and download logs stay home', async () => {
    const { US: us, CN: cn } = nodes;
    const onCn = await everything(cn.db);
    const onUs = await everything(us.db);
    const usSecrets = [
      ...peopleOf(us).map((p) => p.email),
      rogue.email,
      // Sessions (the table keeps each session's CSRF token).
      ...peopleOf(us).map((p) => p.csrf),
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
    // The parties cross with the proposal as the US directory names them, so the CN reviewers see who they
    // are; the US node's directory rows and the parties' screening results (statuses, hits) do not.
    const shown = await req<Project>(cn, cn.officer, 'GET', `/api/projects/${ids.project}`);
    expect(shown.parties.map((r) => [r.name, r.side, r.screeningStatus])).toEqual([
      [orgs.us!.name, 'US', null],
      [orgs.cn!.name, 'CN', null],
    ]);
    expect(await rows(cn.db, sql`select id from organizations where id in (${orgs.us!.id}::uuid, ${orgs.cn!.id}::uuid) union all select party_id from screening_party_screenings where party_id in (${orgs.us!.id}::uuid, ${orgs.cn!.id}::uuid) union all select party_id from screening_party_hits where party_id in (${orgs.us!.id}::uuid, ${orgs.cn!.id}::uuid)`)).toEqual([]);
    expect(await rows(us.db, sql`select party_id from screening_party_screenings where party_id in (${orgs.us!.id}::uuid, ${orgs.cn!.id}::uuid)`)).toHaveLength(2);
    // The US node's audit log names what the US people did; none of its rows is on the CN node.
    const usIds = sql.join(
      peopleOf(us).map((p) => sql`${p.id}::uuid`),
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

    for (const secret of [...peopleOf(cn).map((p) => p.email), ...peopleOf(cn).map((p) => p.csrf)]) {
      expect(onCn.includes(secret)).toBe(true);
      expect(onUs.includes(secret), `the US node holds ${secret}`).toBe(false);
    }
  });
});
