import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';

const ids = (text: string) => classify(text).areas.map((a) => a.id);

describe('classify: a term in a negated clause is evidence against, not a hit', () => {
  it('the Chinese example: 不涉及量子计算 … 仅研究城市绿地 is open, with the quantum term kept as negated evidence', () => {
    const text = '本项目不涉及任何军事用途，也不涉及量子计算，仅研究城市绿地对居民健康的影响';
    const r = classify(text);
    expect(r.verdict).toBe('open');
    expect(r.areas).toEqual([]);
    const q = r.evidence.find((e) => e.term === '量子计算');
    expect(q?.negated).toBe(true);
    expect(q && text.slice(q.start, q.end)).toBe('量子计算');
    expect(q?.negation?.cue).toBe('不涉及');
  });

  it.each([
    'This project does not involve quantum computing.',
    "This project doesn't use machine learning; it surveys household diets.",
    'No machine learning is used; we interview farmers.',
    'A survey of urban parks without any drones or UAVs.',
    'Excluding quantum computing, the workshop covers soil science.',
    'We study pollinators; topics other than quantum computing are welcome.',
    'Neither quantum computing nor machine learning is involved.',
    'Field ecology rather than machine learning.',
    'We will never use lidar in this heritage survey.',
  ])('%j is open', (text) => {
    const r = classify(text);
    expect(r.verdict).toBe('open');
    expect(r.evidence.length).toBeGreaterThan(0);
    expect(r.evidence.every((e) => e.negated)).toBe(true);
  });

  it.each([
    '本研究不包括量子计算，仅关注湿地鸟类',
    '本项目不含人工智能内容',
    '无深度学习方法，采用田野调查',
    '没有使用机器学习',
    '非量子计算项目：古籍整理',
    '除量子计算外，本课题聚焦土壤微生物',
    '本项目并非量子通信研究，而是语言学调查',
    '成果不用于无人机或激光雷达',
    '本研究未涉及人工智能',
  ])('%s is open', (text) => {
    expect(classify(text).verdict).toBe('open');
  });

  it.each([
    'This project does not involve quantum computing; it studies river sediments.',
    'There is no quantum computing in this work.',
    'A soil survey without quantum computing.',
    'Excluding quantum computing, we study pollinators.',
    'Topics other than quantum computing: grassland ecology.',
    'Quantum computing is not part of this work; we study coral reefs.',
    'Quantum computing is outside the scope of this proposal.',
    'Quantum computing will not be used.',
    'Machine learning plays no role in this archival study.',
    '量子计算不在本项目范围内，项目研究茶园土壤',
    '量子计算不属于本项目研究内容',
    '量子计算与人工智能均不在本项目范围内',
    '量子電腦不在本計畫範圍內',
    '军事应用与量子计算除外，本项目研究城市绿地',
  ])('negation after or before the term, in both languages: %j is open, the term shown as negated', (text) => {
    const r = classify(text);
    expect(r.verdict).toBe('open');
    expect(r.evidence.length).toBeGreaterThan(0);
    expect(r.evidence.every((e) => e.negated && e.negation !== undefined)).toBe(true);
  });

  it('"-free" words that begin with 无 are not negations: 无细胞 (cell-free), 无重稀土 (heavy-rare-earth-free)', () => {
    expect(ids('无细胞DNA合成写入兆碱基基因组')).toEqual(['cet-biotechnologies']);
    expect(classify('无重稀土烧结钕铁硼磁体量产').verdict).toBe('restricted');
  });

  it('a short list right after "not" or "no" stays negated; a new clause after a comma does not', () => {
    expect(classify('We will not build, test or transfer any quantum devices; this is a history seminar.').verdict).toBe('open');
    expect(classify('No robotics, drones or autonomy are involved: we interview nurses.').verdict).toBe('open');
    expect(classify('本项目不制造、不测试、不转让任何量子器件').verdict).toBe('open');
    expect(ids('We do not study birds, and we build quantum computers.')).toEqual(['cet-quantum']);
    expect(ids('Rather than surveys, we will fabricate superconducting qubits.')).toEqual(['cet-quantum']);
  });

  it('a negation after a term denies only its own clause', () => {
    expect(ids('We build quantum sensors, and quantum computing is not part of this work.')).toEqual(['cet-quantum']);
    const r = classify('We build quantum sensors and quantum computing is not part of this work.');
    expect(r.evidence.map((e) => [e.term, e.negated])).toEqual([['quantum sensor', false], ['quantum computing', true]]);
    expect(ids('我们研制量子传感器，量子计算不在本项目范围内')).toEqual(['cet-quantum']);
  });

  it('the scope of a negation ends at a contrastive conjunction: the clause after "but" / 而是 / 但 still counts', () => {
    expect(ids('This is not a survey but a quantum computing testbed.')).toEqual(['cet-quantum']);
    expect(ids('We do not study birds, we build quantum computers.')).toEqual(['cet-quantum']);
    expect(ids('本项目不是社会调查，而是量子计算实验')).toEqual(['cet-quantum']);
    expect(ids('不研究鸟类迁徙但研究量子计算')).toEqual(['cet-quantum']);
  });

  it('negation is not an evasion channel: "not only … but also", 不仅, and words that begin with a negation character still count', () => {
    expect(ids('Not only quantum computing but also machine learning.')).toEqual(['cet-artificial-intelligence', 'cet-quantum']);
    expect(ids('including but not limited to quantum computing')).toEqual(['cet-quantum']);
    expect(ids('无人机集群协同控制')).toEqual(['cet-autonomous-systems-robotics']);
    expect(ids('非线性光学中的量子计算')).toEqual(['cet-quantum']);
    expect(ids('非对称加密与量子通信')).toEqual(['cet-quantum']);
    expect(ids('未来的量子计算机')).toEqual(['cet-quantum']);
    expect(ids('无线传感网中的机器学习')).toEqual(['cet-artificial-intelligence']);
    expect(ids('不仅研究量子计算，还研究人工智能')).toEqual(['cet-artificial-intelligence', 'cet-quantum']);
    expect(ids('除量子计算外，还研制量子通信设备').sort()).toEqual(['cet-quantum']);
    expect(classify('除量子计算外，还研究人工智能').evidence.find((e) => e.term === '量子计算')?.negated).toBe(false);
  });

  it('a negated development cue does not make the work technology development', () => {
    expect(classify('No prototype will be built; we study the mechanism of superconducting qubits.').scope.scope).toBe('basic-research');
    expect(classify('不研制样机，仅开展量子比特退相干机理研究').scope.scope).toBe('basic-research');
    expect(classify('We will build a prototype quantum computer.').scope.scope).toBe('technology-development');
  });
});
