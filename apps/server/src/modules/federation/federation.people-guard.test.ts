import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupMembers } from '../groups/group.schema.ts';
import { users } from '../users/user.schema.ts';
import { applyPeerEvent } from './federation.apply.ts';
import { parseFederationEnv } from './federation.config.ts';
import { reviewPerson, reviewProfiles } from './federation.people-guard.ts';
import { federationPeopleSent, federationWithheld } from './federation.projects.schema.ts';
import { resyncNode } from './federation.resync.ts';
import { federationEvents, federationPeerEvents } from './federation.schema.ts';
import { cnEngine, everything, withheldOn, type Person, pull, req, restartNode, signIn, startTwoNodes, stopTwoNodes, type TestNode, type TwoNodes } from './federation.testing.ts';
import { groupInput } from '../groups/group.fixtures.ts';


const NAME = 'Qiuyue Lindqvist-Shen';
const NAME_ZH = '沈秋月';
/** The people a node has sent in full to the peer since 1 January (UTC). */
const sentThisYear = async (n: TestNode): Promise<string[]> =>
  (await n.db.db.select({ id: federationPeopleSent.personId }).from(federationPeopleSent).where(eq(federationPeopleSent.year, new Date().getUTCFullYear()))).map((r) => r.id).sort();

// People's minimal profiles cross only through the exporting side's transfer review.
describe(`people's profiles through the transfer guard: US on pglite, CN on ${cnEngine}`, () => {
  let nodes: TwoNodes;
  let groupId = '';
  let guarded: Person;

  const userOn = async (n: TestNode, id: string) => (await n.db.db.select().from(users).where(eq(users.id, id)))[0];
  /** Restarts the CN node with more or other transfer settings. */
  async function restartCn(settings: Record<string, string>): Promise<void> {
    const cn = nodes.CN;
    await cn.t.close();
    cn.env = { ...cn.env, ...settings };
    await restartNode(cn);
  }

  beforeAll(async () => {
    nodes = await startTwoNodes({ dirPrefix: 'qiao-pg-' });
  }, 300_000);
  afterAll(async () => {
    await stopTwoNodes(nodes);
  }, 120_000);

  it("sends an ordinary small group's profiles with the review's conditions, and counts the people sent since 1 January", async () => {
    const { US: us, CN: cn } = nodes;
    groupId = (await req<{ id: string }>(us, us.admin, 'POST', '/api/working-groups', groupInput)).id;
    await req(us, us.admin, 'POST', `/api/working-groups/${groupId}/co-chairs`, { userId: us.chair.id });
    expect(await pull(cn)).toMatchObject({ refused: [], waiting: null });
    await req(cn, cn.admin, 'POST', `/api/working-groups/${groupId}/co-chairs`, { userId: cn.chair.id });
    expect(await pull(us)).toMatchObject({ applied: 1, refused: [], waiting: null });

    // The CN co-chair's real name is on the US node, and the US co-chair's on the CN node.
    expect((await userOn(us, cn.chair.id))?.displayName).toBe((await userOn(cn, cn.chair.id))?.displayName);
    expect((await userOn(cn, us.chair.id))?.displayName).toBe((await userOn(us, us.chair.id))?.displayName);
    // CN→US personal information of one person: small-volume exemption; notice and separate consent travel as a condition.
    const [cnEvent] = await cn.db.db.select().from(federationEvents).where(eq(federationEvents.objectType, 'group_member'));
    expect(JSON.parse(cnEvent!.payload)).toMatchObject({ userId: cn.chair.id, transfer: { direction: 'CN-US', verdict: 'conditions', conditions: ['cn-pipl-notice-consent'] } });
    expect((JSON.parse(cnEvent!.payload) as Record<string, unknown>).withheld).toBeUndefined();
    // US→CN: personal information is not a DSP category, the profile goes as before, with no transfer field.
    const usEvents = await us.db.db.select().from(federationEvents).where(eq(federationEvents.objectType, 'group_member'));
    expect(usEvents.map((e) => JSON.parse(e.payload) as Record<string, unknown>).every((p) => p.transfer === undefined && p.withheld === undefined)).toBe(true);

    // The count is of distinct people sent since 1 January, this one included.
    expect(await sentThisYear(cn)).toEqual([cn.chair.id]);
    expect((await reviewPerson(cn.db.db, 'CN', { ciio: false, mechanisms: [] }, cn.chair.id, new Date())).subjects).toBe(1);
    expect((await reviewPerson(cn.db.db, 'CN', { ciio: false, mechanisms: [] }, cn.member.id, new Date())).subjects).toBe(2);
    // Nothing withheld anywhere.
    expect(await withheldOn(us)).toEqual([]);
    expect(await withheldOn(cn)).toEqual([]);
  });

  it('withholds the name of a CN person when the CN operator is a CIIO without a security assessment: the US node holds only a stub', async () => {
    await restartCn({ QIAO_TRANSFER_CIIO: 'true' });
    const { US: us, CN: cn } = nodes;
    guarded = await signIn(cn.t, ['member'], 'CN');
    await cn.db.db.update(users).set({ displayName: `${NAME} ${NAME_ZH}` }).where(eq(users.id, guarded.id));
    const join = await req<{ id: string }>(cn, guarded, 'POST', `/api/working-groups/${groupId}/join-requests`, {});
    await req(cn, cn.chair, 'POST', `/api/working-groups/${groupId}/join-requests/${join.id}/decision`, { decision: 'approve' });
    expect(await pull(us)).toMatchObject({ applied: 1, refused: [], waiting: null });

    // The person is a member on the US node, under the neutral name, with side and role.
    const [m] = await us.db.db.select().from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, guarded.id)));
    expect(m).toMatchObject({ side: 'CN', role: 'member' });
    expect((await userOn(us, guarded.id))?.displayName).toBe('A CN participant · 一位中方参与者');
    // No trace of the name in any table of the US node.
    const all = await everything(us.db);
    expect(all).not.toContain(NAME);
    expect(all).not.toContain(NAME_ZH);
    expect(all).not.toContain('Lindqvist');

    // Listed on both nodes with the verdict, the reason and the findings that withheld it.
    for (const [n, by] of [
      [cn, 'this node'],
      [us, 'the peer'],
    ] as const) {
      const items = await withheldOn(n);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ objectType: 'person', objectId: guarded.id, exporter: 'CN', direction: 'CN-US', verdict: 'conditions', withheldBy: by });
      expect(items[0]!.reasonEn).toContain('security assessment');
      expect(items[0]!.reasonZh).toContain('安全评估');
      expect(items[0]!.findings.map((f) => f.id)).toContain('cn-ciio');
    }
    // The profile was not sent: it is not counted.
    expect(await sentThisYear(cn)).toEqual([cn.chair.id]);

    // The group still replicates both ways.
    const track = await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/groups/${groupId}/tracks`, { title: { en: 'Data sharing', zh: '数据共享' } });
    expect(await pull(cn)).toMatchObject({ refused: [], waiting: null });
    await req(cn, cn.chair, 'POST', `/api/dialogues/tracks/${track.id}/rounds`, { title: { en: 'Round 1', zh: '第一轮' }, startsAt: '2026-05-01T09:00:00+08:00', place: 'Beijing', participantIds: [us.chair.id, cn.chair.id, guarded.id] });
    expect(await pull(us)).toMatchObject({ refused: [], waiting: null });
    expect(await everything(us.db)).not.toContain(NAME);
  });

  it('treats a re-delivery of the stub as a no-op', async () => {
    const { US: us } = nodes;
    const [stub] = await us.db.db
      .select()
      .from(federationPeerEvents)
      .where(and(eq(federationPeerEvents.objectType, 'group_member'), eq(federationPeerEvents.objectId, `${groupId}:${guarded.id}`)));
    const event = { origin: 'CN' as const, seq: stub!.seq, objectType: stub!.objectType, objectId: stub!.objectId, op: stub!.op, payload: stub!.payload };
    const before = await everything(us.db);
    expect(await us.db.db.transaction((tx) => applyPeerEvent(tx, event, new Date()))).toEqual({ kind: 'noop' });
    expect(await everything(us.db)).toBe(before);
    expect(await pull(us)).toMatchObject({ accepted: 0, applied: 0 });

  });

  it('sends the full profile once the CN operator records the security assessment, and clears the withheld rows on both nodes', async () => {
    await restartCn({ QIAO_TRANSFER_MECHANISMS: 'cn-cac-security-assessment' });
    const { US: us, CN: cn } = nodes;
    const first = await resyncNode(cn.db.db, cn.t.services.federation!.config);
    expect(first.sent.group_member).toBe(2);
    expect(await pull(us)).toMatchObject({ refused: [], waiting: null });
    expect((await userOn(us, guarded.id))?.displayName).toBe(`${NAME} ${NAME_ZH}`);
    expect(await withheldOn(us)).toEqual([]);
    expect(await withheldOn(cn)).toEqual([]);
    const [last] = await cn.db.db.select().from(federationEvents).where(eq(federationEvents.objectId, `${groupId}:${guarded.id}`)).orderBy(sql`${federationEvents.seq} desc`).limit(1);
    expect(JSON.parse(last!.payload)).toMatchObject({ displayName: `${NAME} ${NAME_ZH}`, transfer: { verdict: 'conditions', conditions: ['cn-cac-security-assessment', 'cn-pipl-notice-consent'] } });
    expect(await sentThisYear(cn)).toHaveLength(2);
    // A second run sends no member again.
    const again = await resyncNode(cn.db.db, cn.t.services.federation!.config);
    expect(again.sent.group_member ?? 0).toBe(0);
  });

  it('stores only the neutral name when a stub marked withheld carries a name anyway (hostile bytes)', async () => {
    const { US: us } = nodes;
    const [stub] = await us.db.db
      .select()
      .from(federationPeerEvents)
      .where(and(eq(federationPeerEvents.objectType, 'group_member'), eq(federationPeerEvents.objectId, `${groupId}:${guarded.id}`)))
      .orderBy(federationPeerEvents.seq)
      .limit(1);
    const event = { origin: 'CN' as const, seq: stub!.seq, objectType: stub!.objectType, objectId: stub!.objectId, op: stub!.op, payload: stub!.payload };
    expect(JSON.parse(stub!.payload)).toMatchObject({ withheld: true });
    // Hostile bytes: a later "withheld" payload naming the person is applied with the placeholder only.
    const hostile = { ...(JSON.parse(stub!.payload) as Record<string, unknown>), displayName: NAME };
    expect(await us.db.db.transaction((tx) => applyPeerEvent(tx, { ...event, seq: stub!.seq + 1000, payload: JSON.stringify(hostile) }, new Date()))).toMatchObject({ kind: 'applied' });
    expect((await userOn(us, guarded.id))?.displayName).toBe('A CN participant · 一位中方参与者');
    const [row] = await us.db.db.select().from(federationWithheld).where(eq(federationWithheld.objectId, guarded.id));
    expect(JSON.stringify(row?.stub)).not.toContain(NAME);
  });
});

describe('the operator settings the transfer review of profiles takes', () => {
  const base = { QIAO_NODE_SIDE: 'CN' };
  it('reads CIIO, an exemption and the mechanisms in place, defaulting to none', () => {
    expect(parseFederationEnv(base, '/tmp').federation?.transfer).toEqual({ ciio: false, mechanisms: [] });
    const { problems, federation } = parseFederationEnv({ ...base, QIAO_TRANSFER_CIIO: 'true', QIAO_TRANSFER_EXEMPTION: 'contract-with-individual', QIAO_TRANSFER_MECHANISMS: 'cn-cac-security-assessment, cn-standard-contract-or-certification' }, '/tmp');
    expect(problems).toEqual([]);
    expect(federation?.transfer).toEqual({ ciio: true, exemption: 'contract-with-individual', mechanisms: ['cn-cac-security-assessment', 'cn-standard-contract-or-certification'] });
  });
  it('refuses values it cannot read rather than guessing', () => {
    const { problems, federation } = parseFederationEnv({ ...base, QIAO_TRANSFER_CIIO: 'yes', QIAO_TRANSFER_EXEMPTION: 'academic', QIAO_TRANSFER_MECHANISMS: 'security assessment' }, '/tmp');
    expect(federation).toBeNull();
    expect(problems.join('\n')).toMatch(/QIAO_TRANSFER_CIIO[\s\S]*QIAO_TRANSFER_EXEMPTION[\s\S]*QIAO_TRANSFER_MECHANISMS/);
  });
  it('withholds from the volume bands on without the mechanism they need, and lets a recorded mechanism or an exemption through', () => {
    const none = { ciio: false, mechanisms: [] };
    const cn = (settings: Parameters<typeof reviewProfiles>[1], n: number) => reviewProfiles('CN', settings, n);
    expect(cn(none, 99_999)).toMatchObject({ withheld: false, verdict: 'conditions', transfer: { conditions: ['cn-pipl-notice-consent'] } });
    expect(cn(none, 100_000)).toMatchObject({ withheld: true, verdict: 'conditions', transfer: { missing: ['cn-standard-contract-or-certification'] } });
    expect(cn({ ciio: false, mechanisms: ['cn-standard-contract-or-certification'] }, 999_999)).toMatchObject({ withheld: false });
    expect(cn({ ciio: false, mechanisms: ['cn-standard-contract-or-certification'] }, 1_000_000)).toMatchObject({ withheld: true, transfer: { missing: ['cn-cac-security-assessment'] } });
    expect(cn({ ciio: true, mechanisms: [] }, 1)).toMatchObject({ withheld: true, transfer: { missing: ['cn-cac-security-assessment'] } });
    expect(cn({ ciio: false, exemption: 'contract-with-individual', mechanisms: [] }, 5_000_000)).toMatchObject({ withheld: false });
    // A CIIO is not exempt: the security assessment comes first.
    expect(cn({ ciio: true, exemption: 'contract-with-individual', mechanisms: [] }, 1)).toMatchObject({ withheld: true });
    // US→CN: names are not a Data Security Program category, whatever the count or the CN-side settings.
    expect(reviewProfiles('US', { ciio: true, mechanisms: [] }, 10_000_000)).toMatchObject({ withheld: false, verdict: 'allowed' });
  });
});
