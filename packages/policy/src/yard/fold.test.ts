import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';

const summary = (text: string) => {
  const r = classify(text);
  return { verdict: r.verdict, areas: r.areas.map((a) => a.id) };
};

describe('classify: traditional Chinese is folded to simplified before matching', () => {
  it.each([
    ['基於深度學習的蛋白質結構預測', '基于深度学习的蛋白质结构预测'],
    ['超導量子位元的退相干機理研究', '超导量子比特的退相干机理研究'],
    ['研製極紫外光刻機樣機', '研制极紫外光刻机样机'],
    ['稀土永磁體量產工藝', '稀土永磁体量产工艺'],
    ['激光雷達系統研製', '激光雷达系统研制'],
    ['高超音速飛行器邊界層轉捩', '高超声速飞行器边界层转捩'],
    ['積體電路可靠性分析', '集成电路可靠性分析'],
    ['無人機集群協同控制', '无人机集群协同控制'],
  ])('%s gets the verdict of %s', (traditional, simplified) => {
    const s = summary(simplified);
    expect(s.verdict).not.toBe('open');
    expect(summary(traditional)).toEqual(s);
  });

  it('positions stay those of the original traditional text', () => {
    const text = '研製極紫外光刻機樣機';
    const r = classify(text);
    for (const e of r.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(r.evidence.map((e) => e.text)).toContain('光刻機');
  });

  it('negation is read in traditional script too', () => {
    expect(classify('本項目不涉及任何軍事用途，也不涉及量子計算，僅研究城市綠地對居民健康的影響').verdict).toBe('open');
  });
});
