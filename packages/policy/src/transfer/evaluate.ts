import type { Bilingual } from '../cite/citation.ts';
import { evaluateCn } from './cn.ts';
import { DatasetSchema, type Dataset, type DatasetInput, type Direction } from './dataset.ts';
import type { RegimeOutcome } from './outcome.ts';
import type { Condition, Finding } from './rule.ts';
import { evaluateUsDsp } from './us-dsp.ts';

export type TransferVerdict = 'allowed' | 'conditions' | 'prohibited';
export type RegimeId = 'us-dsp' | 'cn';

export interface TransferResult {
  readonly direction: Direction;
  /** The exporting side's rules: the US Data Security Program for US→CN, China's rules for CN→US. */
  readonly regime: { readonly id: RegimeId; readonly name: Bilingual };
  readonly verdict: TransferVerdict;
  readonly reason: Bilingual;
  /** Everything to do before the data may cross, each with its citations. */
  readonly conditions: readonly Condition[];
  /** Every rule that fired, with what in the dataset fired it and its citations. */
  readonly findings: readonly Finding[];
}

const REGIMES: Record<Direction, { id: RegimeId; name: Bilingual; evaluate: (d: Dataset) => RegimeOutcome }> = {
  'US-CN': { id: 'us-dsp', name: { en: 'US Data Security Program (28 CFR Part 202)', zh: '美国数据安全计划（28 CFR 第202部分）' }, evaluate: evaluateUsDsp },
  'CN-US': { id: 'cn', name: { en: "China's cross-border data rules (PIPL, DSL, 2024 Provisions, HGR, surveying, meteorological, seismic)", zh: '中国数据出境规则（个人信息保护法、数据安全法、2024年规定、人类遗传资源、测绘、气象、地震）' }, evaluate: evaluateCn },
};

/**
 * Evaluates a dataset transfer in one direction.
 *
 * The verdict: `prohibited` when any rule that fired prohibits the transfer; otherwise `conditions`
 * when anything must be done first (each condition is listed with its citation); otherwise `allowed`.
 * The input is validated with DatasetSchema, so it throws a ZodError on a malformed dataset.
 */
export function evaluateTransfer(dataset: DatasetInput, direction: Direction): TransferResult {
  const parsed = DatasetSchema.parse(dataset);
  const regime = REGIMES[direction];
  const { findings, conditions } = regime.evaluate(parsed);
  const verdict: TransferVerdict = findings.some((f) => f.effect === 'prohibited') ? 'prohibited' : conditions.length > 0 ? 'conditions' : 'allowed';
  return { direction, regime: { id: regime.id, name: regime.name }, verdict, reason: reasonFor(verdict, regime.name), conditions, findings };
}

function reasonFor(verdict: TransferVerdict, regime: Bilingual): Bilingual {
  switch (verdict) {
    case 'prohibited':
      return { en: `Prohibited under ${regime.en}: see the prohibiting findings.`, zh: `依据${regime.zh}被禁止：见禁止性结论。` };
    case 'conditions':
      return { en: `Allowed under ${regime.en} once every listed condition is met.`, zh: `依据${regime.zh}，满足所列全部条件后方可传输。` };
    case 'allowed':
      return { en: `No rule of ${regime.en} restricts this transfer.`, zh: `${regime.zh}中无规则限制本次传输。` };
  }
}
