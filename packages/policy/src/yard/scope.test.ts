import { describe, expect, it } from 'vitest';
import { decideScope } from './scope.ts';

describe('decideScope', () => {
  it('reads text without development signals as basic research, citing the agreement and EAR §734.8', () => {
    const r = decideScope('Earthquake forecasting basic research');
    expect(r.scope).toBe('basic-research');
    expect(r.signals).toEqual([{ kind: 'basic', term: 'basic research', text: 'basic research', start: 23, end: 37 }]);
    expect(r.citations.map((c) => c.instrumentId)).toEqual(['us-cn-sta-2024', 'us-ear-734-8']);
    expect(r.citations[0]?.effective).toBe('2024-08-27');
  });

  it('defaults to basic research, saying so, when there are no signals at all', () => {
    const r = decideScope('Maternal nutrition');
    expect(r.scope).toBe('basic-research');
    expect(r.signals).toEqual([]);
    expect(r.reason.en).toContain('No technology-development signal');
  });

  it.each([
    'We will build a prototype',
    'Scale-up toward mass production',
    'Commercialisation and technology transfer to industry',
    'Yield improvement on the pilot line',
    'tape-outs at 7 nm',
    'Launch of a commercial service for drone delivery',
    '5G商用网络',
    '样机研制',
    '推动成果转化和产业化',
    '完成中试并量产',
  ])('%j is technology development', (text) => {
    const r = decideScope(text);
    expect(r.scope).toBe('technology-development');
    expect(r.citations.map((c) => c.instrumentId)).toEqual(['us-cn-sta-2024']);
  });

  it('one development signal outweighs basic-research wording', () => {
    const r = decideScope('Fundamental research on the mechanism, then a prototype');
    expect(r.scope).toBe('technology-development');
    expect(r.signals.map((s) => s.kind)).toEqual(['basic', 'basic', 'development']);
  });
});
