import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '@qiao/contracts';
import { groupInput } from '../groups/group.fixtures.ts';
import { projects } from '../projects/project.schema.ts';
import { cnEngine, pull, req, startTwoNodes, stopTwoNodes, type TestNode, type TwoNodes } from './federation.testing.ts';

const PERSONAL_DATA = { categories: [{ category: 'personal-health', subjects: 20000, cumulativeSinceJan1: true }], us: { transaction: 'vendor-agreement' } };

// Each side reviews on its own node; both copies of the proposal must end the same, version and time included.
describe(`a proposal reviewed on both nodes ends the same on both: US on pglite, CN on ${cnEngine}`, () => {
  let nodes: TwoNodes<'officer'>;
  let groupId = '';
  const parties: { partyId: string; kind: 'organization'; role: 'lead' | 'partner' }[] = [];

  /** What both nodes must agree on (reviewers' addresses differ by design: the peer's people have placeholder ones). */
  const copyOn = async (n: TestNode) => {
    const [p] = await n.db.db.select().from(projects).where(eq(projects.id, projectId));
    return {
      version: p!.version,
      updatedAt: p!.updatedAt.toISOString(),
      status: p!.status,
      reviews: p!.reviews.map((r) => [r.side, r.decision, r.at, r.checksRunAt]),
      signOffs: p!.signOffs.map((s) => [s.side, s.at, s.checksRunAt]),
    };
  };
  let projectId = '';

  async function submitted(title: string): Promise<Project> {
    const { US: us, CN: cn } = nodes;
    const created = await req<Project>(us, us.member, 'POST', '/api/projects', {
      groupId,
      title: { en: title, zh: '联合项目' },
      abstract: { en: 'A joint study.', zh: '一项联合研究。' },
      technologyArea: 'oceanography',
      parties,
      dataPlan: [
        { direction: 'US-CN', description: 'Records', dataset: PERSONAL_DATA },
        { direction: 'CN-US', description: 'Records', dataset: PERSONAL_DATA },
      ],
      budget: [],
    });
    projectId = created.id;
    const p = await req<Project>(us, us.member, 'POST', `/api/projects/${projectId}/transitions`, { action: 'submit', reason: '', version: created.version });
    expect(await pull(cn)).toMatchObject({ refused: [], waiting: null });
    return p;
  }
  const settle = async () => {
    for (const n of [nodes.US, nodes.CN, nodes.US, nodes.CN]) expect(await pull(n)).toMatchObject({ rejected: [], refused: [], waiting: null });
  };

  beforeAll(async () => {
    nodes = await startTwoNodes({ dirPrefix: 'qiao-pv-', extraPeople: { officer: 'compliance_officer' } });
    const { US: us, CN: cn } = nodes;
    groupId = (await req<{ id: string }>(us, us.admin, 'POST', '/api/working-groups', groupInput)).id;
    await req(us, us.admin, 'POST', `/api/working-groups/${groupId}/co-chairs`, { userId: us.chair.id });
    const join = await req<{ id: string }>(us, us.member, 'POST', `/api/working-groups/${groupId}/join-requests`, {});
    await req(us, us.chair, 'POST', `/api/working-groups/${groupId}/join-requests/${join.id}/decision`, { decision: 'approve' });
    expect(await pull(cn)).toMatchObject({ refused: [], waiting: null });
    await req(cn, cn.admin, 'POST', `/api/working-groups/${groupId}/co-chairs`, { userId: cn.chair.id });
    expect(await pull(us)).toMatchObject({ refused: [], waiting: null });
    for (const [name, side, role] of [
      ['Cape Ann Oceanographic Institute', 'US', 'lead'],
      ['Zhoushan Marine Laboratory', 'CN', 'partner'],
    ] as const) {
      parties.push({ partyId: (await us.t.services.parties.createOrganization(null, { names: [{ lang: 'en', value: name }], side, country: side, kind: 'university' })).id, kind: 'organization', role });
    }
  }, 300_000);
  afterAll(async () => {
    await stopTwoNodes(nodes);
  }, 120_000);

  it("takes the same version and time on both after the other side's review", async () => {
    const { US: us, CN: cn } = nodes;
    await submitted('Coastal upwelling study');
    await req(cn, cn.officer, 'POST', `/api/projects/${projectId}/reviews`, { side: 'CN', decision: 'cleared', reason: 'Reviewed on the CN node.' });
    await settle();
    expect(await copyOn(cn)).toEqual(await copyOn(us));
    expect((await copyOn(us)).status).toBe('under_review');
  });

  it('takes the same version and time on both when each side reviews on its own node at the same moment', async () => {
    const { US: us, CN: cn } = nodes;
    const p = await submitted('Harbour sediment study');
    // Both reviews are made on the same version, before either node has pulled the other's.
    await req(us, us.officer, 'POST', `/api/projects/${projectId}/reviews`, { side: 'US', decision: 'cleared', reason: 'Reviewed on the US node.' });
    await req(cn, cn.officer, 'POST', `/api/projects/${projectId}/reviews`, { side: 'CN', decision: 'cleared', reason: 'Reviewed on the CN node.' });
    await settle();
    const onUs = await copyOn(us);
    expect(await copyOn(cn)).toEqual(onUs);
    expect(onUs.reviews.map((r) => r[0]).sort()).toEqual(['CN', 'US']);
    expect(onUs.version).toBeGreaterThan(p.version);
    // Each co-chair then signs off on their own node, from the same version both hold: approved on both.
    for (const n of [cn, us]) {
      const now = await req<Project>(n, n.chair, 'GET', `/api/projects/${projectId}`);
      await req(n, n.chair, 'POST', `/api/projects/${projectId}/transitions`, { action: 'approve', reason: '', version: now.version });
      await settle();
    }
    const done = await copyOn(us);
    expect(done.status).toBe('approved');
    expect(await copyOn(cn)).toEqual(done);
  });
});
