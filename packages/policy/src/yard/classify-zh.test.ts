import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';

describe('classify: Chinese text', () => {
  it.each(['孕产妇营养干预研究', '空气质量监测', '地震预报基础研究', '中微子物理实验', '传染病监测数据共享', '北斗七星的古代天文观测', '昆虫外骨骼的演化', '经济作物种植户收入调查'])('%s is open', (text) => {
    const r = classify(text);
    expect(r.verdict).toBe('open');
    expect(r.areas).toEqual([]);
  });

  it.each([
    ['基于深度学习的蛋白质结构预测', ['cet-artificial-intelligence']],
    ['图神经网络用于材料性质预测', ['cet-artificial-intelligence']],
    ['超导量子比特的退相干机理研究', ['cet-quantum']],
    ['面向脑机接口的神经信号解码', ['cet-human-machine-interfaces']],
    ['高超声速飞行器边界层转捩', ['cet-hypersonics']],
    ['集成电路可靠性分析', ['cet-semiconductors']],
    ['北斗卫星导航精密定位', ['cet-pnt']],
  ])('%s → review %j', (text, ids) => {
    const r = classify(text);
    expect(r.verdict).toBe('review');
    expect(r.areas.map((a) => a.id)).toEqual(ids);
  });

  it('finds 光刻机 inside unsegmented text, with positions', () => {
    const text = '研制极紫外光刻机样机';
    const r = classify(text);
    expect(r.evidence.map((e) => [e.text, e.start, e.end])).toEqual([['极紫外光刻', 2, 7], ['光刻机', 5, 8]]);
    expect(r.scope.scope).toBe('technology-development');
    expect(r.scope.signals.filter((s) => s.kind === 'development').map((s) => s.text)).toEqual(['研制', '样机']);
    expect(r.verdict).toBe('review');
  });

  it.each([
    ['稀土分离工艺开发及产业化', 'cn-cat-rare-earth-prohibited'],
    ['钕铁硼永磁体生产线建设', 'cn-ecl-rare-earth-technology'],
    ['磷酸铁锂正极材料制备技术转让', 'cn-cat-battery-cathode'],
    ['车载激光雷达量产', 'cn-cat-lidar'],
    ['个性化推荐算法的商业化', 'cn-cat-personalised-push'],
    ['盐湖提锂中试', 'cn-cat-lithium-gallium'],
    ['经济作物育种技术许可', 'cn-cat-economic-crops'],
  ])('%s → restricted via %s', (text, id) => {
    const r = classify(text);
    expect(r.verdict).toBe('restricted');
    expect(r.areas.map((a) => a.id)).toContain(id);
  });

  it('the same listed term in basic research stays review', () => {
    const r = classify('稀土分离过程的热力学机理基础研究');
    expect(r.verdict).toBe('review');
    expect(r.scope.scope).toBe('basic-research');
    expect(r.scope.signals.map((s) => s.text)).toEqual(['机理', '基础研究']);
  });
});

describe('classify: mixed English and Chinese', () => {
  it('matches both scripts in one text and reports positions in the original', () => {
    const text = 'Project 项目: AI辅助的稀土萃取 process development';
    const r = classify(text);
    expect(r.verdict).toBe('restricted');
    expect(r.evidence.map((e) => e.text)).toEqual(['AI', '稀土萃取']);
    for (const e of r.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(r.scope.signals.map((s) => s.text)).toEqual(['process development']);
  });

  it('areas carry names in both languages', () => {
    const r = classify('量子计算 quantum computing');
    expect(r.areas).toHaveLength(1);
    expect(r.areas[0]?.name).toEqual({ en: 'Quantum Information and Enabling Technologies', zh: '量子信息及使能技术' });
    expect(r.evidence).toHaveLength(2);
  });
});
