import type { TransferCitationSchema, TransferReview } from '@qiao/contracts';
import { DatasetSchema, DirectionSchema, evaluateTransfer, type Citation } from '@qiao/policy';
import type { z } from 'zod';
import { validationFailed } from '../../errors.ts';
import type { TransferEvaluator } from '../datasets/dataset.transfer.ts';

const cite = (c: Citation): z.infer<typeof TransferCitationSchema> => ({ instrumentEn: c.instrument.en, instrumentZh: c.instrument.zh, provision: c.provision, url: c.url, asOf: c.asOf });

/** Checks a data declaration against the policy module's schema; `field` names it in the error. */
export function checkDeclaration(declaration: Record<string, unknown>, field = 'dataDeclaration'): void {
  const parsed = DatasetSchema.safeParse(declaration);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw validationFailed(`${field}${issue?.path.length ? '.' + issue.path.join('.') : ''}: ${issue?.message ?? 'invalid'}`);
  }
}

/**
 * The policy module's evaluator in the shape the datasets module enforces. Directions without
 * encoded rules (a third side) are not waved through: they need a recorded manual review.
 */
export const policyTransferEvaluator: TransferEvaluator = (declaration, fromSide, toSide) => {
  const direction = DirectionSchema.safeParse(`${fromSide}-${toSide}`);
  if (!direction.success) {
    return {
      direction: `${fromSide}-${toSide}`,
      verdict: 'conditions',
      reasonEn: `No transfer rules are encoded for ${fromSide}→${toSide}; a steward must record a manual legal review.`,
      reasonZh: `尚未编码 ${fromSide}→${toSide} 方向的传输规则；数据管理员须记录人工法律审查。`,
      conditions: [{ id: 'manual-review', textEn: 'Manual legal review of this transfer recorded by the steward', textZh: '数据管理员已记录对本次传输的人工法律审查', citations: [] }],
      findings: [],
    };
  }
  const r = evaluateTransfer(declaration, direction.data);
  const review: TransferReview = {
    direction: r.direction,
    verdict: r.verdict,
    reasonEn: r.reason.en,
    reasonZh: r.reason.zh,
    conditions: r.conditions.map((c) => ({ id: c.id, textEn: c.text.en, textZh: c.text.zh, citations: c.citations.map(cite) })),
    findings: r.findings.map((f) => ({ id: f.id, effect: f.effect, textEn: f.text.en + (f.detail ? ` — ${f.detail.en}` : ''), textZh: f.text.zh + (f.detail ? ` —— ${f.detail.zh}` : ''), citations: f.citations.map(cite) })),
  };
  return review;
};
