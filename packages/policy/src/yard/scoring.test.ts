import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';

const ids = (text: string) => classify(text).areas.map((a) => a.id);

describe('classify: evidence is weighed', () => {
  it('one weak word of an area stays open, and says why', () => {
    const r = classify('A random forest model of soil carbon stocks');
    expect(r.verdict).toBe('open');
    expect(r.evidence.map((e) => [e.term, e.weight, e.negated])).toEqual([['random forest', 'weak', false]]);
    expect(r.scoring.areas).toEqual([{ id: 'cet-artificial-intelligence', score: 0.5, terms: ['random forest'], hit: false }]);
    expect(r.reason.text.en).toMatch(/below the review threshold/);
  });

  it('several weak words of one area make review', () => {
    const r = classify('Gradient boosting and a random forest predict soil carbon stocks');
    expect(r.verdict).toBe('review');
    expect(r.areas.map((a) => [a.id, a.score])).toEqual([['cet-artificial-intelligence', 1]]);
  });

  it('weak words of different areas do not add up to one area', () => {
    expect(classify('Battery-powered GPS collars on migrating deer').verdict).toBe('open');
  });

  it('one strong term makes review', () => {
    const r = classify('Error mitigation for transmon qubits');
    expect(r.verdict).toBe('review');
    expect(r.areas[0]?.score).toBeGreaterThanOrEqual(1);
  });

  it('a repeated term counts once', () => {
    expect(classify('A random forest, another random forest and a third random forest').verdict).toBe('open');
  });

  it('military use makes a general word count in full', () => {
    const r = classify('A random forest that sorts unexploded munitions in sonar images');
    expect(r.verdict).toBe('review');
    expect(r.scoring.military).toBe(true);
    expect(classify('A random forest that sorts bird calls in recordings').verdict).toBe('open');
    // Negated military use is not military context.
    expect(classify('No military application; a random forest of bird counts').scoring.military).toBe(false);
  });

  it('a study about a technology (history, policy, media, attitudes) that names a field once stays open', () => {
    for (const text of [
      'How newspapers covered the quantum supremacy announcement',
      'A history of export control policy on semiconductors, from archival sources',
      '中美两国公众对人工智能的态度：问卷调查',
      '半導體產業政策的歷史演變：訪談研究',
    ]) {
      const r = classify(text);
      expect(r.verdict, text).toBe('open');
      expect(r.scoring.socialScience, text).toBe(true);
    }
  });

  it('the social-science frame does not hide work that keeps naming a field, nor any development', () => {
    expect(classify('Interviews with engineers on quantum error correction, logical qubits and superconducting qubits').verdict).toBe('review');
    const dev = classify('A history of our lab, and a prototype lidar system to be commercialized');
    expect(dev.scoring.socialScience).toBe(false);
    expect(dev.verdict).toBe('restricted');
  });

  it('explicit development or production of a listed Chinese technology is restricted; the same work as basic research is review', () => {
    expect(classify('Pilot production of lithium iron phosphate cathode powder').verdict).toBe('restricted');
    expect(classify('磷酸铁锂正极材料的中试放大及产业化').verdict).toBe('restricted');
    expect(classify('Process development for sintered NdFeB magnets').verdict).toBe('restricted');
    const basic = classify('Mechanism of lithium diffusion in lithium iron phosphate: basic research');
    expect(basic.verdict).toBe('review');
    expect(basic.scope.scope).toBe('basic-research');
  });

  it('development of a CET technology is review with the S&T Agreement scope note, not restricted', () => {
    const r = classify('Prototype of a trapped-ion quantum computer for commercial deployment');
    expect(r.verdict).toBe('review');
    expect(r.scope.scope).toBe('technology-development');
    expect(r.reason.text.en).toMatch(/2024 S&T Agreement does not cover/);
  });

  it('the explanation lists every term with its position, areas, weight and negation', () => {
    const text = 'We use machine learning on lidar point clouds, but no quantum computing.';
    const r = classify(text);
    expect(r.evidence.map((e) => ({ term: e.term, at: text.slice(e.start, e.end), areas: e.areaIds, weight: e.weight, negated: e.negated }))).toEqual([
      { term: 'machine learning', at: 'machine learning', areas: ['cet-artificial-intelligence'], weight: 'strong', negated: false },
      { term: 'lidar', at: 'lidar', areas: ['ccl-6', 'cn-cat-lidar'], weight: 'strong', negated: false },
      { term: 'quantum computing', at: 'quantum computing', areas: ['cet-quantum'], weight: 'strong', negated: true },
    ]);
    expect(r.evidence[2]?.negation?.cue).toBe('no');
    expect(ids(text)).not.toContain('cet-quantum');
  });
});

describe('classify: the cases named for this classifier', () => {
  it.each([
    ['A gate-all-around transistor process at an advanced node', 'cet-semiconductors'],
    ['Underwater acoustic navigation for autonomous submarines', 'cet-autonomous-systems-robotics'],
    ['Satellite-to-ground entanglement distribution', 'cet-quantum'],
    ['先进制程下的环栅晶体管工艺', 'cet-semiconductors'],
    ['自主潜航器的水声导航系统', 'cet-autonomous-systems-robotics'],
    ['星地糾纏分發實驗', 'cet-quantum'],
  ])('%j is not open', (text, area) => {
    const r = classify(text);
    expect(r.verdict).not.toBe('open');
    expect(r.areas.map((a) => a.id)).toContain(area);
  });
});
