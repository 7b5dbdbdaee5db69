import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, Project } from '@qiao/contracts';
import type { Database } from '../../db/client.ts';
import { datasets } from '../datasets/dataset.schema.ts';
import { minutesApprovals } from '../dialogues/minutes.schema.ts';
import { groupInput } from '../groups/group.fixtures.ts';
import { canonicalJson, type FederationObjectType } from './federation.events.ts';
import { federationWithheld } from './federation.projects.schema.ts';
import { stateOf } from './federation.replicate.ts';
import { resyncNode } from './federation.resync.ts';
import { federationEvents } from './federation.schema.ts';
import { cnEngine, everything, type Person, pull, req, rows, signIn, startLoneNode, startTwoNodes, stopTwoNodes, type Side, type TwoNodes } from './federation.testing.ts';

const PROHIBITED_US_CN = { categories: [{ category: 'human-genomic', subjects: 5000 }], us: { transaction: 'vendor-agreement' } };
const CONDITIONS_US_CN = { categories: [{ category: 'personal-health', subjects: 20000, cumulativeSinceJan1: true }], us: { transaction: 'vendor-agreement' } };

function datasetBody(side: Side, over: Record<string, unknown> = {}) {
  return {
    title: { en: `Tide gauges (${side})`, zh: `潮位站（${side}）` },
    description: { en: 'Hourly sea levels.', zh: '每小时海平面。' },
    creators: [{ name: 'Rowan Ellery-Tasker', affiliation: 'Harbour Institute', side }],
    subjects: ['sea level'],
    licence: 'CC-BY-4.0',
    accessLevel: 'on_request',
    side,
    dataDeclaration: {},
    ...over,
  };
}

// The US node runs alone on embedded PGlite and writes its objects; then both nodes are federated (the
// CN node on PostgreSQL where the run has one) and the US node's initial sync sends what it had.
describe(`resync of a node that ran alone: US on pglite, CN on ${cnEngine}`, () => {
  let nodes: TwoNodes;
  const people = {} as Record<'admin' | 'chair' | 'member' | 'officer' | 'steward' | 'cnChair', Person>;
  const ids = { group: '', round: '', item: '', minutes: '', result: '', project: '', released: '', withheld: '', cnSide: '' };
  let first: Awaited<ReturnType<typeof resyncNode>>;

  const resync = () => resyncNode(nodes.US.db.db, nodes.US.t.services.federation!.config);

  beforeAll(async () => {
    // 1. The US node alone: no federation settings, nothing is logged.
    const alone = await startLoneNode('US', { dirPrefix: 'qiao-rs-', extraPeople: { officer: 'compliance_officer', steward: 'data_steward' } });
    const usDb = alone.db;
    expect(alone.t.services.federation ?? null).toBeNull();
    Object.assign(people, {
      admin: alone.admin,
      chair: alone.chair,
      member: alone.member,
      officer: alone.officer,
      steward: alone.steward,
      // A CN co-chair with an account on the lone US node: what they said there is not the CN node's word.
      cnChair: await signIn(alone.t, ['co_chair'], 'CN'),
    });
    const { admin, chair, member, officer, steward, cnChair } = people;
    ids.group = (await req<{ id: string }>(alone, admin, 'POST', '/api/working-groups', groupInput)).id;
    await req(alone, admin, 'POST', `/api/working-groups/${ids.group}/co-chairs`, { userId: chair.id });
    await req(alone, admin, 'POST', `/api/working-groups/${ids.group}/co-chairs`, { userId: cnChair.id });
    const join = await req<{ id: string }>(alone, member, 'POST', `/api/working-groups/${ids.group}/join-requests`, {});
    await req(alone, chair, 'POST', `/api/working-groups/${ids.group}/join-requests/${join.id}/decision`, { decision: 'approve' });
    const track = await req<{ id: string }>(alone, chair, 'POST', `/api/dialogues/groups/${ids.group}/tracks`, { title: { en: 'Sea level data', zh: '海平面数据' } });
    ids.round = (await req<{ id: string }>(alone, chair, 'POST', `/api/dialogues/tracks/${track.id}/rounds`, { title: { en: 'Round 1', zh: '第一轮' }, startsAt: '2026-05-01T09:00:00+08:00', place: 'Xiamen', participantIds: [chair.id, member.id] })).id;
    ids.item = (await req<{ id: string }>(alone, chair, 'POST', `/api/dialogues/rounds/${ids.round}/items`, { title: { en: 'Gauge metadata', zh: '潮位站元数据' } })).id;
    await req(alone, member, 'PUT', `/api/dialogues/items/${ids.item}/positions/US`, { position: { en: 'Share gauge metadata.', zh: '共享潮位站元数据。' } });
    await req(alone, member, 'PUT', `/api/dialogues/items/${ids.item}/positions/US`, { position: { en: 'Share gauge metadata and hourly means.', zh: '共享潮位站元数据和小时均值。' }, version: 1 });
    await req(alone, cnChair, 'PUT', `/api/dialogues/items/${ids.item}/positions/CN`, { position: { en: 'Said for the CN side on the US node.', zh: '在美方节点替中方说的。' } });
    await req(alone, chair, 'POST', `/api/dialogues/items/${ids.item}/convergence`, { status: 'narrowing', note: 'Close on metadata.' });
    const m = await req<{ id: string; version: number }>(alone, chair, 'POST', `/api/dialogues/rounds/${ids.round}/minutes`, { body: { en: 'Both sides met.', zh: '双方举行了会谈。' }, decisions: [{ en: 'Exchange gauge metadata.', zh: '交换潮位站元数据。' }] });
    ids.minutes = m.id;
    await req(alone, member, 'PUT', `/api/dialogues/minutes/${ids.minutes}`, { body: { en: 'Both sides met in Xiamen.', zh: '双方在厦门举行了会谈。' }, decisions: [{ en: 'Exchange gauge metadata.', zh: '交换潮位站元数据。' }], version: m.version });
    await req(alone, chair, 'POST', `/api/dialogues/minutes/${ids.minutes}/approvals`, { revision: 2 });
    ids.result = (await req<{ id: string }>(alone, chair, 'POST', '/api/actions/results', { groupId: ids.group, title: { en: 'Shared gauge list', zh: '共享潮位站清单' } })).id;
    await req(alone, chair, 'POST', `/api/actions/results/${ids.result}/milestones`, { title: { en: 'First list', zh: '首份清单' }, dueDate: '2026-09-01' });
    // The parties are in the US node's directory only.
    const party = async (name: string, side: Side) => (await alone.t.services.parties.createOrganization(null, { names: [{ lang: 'en', value: name }], side, country: side, kind: 'university' })).id;
    const parties = [
      { partyId: await party('Westbrook Marine College', 'US'), kind: 'organization', role: 'lead' },
      { partyId: await party('Dongshan Harbour Academy', 'CN'), kind: 'organization', role: 'partner' },
    ];
    const project = await req<Project>(alone, member, 'POST', '/api/projects', {
      parties,
      groupId: ids.group,
      title: { en: 'Coastal flooding forecasts', zh: '沿海洪水预报' },
      abstract: { en: 'Joint forecasts from shared gauges.', zh: '基于共享潮位站的联合预报。' },
      technologyArea: 'oceanography',
      dataPlan: [{ direction: 'US-CN', description: 'Gauge records', dataset: CONDITIONS_US_CN }],
    });
    ids.project = project.id;
    await req(alone, member, 'POST', `/api/projects/${ids.project}/transitions`, { action: 'submit', reason: '', version: project.version });
    await req(alone, officer, 'POST', `/api/projects/${ids.project}/reviews`, { side: 'US', decision: 'cleared', reason: 'Covered by the vendor security terms.' });
    ids.released = (await req<Dataset>(alone, steward, 'POST', '/api/datasets', datasetBody('US'))).id;
    ids.withheld = (await req<Dataset>(alone, steward, 'POST', '/api/datasets', datasetBody('US', { title: { en: 'Exome panel of the harbour cohort', zh: '港口队列外显子组' }, creators: [{ name: 'Imogen Varga-Lindqvist', affiliation: 'Harbour', side: 'US' }], dataDeclaration: PROHIBITED_US_CN }))).id;
    // A CN-side entry described on the US node: only the CN node speaks for CN data.
    ids.cnSide = (await req<Dataset>(alone, admin, 'POST', '/api/datasets', datasetBody('CN', { title: { en: 'Said for the CN side', zh: '替中方说的' } }))).id;
    expect(await usDb.db.select().from(federationEvents)).toEqual([]);
    await alone.t.close();

    // 2. Federation switched on: the US node starts again on the same database, the CN node is new.
    nodes = await startTwoNodes({ dirPrefix: 'qiao-rs-', people: false, alone: { US: alone } });
    // Before the initial sync the peer has nothing to pull.
    expect(await pull(nodes.CN)).toMatchObject({ accepted: 0, applied: 0 });
    first = await resync();
  }, 240_000);
  afterAll(async () => {
    await stopTwoNodes(nodes);
  }, 60_000);

  it('sends every object the US node speaks for, prerequisites first, and the CN node applies all of them', async () => {
    expect(first.sent).toEqual({ group: 1, group_member: 2, track: 1, round: 1, agenda_item: 1, convergence: 1, position: 1, minutes_revision: 2, minutes_approval: 1, result: 1, milestone: 1, project: 1, project_side: 1, dataset: 2 });
    // The CN co-chair, their position and the CN-side entry written on the US node stay there.
    expect(first.notSent).toEqual({ group_member: 1, position: 1, dataset: 1 });
    expect(first.head).toBe(17);
    const pulled = await pull(nodes.CN);
    expect(pulled).toMatchObject({ accepted: 17, applied: 17, rejected: [], refused: [], waiting: null });
  });

  it('leaves the CN node with the same state of each object as the US node', async () => {
    const { US: us, CN: cn } = nodes;
    const events = await us.db.db.select().from(federationEvents).orderBy(asc(federationEvents.seq));
    for (const e of events) {
      if (e.objectType === 'minutes_approval') continue;
      if (e.objectId === ids.withheld) continue;
      const here = await stateOf(us.db.db, e.objectType as FederationObjectType, e.objectId);
      const there = await stateOf(cn.db.db, e.objectType as FederationObjectType, e.objectId);
      expect(there && canonicalJson(there), `${e.objectType} ${e.objectId}`).toBe(here && canonicalJson(here));
      // What was sent is what the US node holds now.
      expect(e.payload, `${e.objectType} ${e.objectId}`).toBe(here && canonicalJson(here));
    }
    // The US co-chair's approval of revision 2 is on the CN node; the minutes wait for the CN co-chair there.
    const approvals = async (db: Database) => db.db.select({ revision: minutesApprovals.revision, side: minutesApprovals.side, userId: minutesApprovals.userId, at: minutesApprovals.at }).from(minutesApprovals).where(eq(minutesApprovals.minutesId, ids.minutes));
    expect(await approvals(cn.db)).toEqual((await approvals(us.db)).filter((a) => a.side === 'US'));
    expect(await approvals(cn.db)).toHaveLength(1);
    // What a CN reader sees through the API matches, field for field.
    const cnAdmin = await signIn(cn.t, ['admin'], 'CN');
    const usAdmin = await signIn(us.t, ['admin'], 'US');
    for (const url of [`/api/working-groups/${ids.group}`, `/api/dialogues/rounds/${ids.round}`, `/api/dialogues/minutes/${ids.minutes}/revisions`, `/api/actions/results/${ids.result}`, `/api/datasets/${ids.released}`]) {
      const [a, b] = [await req<Record<string, unknown>>(us, usAdmin, 'GET', url), await req<Record<string, unknown>>(cn, cnAdmin, 'GET', url)];
      if (url.startsWith('/api/working-groups/')) {
        // The CN co-chair written on the US node is not the CN node's: the CN side has none there yet.
        expect(b).toMatchObject({ name: a.name, charter: a.charter, version: a.version, coChairs: { US: people.chair.id } });
      } else if (url.startsWith('/api/dialogues/rounds/')) {
        const pick = (r: Record<string, unknown>) => ({ title: r.title, status: r.status, version: r.version, startsAt: r.startsAt, place: r.place, trackId: r.trackId });
        expect(pick(b)).toEqual(pick(a));
      } else if (url.startsWith('/api/datasets/')) {
        expect(b).toMatchObject({ id: a.id, side: 'US', title: a.title, creators: a.creators, version: a.version, latestVersion: 0 });
      } else expect(b).toEqual(a);
    }
    const onCn = await req<Project>(cn, cnAdmin, 'GET', `/api/projects/${ids.project}`);
    expect(onCn).toMatchObject({ status: 'under_review', reviews: [expect.objectContaining({ side: 'US', decision: 'cleared' })] });
    // The prohibited entry crossed as the stub only; the CN-side entry said on the US node did not cross.
    expect(await cn.db.db.select({ id: datasets.id }).from(datasets).where(eq(datasets.id, ids.withheld))).toEqual([]);
    expect(await cn.db.db.select({ verdict: federationWithheld.verdict, exporter: federationWithheld.exporter }).from(federationWithheld).where(eq(federationWithheld.objectId, ids.withheld))).toEqual([{ verdict: 'prohibited', exporter: 'US' }]);
    expect(await us.db.db.select({ verdict: federationWithheld.verdict }).from(federationWithheld).where(eq(federationWithheld.objectId, ids.withheld))).toEqual([{ verdict: 'prohibited' }]);
    expect(await cn.db.db.select({ id: datasets.id }).from(datasets).where(eq(datasets.id, ids.cnSide))).toEqual([]);
  });

  it('appends nothing on a second run, and the CN node pulls nothing new', async () => {
    const { CN: cn } = nodes;
    const before = await everything(cn.db);
    const again = await resync();
    expect(again).toMatchObject({ sent: {}, head: 17, notSent: { group_member: 1, position: 1, dataset: 1 } });
    expect(again.unchanged).toBe(17);
    expect(await pull(nodes.CN)).toMatchObject({ accepted: 0, applied: 0 });
    expect((await everything(cn.db)).replace(/last_sync_at":"[^"]+"/g, '')).toBe(before.replace(/last_sync_at":"[^"]+"/g, ''));
  });

  it('sends only what changed since, and skips what came from the peer', async () => {
    const { US: us, CN: cn } = nodes;
    // A CN entry written on the CN node arrives on the US node: the peer's, never sent back.
    const cnSteward = await signIn(cn.t, ['data_steward'], 'CN');
    await req<Dataset>(cn, cnSteward, 'POST', '/api/datasets', datasetBody('CN', { title: { en: 'Tide gauges of Fujian', zh: '福建潮位站' } }));
    expect(await pull(nodes.US)).toMatchObject({ accepted: 1, applied: 1, refused: [] });
    // A change written without an event (as while the node ran without its federation settings): the next resync sends it.
    await us.db.db.execute(sql`update result_milestones set title = jsonb_set(title, '{en}', '"First list, revised"'), version = version + 1 where result_id = ${ids.result}`);
    const third = await resync();
    expect(third).toMatchObject({ sent: { milestone: 1 }, unchanged: 17, head: 18 });
    expect(await pull(nodes.CN)).toMatchObject({ accepted: 1, applied: 1, refused: [], waiting: null });
    expect(await req<{ milestones: { title: { en: string } }[] }>(cn, await signIn(cn.t, ['member'], 'CN'), 'GET', `/api/actions/results/${ids.result}`)).toMatchObject({ milestones: [{ title: { en: 'First list, revised' } }] });
    expect(await resync()).toMatchObject({ sent: {}, head: 18 });
  });

  it('lets nothing secret cross: e-mail addresses, sessions, the audit log and the withheld entry stay on the US node', async () => {
    const onCn = await everything(nodes.CN.db);
    const onUs = await everything(nodes.US.db);
    const secrets = [...Object.values(people).map((p) => p.email), ...Object.values(people).map((p) => p.csrf), 'Exome panel of the harbour cohort', 'Imogen Varga-Lindqvist', 'Said for the CN side on the US node.', 'Said for the CN side'];
    for (const secret of secrets) {
      expect(onUs.includes(secret), `the US node holds ${secret}`).toBe(true);
      expect(onCn.includes(secret), `the CN node holds ${secret}`).toBe(false);
    }
    const usIds = sql.join(
      Object.values(people).map((p) => sql`${p.id}::uuid`),
      sql`, `,
    );
    const audit = async (db: Database) => (await rows<{ n: number }>(db, sql`select count(*)::int n from audit_log where actor_id in (${usIds})`))[0]?.n;
    expect(await audit(nodes.US.db)).toBeGreaterThan(0);
    expect(await audit(nodes.CN.db)).toBe(0);
  });
});
