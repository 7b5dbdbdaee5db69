import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, Project } from '@qiao/contracts';
import { datasets } from '../datasets/dataset.schema.ts';
import { groupInput } from '../groups/group.fixtures.ts';
import { projects } from '../projects/project.schema.ts';
import { users } from '../users/user.schema.ts';
import { applyPeerEvent } from './federation.apply.ts';
import { creatorRef } from './federation.people-guard.ts';
import { federationPeopleSent, federationWithheld } from './federation.projects.schema.ts';
import { resyncNode } from './federation.resync.ts';
import { federationEvents, federationPeerEvents } from './federation.schema.ts';
import { cnEngine, everything, withheldOn, type Person, pull, req, restartNode, signIn, startTwoNodes, stopTwoNodes, type TestNode, type TwoNodes } from './federation.testing.ts';


const PLACEHOLDER = 'A CN participant · 一位中方参与者';
/** Each CN person's name, in two scripts: none of it may reach the US node while their profile is withheld. */
const NAMES = {
  chair: ['Wenjing Halvorsen-Qiu', '裘文静'],
  proposer: ['Tarquin Mbeki-Luo', '罗塔昆'],
  officer: ['Ottoline Zhai-Pemberton', '翟奥托琳'],
  steward: ['Leocadia Fenwick-Xu', '徐莱奥卡'],
} as const;
type Role = keyof typeof NAMES;
const fullName = (r: Role) => `${NAMES[r][0]} ${NAMES[r][1]}`;
/** A CN researcher named as a party of the proposal, in the CN node's directory. */
const RESEARCHER = ['Ignatius Wu-Brandvold', '吴伊纳修'] as const;
/** A CN creator of a CN dataset (creators are names, with no account or directory entry). */
const CREATOR = 'Philippa Gao-Ravensworth';
const US_OFFICER = 'Perpetua Okafor-Lindgren';
const PERSONAL_DATA = { categories: [{ category: 'personal-health', subjects: 20000, cumulativeSinceJan1: true }], us: { transaction: 'vendor-agreement' } };

// The people a replicated proposal or catalogue entry names (proposer, reviewers, co-chairs signing
// off, steward) cross only through the exporting side's transfer review, as group members do.
describe(`people named in proposals and catalogue entries through the transfer guard: US on pglite, CN on ${cnEngine}`, () => {
  let nodes: TwoNodes;
  let groupId = '';
  let projectId = '';
  let datasetId = '';
  let researcherId = '';
  let orgIds: string[] = [];
  const cn = {} as Record<Role, Person>;
  let usOfficer: Person;

  const nameOn = async (n: TestNode, id: string) => (await n.db.db.select({ name: users.displayName }).from(users).where(eq(users.id, id)))[0]?.name;
  const sentThisYear = async (n: TestNode) =>
    (await n.db.db.select({ id: federationPeopleSent.personId }).from(federationPeopleSent).where(eq(federationPeopleSent.year, new Date().getUTCFullYear()))).map((r) => r.id).sort();
  const lastEvent = async (n: TestNode, objectType: string, objectId: string) => {
    const [e] = await n.db.db
      .select()
      .from(federationEvents)
      .where(and(eq(federationEvents.objectType, objectType), eq(federationEvents.objectId, objectId)))
      .orderBy(desc(federationEvents.seq))
      .limit(1);
    return JSON.parse(e!.payload) as Record<string, unknown>;
  };

  beforeAll(async () => {
    // The CN operator is a critical information infrastructure operator with no security assessment on record.
    nodes = await startTwoNodes({ dirPrefix: 'qiao-pip-', env: { CN: { QIAO_TRANSFER_CIIO: 'true' } } });
    const { US: us, CN: cnNode } = nodes;
    cn.chair = cnNode.chair;
    cn.proposer = cnNode.member;
    cn.officer = await signIn(cnNode.t, ['compliance_officer'], 'CN');
    cn.steward = await signIn(cnNode.t, ['data_steward'], 'CN');
    usOfficer = await signIn(us.t, ['compliance_officer'], 'US');
    for (const role of Object.keys(NAMES) as Role[]) await cnNode.db.db.update(users).set({ displayName: fullName(role) }).where(eq(users.id, cn[role].id));
    await us.db.db.update(users).set({ displayName: US_OFFICER }).where(eq(users.id, usOfficer.id));

    groupId = (await req<{ id: string }>(us, us.admin, 'POST', '/api/working-groups', groupInput)).id;
    await req(us, us.admin, 'POST', `/api/working-groups/${groupId}/co-chairs`, { userId: us.chair.id });
    expect(await pull(cnNode)).toMatchObject({ refused: [], waiting: null });
    await req(cnNode, cnNode.admin, 'POST', `/api/working-groups/${groupId}/co-chairs`, { userId: cn.chair.id });
    const join = await req<{ id: string }>(cnNode, cn.proposer, 'POST', `/api/working-groups/${groupId}/join-requests`, {});
    await req(cnNode, cn.chair, 'POST', `/api/working-groups/${groupId}/join-requests/${join.id}/decision`, { decision: 'approve' });
    expect(await pull(us)).toMatchObject({ refused: [], waiting: null });
  }, 300_000);
  afterAll(async () => {
    await stopTwoNodes(nodes);
  }, 120_000);

  it('sends the CN proposer, reviewer, co-chair signing off and steward as withheld stubs: no CN name reaches the US node', async () => {
    const { US: us, CN: cnNode } = nodes;
    const parties: { partyId: string; kind: 'organization' | 'person'; role: 'lead' | 'partner' | 'member' }[] = [];
    for (const [name, side] of [
      ['Lakeshore Institute of Marine Science', 'US'],
      ['Minjiang Estuary Research Centre', 'CN'],
    ] as const) {
      parties.push({ partyId: (await cnNode.t.services.parties.createOrganization(null, { names: [{ lang: 'en', value: name }, ...(side === 'CN' ? [{ lang: 'zh-Hans' as const, value: '闽江河口研究中心' }] : [])], side, country: side, kind: 'university' })).id, kind: 'organization', role: parties.length === 0 ? 'partner' : 'lead' });
    }
    // A CN researcher named as a party (a directory entry, not an account): personal data as well.
    researcherId = (await cnNode.t.services.parties.createPerson(null, { names: [{ lang: 'en', value: RESEARCHER[0] }, { lang: 'zh-Hans', value: RESEARCHER[1] }], side: 'CN', affiliationId: null })).id;
    parties.push({ partyId: researcherId, kind: 'person', role: 'member' });
    orgIds = [parties[0]!.partyId, parties[1]!.partyId];
    const created = await req<Project>(cnNode, cn.proposer, 'POST', '/api/projects', {
      groupId,
      title: { en: 'Estuary sediment survey', zh: '河口沉积物调查' },
      abstract: { en: 'Joint sampling of estuary sediments.', zh: '河口沉积物联合采样。' },
      technologyArea: 'marine science',
      parties,
      // Data both ways: each side's review is called for.
      dataPlan: [
        { direction: 'US-CN', description: 'Sediment records', dataset: PERSONAL_DATA },
        { direction: 'CN-US', description: 'Sediment records', dataset: PERSONAL_DATA },
      ],
      budget: [{ side: 'CN', item: 'Field work', amount: 1000, currency: 'CNY' }],
    });
    projectId = created.id;
    await req(cnNode, cn.proposer, 'POST', `/api/projects/${projectId}/transitions`, { action: 'submit', reason: '', version: created.version });
    await req(cnNode, cn.officer, 'POST', `/api/projects/${projectId}/reviews`, { side: 'CN', decision: 'cleared', reason: 'Reviewed on the CN node.' });
    expect(await pull(us)).toMatchObject({ refused: [], waiting: null });
    await req(us, usOfficer, 'POST', `/api/projects/${projectId}/reviews`, { side: 'US', decision: 'cleared', reason: 'Reviewed on the US node.' });
    expect(await pull(cnNode)).toMatchObject({ refused: [], waiting: null });
    const onCn = await req<Project>(cnNode, cn.chair, 'GET', `/api/projects/${projectId}`);
    await req(cnNode, cn.chair, 'POST', `/api/projects/${projectId}/transitions`, { action: 'approve', reason: '', version: onCn.version });
    datasetId = (
      await req<Dataset>(cnNode, cn.steward, 'POST', '/api/datasets', {
        title: { en: 'Estuary sediment cores', zh: '河口沉积物岩芯' },
        description: { en: 'Grain size by depth.', zh: '按深度的粒度。' },
        creators: [{ name: CREATOR, affiliation: 'Minjiang Estuary Research Centre', side: 'CN' }],
        subjects: ['sediments'],
        licence: 'CC-BY-4.0',
        accessLevel: 'on_request',
        side: 'CN',
        dataDeclaration: {},
      })
    ).id;
    expect(await pull(us)).toMatchObject({ refused: [], waiting: null });

    // The proposal, its reviews and sign-off and the catalogue entry are on the US node, naming the CN people by id.
    const [project] = await us.db.db.select().from(projects).where(eq(projects.id, projectId));
    expect(project).toMatchObject({ createdBy: cn.proposer.id, status: 'under_review' });
    expect(project!.reviews.map((r) => [r.side, r.reviewer])).toEqual([
      ['CN', `${cn.officer.id}@cn.peer.invalid`],
      ['US', (await us.db.db.select({ email: users.email }).from(users).where(eq(users.id, usOfficer.id)))[0]!.email],
    ]);
    expect(project!.signOffs.map((s) => [s.side, s.coChair])).toEqual([['CN', `${cn.chair.id}@cn.peer.invalid`]]);
    const [entry] = await us.db.db.select().from(datasets).where(eq(datasets.id, datasetId));
    expect(entry).toMatchObject({ side: 'CN', stewardId: cn.steward.id, creators: [{ name: PLACEHOLDER, affiliation: 'Minjiang Estuary Research Centre', side: 'CN' }] });
    // Each of them under the neutral name only; no part of any name in any table of the US node.
    for (const role of Object.keys(NAMES) as Role[]) expect(await nameOn(us, cn[role].id)).toBe(PLACEHOLDER);
    // The US node shows the parties as the CN directory names them (the directory is not replicated),
    // the researcher under the neutral name.
    const shown = await req<Project>(us, usOfficer, 'GET', `/api/projects/${projectId}`);
    expect(shown.parties.map((r) => [r.partyId, r.kind, r.side, r.name])).toEqual([
      [orgIds[0], 'organization', 'US', 'Lakeshore Institute of Marine Science'],
      [orgIds[1], 'organization', 'CN', 'Minjiang Estuary Research Centre'],
      [researcherId, 'person', 'CN', PLACEHOLDER],
    ]);
    const all = await everything(us.db);
    expect(all).toContain('闽江河口研究中心');
    expect(all).not.toContain(CREATOR);
    expect(all).not.toContain('Ravensworth');
    for (const [en, zh] of [...Object.values(NAMES), RESEARCHER]) {
      expect(all).not.toContain(en);
      expect(all).not.toContain(zh);
      expect(all).not.toContain(en.split(' ')[1]!);
    }
    // Nor in what the CN node sent.
    const sent = JSON.stringify(await cnNode.db.db.select({ payload: federationEvents.payload }).from(federationEvents));
    for (const [en, zh] of [...Object.values(NAMES), RESEARCHER]) expect(sent).not.toMatch(new RegExp(`${en}|${zh}`));
    expect(sent).not.toContain(CREATOR);

    // Listed on both nodes, with the verdict and the reason.
    const expected = [...(Object.keys(NAMES) as Role[]).map((r) => cn[r].id), researcherId, creatorRef(CREATOR)].sort();
    for (const [n, by] of [
      [cnNode, 'this node'],
      [us, 'the peer'],
    ] as const) {
      const people = (await withheldOn(n)).filter((w) => w.objectType === 'person');
      expect(people.map((w) => w.objectId).sort()).toEqual(expected);
      for (const w of people) {
        expect(w).toMatchObject({ exporter: 'CN', direction: 'CN-US', verdict: 'conditions', withheldBy: by });
        expect(w.reasonEn).toContain('security assessment');
        expect(w.reasonEn).not.toMatch(/\.,/);
        expect(w.reasonZh).not.toContain('。，');
      }
    }
    // Nobody was sent in full by the CN node; the US node's people went in full (US→CN names are not a DSP category).
    expect(await sentThisYear(cnNode)).toEqual([]);
    expect(await sentThisYear(us)).toEqual([us.chair.id, usOfficer.id].sort());
  });

  it("sends the peer's own people back as they came, unreviewed and uncounted", async () => {
    const { CN: cnNode } = nodes;
    // The CN node's proposal carries the US side's review, by the US officer (a person the US node sent).
    const payload = await lastEvent(cnNode, 'project', projectId);
    const reviews = payload.reviews as { side: string; reviewer: Record<string, unknown> }[];
    expect(reviews.find((r) => r.side === 'US')?.reviewer).toEqual({ id: usOfficer.id, displayName: US_OFFICER, side: 'US' });
    expect(reviews.find((r) => r.side === 'CN')?.reviewer).toMatchObject({ id: cn.officer.id, displayName: PLACEHOLDER, side: 'CN', withheld: true, transfer: { verdict: 'conditions', missing: ['cn-cac-security-assessment'] } });
    expect(await sentThisYear(cnNode)).not.toContain(usOfficer.id);
  });

  it('sends every name once the CN operator records the security assessment, clears the withheld rows, and a second resync appends nothing', async () => {
    const cnNode = nodes.CN;
    await cnNode.t.close();
    cnNode.env = { ...cnNode.env, QIAO_TRANSFER_MECHANISMS: 'cn-cac-security-assessment' };
    await restartNode(cnNode);
    await resyncNode(cnNode.db.db, cnNode.t.services.federation!.config);
    const us = nodes.US;
    expect(await pull(us)).toMatchObject({ refused: [], waiting: null });
    for (const role of Object.keys(NAMES) as Role[]) expect(await nameOn(us, cn[role].id)).toBe(fullName(role));
    expect((await req<Project>(us, usOfficer, 'GET', `/api/projects/${projectId}`)).parties.find((r) => r.partyId === researcherId)).toMatchObject({ side: 'CN', name: RESEARCHER[0] });
    expect((await withheldOn(us)).filter((w) => w.objectType === 'person')).toEqual([]);
    expect((await withheldOn(cnNode)).filter((w) => w.objectType === 'person')).toEqual([]);
    // The proposal names its proposer with the review's conditions now, and the four are counted as sent.
    expect((await lastEvent(cnNode, 'project', projectId)).createdBy).toMatchObject({ id: cn.proposer.id, displayName: fullName('proposer'), transfer: { verdict: 'conditions', conditions: ['cn-cac-security-assessment', 'cn-pipl-notice-consent'] } });
    expect((await lastEvent(cnNode, 'dataset', datasetId)).steward).toMatchObject({ id: cn.steward.id, displayName: fullName('steward') });
    expect(await sentThisYear(cnNode)).toEqual([...(Object.keys(NAMES) as Role[]).map((r) => cn[r].id), researcherId, creatorRef(CREATOR)].sort());
    expect((await us.db.db.select({ creators: datasets.creators }).from(datasets).where(eq(datasets.id, datasetId)))[0]?.creators).toEqual([{ name: CREATOR, affiliation: 'Minjiang Estuary Research Centre', side: 'CN' }]);
    const again = await resyncNode(cnNode.db.db, cnNode.t.services.federation!.config);
    expect(again.sent).toEqual({});
    expect(await pull(us)).toMatchObject({ accepted: 0 });
  });
  // Last: the event is applied directly, past the verified chain, with a later sequence number.
  it('keeps only the neutral name when a stub marked withheld carries a name anyway (hostile bytes)', async () => {
    const { US: us } = nodes;
    // The first proposal event, sent while the CN people were withheld, replayed with their names filled in.
    const [event] = await us.db.db
      .select()
      .from(federationPeerEvents)
      .where(and(eq(federationPeerEvents.objectType, 'project'), eq(federationPeerEvents.objectId, projectId)))
      .orderBy(federationPeerEvents.seq)
      .limit(1);
    const p = JSON.parse(event!.payload) as { createdBy: Record<string, unknown>; parties: { kind: string; profile: Record<string, unknown> }[]; version: number };
    expect(p.createdBy.withheld).toBe(true);
    const hostile = {
      ...p,
      createdBy: { ...p.createdBy, displayName: fullName('proposer') },
      parties: p.parties.map((r) => (r.kind === 'person' ? { ...r, profile: { ...r.profile, name: RESEARCHER[0] } } : r)),
      version: p.version + 100,
    };
    const [last] = await us.db.db.select({ seq: federationPeerEvents.seq }).from(federationPeerEvents).orderBy(desc(federationPeerEvents.seq)).limit(1);
    const outcome = await us.db.db.transaction((tx) => applyPeerEvent(tx, { origin: 'CN', seq: last!.seq + 1000, objectType: 'project', objectId: projectId, op: 'put', payload: JSON.stringify(hostile) }, new Date()));
    expect(outcome).toMatchObject({ kind: 'applied' });
    expect(await nameOn(us, cn.proposer.id)).toBe(PLACEHOLDER);
    expect((await req<Project>(us, usOfficer, 'GET', `/api/projects/${projectId}`)).parties.find((r) => r.partyId === researcherId)?.name).toBe(PLACEHOLDER);
    for (const id of [cn.proposer.id, researcherId]) {
      const [row] = await us.db.db.select().from(federationWithheld).where(and(eq(federationWithheld.objectType, 'person'), eq(federationWithheld.objectId, id)));
      expect(row).toBeDefined();
      expect(JSON.stringify(row?.stub)).not.toMatch(new RegExp(`${NAMES.proposer[0]}|${RESEARCHER[0]}`));
    }
  });
});
