import type { ProjectChecks, ProjectFlag } from '@qiao/contracts';
import { classify, evaluateTransfer, type ClassifyResult } from '@qiao/policy';
import type { PartyScreeningService } from '../screening/party-screening.service.ts';
import type { projects } from './project.schema.ts';

type ProjectRow = typeof projects.$inferSelect;

const SIDES = ['US', 'CN'] as const;
const sideOfSource = (source: string) => (source.startsWith('cn-') ? 'CN' : 'US');

/** The text the technology yard reads: both languages of title and abstract, and the keywords. */
export function projectText(p: Pick<ProjectRow, 'title' | 'abstract' | 'keywords' | 'technologyArea'>): string {
  return [p.title.en, p.title.zh, p.technologyArea, p.abstract.en, p.abstract.zh, p.keywords.join(', ')].filter(Boolean).join('\n');
}

async function screeningFlags(p: ProjectRow, screening: PartyScreeningService): Promise<{ rows: ProjectChecks['screening']; flags: ProjectFlag[] }> {
  const rows: ProjectChecks['screening'] = [];
  const flags: ProjectFlag[] = [];
  for (const ref of p.parties) {
    const d = await screening.detail(ref.partyId);
    const name = d.names.find((n) => n.lang === 'en')?.value ?? d.names[0]?.value ?? ref.partyId;
    rows.push({ partyId: ref.partyId, kind: ref.kind, side: d.side, name, status: d.status, hits: d.hits });
    for (const hit of d.hits) {
      // The flag is the concern of the list's side (for a reference list, the side opposite the party):
      // only that side's own decision on the hit answers it, never the other side's.
      const side = hit.concernSide;
      const own = hit.decisions.find((x) => x.side === side);
      const state = own?.state === 'in_force' ? own.decision : null;
      if (state === 'false_positive') continue;
      flags.push({
        id: `screening:${ref.partyId}:${hit.listId}:${hit.recordId}`,
        side,
        kind: 'screening',
        severity: state === 'true_match' ? 'blocking' : 'review',
        summaryEn: `${name} ${state === 'true_match' ? 'is confirmed on' : 'may be on'} ${hit.listTitle} as "${hit.entityName}" (score ${hit.score.toFixed(2)})`,
        summaryZh: `${name}${state === 'true_match' ? '已确认列入' : '可能列入'}${hit.listTitle}（名单名称“${hit.entityName}”，得分 ${hit.score.toFixed(2)}）`,
        evidence: { partyId: ref.partyId, listId: hit.listId, recordId: hit.recordId, programs: hit.programs },
      });
    }
  }
  return { rows, flags };
}

function technologyFlags(result: ClassifyResult): ProjectFlag[] {
  if (result.verdict === 'open') return [];
  const bySide = new Map<string, ClassifyResult['areas'][number][]>();
  for (const a of result.areas) bySide.set(sideOfSource(a.source), [...(bySide.get(sideOfSource(a.source)) ?? []), a]);
  return [...bySide].map(([side, areas]) => ({
    id: `technology:${side}`,
    side,
    kind: 'technology' as const,
    severity: 'review' as const,
    summaryEn: `Technology yard: ${result.verdict} — ${areas.map((a) => a.name.en).join('; ')} (${result.scope.scope === 'basic-research' ? 'basic research' : 'technology development, outside the 2024 S&T Agreement'})`,
    summaryZh: `技术“小院”：${result.verdict === 'restricted' ? '受限' : '需审查'}——${areas.map((a) => a.name.zh).join('；')}（${result.scope.scope === 'basic-research' ? '基础研究' : '技术开发，不属于2024年科技协定范围'}）`,
    evidence: { areas: areas.map((a) => ({ id: a.id, matched: a.matched })), reason: result.reason.text },
  }));
}

/** Runs every pre-check on a project: each party's screening, the technology yard, each data flow. */
export async function runChecks(p: ProjectRow, screening: PartyScreeningService, trigger: string, now: Date): Promise<ProjectChecks> {
  const { rows, flags } = await screeningFlags(p, screening);
  const technology = classify(projectText(p));
  flags.push(...technologyFlags(technology));
  const transfers = p.dataPlan.map((flow) => ({ direction: flow.direction, result: evaluateTransfer(flow.dataset, flow.direction) }));
  transfers.forEach(({ direction, result }, i) => {
    if (result.verdict === 'allowed') return;
    const side = direction.slice(0, 2);
    flags.push({
      id: `transfer:${i}:${direction}`,
      side,
      kind: 'transfer',
      severity: result.verdict === 'prohibited' ? 'blocking' : 'review',
      summaryEn: `Data transfer ${direction}: ${result.verdict}${result.conditions.length ? ` — ${result.conditions.map((c) => c.text.en).join('; ')}` : ''}`,
      summaryZh: `数据传输 ${direction}：${result.verdict === 'prohibited' ? '禁止' : '附条件'}${result.conditions.length ? `——${result.conditions.map((c) => c.text.zh).join('；')}` : ''}`,
      evidence: { conditions: result.conditions, findings: result.findings },
    });
  });
  return { runAt: now.toISOString(), trigger, screening: rows, technology, transfers, flags };
}

/** Sides whose flags have no review on the current checks yet. */
export function pendingReviewSides(checks: ProjectChecks | null, reviews: readonly { side: string; checksRunAt: string }[]): string[] {
  if (!checks) return [];
  const flagged = new Set(checks.flags.map((f) => f.side));
  return SIDES.filter((s) => flagged.has(s) && !reviews.some((r) => r.side === s && r.checksRunAt === checks.runAt));
}
