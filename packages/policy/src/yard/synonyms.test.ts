import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';

const flagged = (text: string) => classify(text).verdict !== 'open';

describe('classify: controlled work described in other words', () => {
  it.each([
    'A gate-all-around transistor process at the 3 nm node',
    'GAAFET integration with stacked nanosheets',
    'Nanosheet FETs and backside power delivery at advanced nodes',
    'Complementary FET (CFET) process integration',
    '环栅晶体管工艺在3纳米节点的集成',
    '全环绕栅极晶体管与纳米片堆叠',
    '環柵電晶體製程於3奈米節點',
  ])('advanced-node transistor process: %j', (text) => {
    expect(flagged(text)).toBe(true);
    expect(classify(text).areas.map((a) => a.id)).toContain('cet-semiconductors');
  });

  it.each([
    'An underwater acoustic navigation system for autonomous submarines',
    'Sonar navigation for AUVs under ice',
    'Long-baseline acoustic positioning for UUV fleets',
    '面向无人潜航器的水下声学导航系统',
    '自主水下航行器的声呐导航',
    '無人潛航器的水下聲學導航系統',
  ])('underwater autonomous navigation: %j', (text) => {
    expect(flagged(text)).toBe(true);
    expect(classify(text).areas.map((a) => a.id)).toContain('cet-autonomous-systems-robotics');
  });

  it.each([
    'Satellite-to-ground entanglement distribution',
    'Entanglement distribution between ground stations via a quantum satellite',
    'Twin-field QKD over 500 km of fibre',
    '星地量子纠缠分发实验',
    '基于量子卫星的星地量子通信',
    '星地量子糾纏分發實驗',
  ])('quantum entanglement distribution: %j', (text) => {
    expect(flagged(text)).toBe(true);
    expect(classify(text).areas.map((a) => a.id)).toContain('cet-quantum');
  });
});
