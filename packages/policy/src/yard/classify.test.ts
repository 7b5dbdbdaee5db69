import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';

const areaIds = (text: string) => classify(text).areas.map((a) => a.id);

describe('classify: open (everything outside the small yard)', () => {
  it.each([
    'He said the results were fine.',
    'Maternal nutrition in rural counties: a cohort study',
    'Air quality monitoring with low-cost sensors in Beijing and Los Angeles',
    'Earthquake forecasting basic research',
    'Neutrino physics at Daya Bay',
    'Infectious-disease surveillance dashboards for public health agencies',
    'The maintainer paid the fee and said goodbye.',
    'Rare books in the university library',
    'Tritium dating of groundwater',
    'Evolution of the insect exoskeleton',
    'Neural networks in the hippocampus during sleep',
    'Economic crops and household income: a survey',
    '',
  ])('%j is open', (text) => {
    const r = classify(text);
    expect(r.verdict).toBe('open');
    expect(r.areas).toEqual([]);
    // At most a weak word (a neural network in the brain), never a strong term.
    expect(r.evidence.every((e) => e.weight === 'weak')).toBe(true);
    expect(r.reason.code).toBe('no-area-hit');
  });
});

describe('classify: review (a CET or CCL area is hit)', () => {
  it.each([
    ['Machine learning for protein structure prediction', ['cet-artificial-intelligence']],
    ['AI-driven weather models', ['cet-artificial-intelligence']],
    ['Large language models for scientific literature', ['cet-artificial-intelligence']],
    ['Superconducting qubits and quantum error correction', ['cet-quantum']],
    ['Quantum key distribution over metropolitan fibre', ['cet-quantum']],
    ['CRISPR screens in yeast', ['cet-biotechnologies']],
    ['Hypersonic boundary-layer transition', ['cet-hypersonics']],
    ['Brain-computer interfaces for stroke rehabilitation', ['cet-human-machine-interfaces']],
    ['Swarms of UAVs for crop monitoring', ['cet-autonomous-systems-robotics']],
    ['Solid-state batteries with sulfide electrolytes', ['cet-clean-energy']],
    ['Semiconductor manufacturing supply chain resilience', ['cet-semiconductors']],
    ['Exascale supercomputers for climate simulation', ['cet-advanced-computing', 'ccl-4']],
    ['Infrared detectors for astronomy', ['ccl-6']],
    ['Ring laser gyros in navigation', ['ccl-7']],
  ])('%j → %j', (text, ids) => {
    const r = classify(text);
    expect(r.verdict).toBe('review');
    expect(r.reason.code).toBe('area-hit');
    expect(r.areas.map((a) => a.id)).toEqual(ids);
  });

  it('the issue example: a semiconductor-manufacturing abstract is flagged for review, outside the agreement', () => {
    const r = classify('We will develop a prototype EUV lithography process for semiconductor manufacturing at pilot-line scale.');
    expect(r.verdict).toBe('review');
    expect(r.scope.scope).toBe('technology-development');
    expect(r.areas.map((a) => a.id)).toEqual(['cet-semiconductors', 'ccl-3']);
    expect(r.reason.text.en).toContain('2024 S&T Agreement');
  });

  it('a China export-control term in basic research is review, not restricted', () => {
    const r = classify('Basic research on the magnetism of NdFeB single crystals');
    expect(r.verdict).toBe('review');
    expect(r.scope.scope).toBe('basic-research');
    expect(r.areas.map((a) => a.id)).toEqual(['cn-cat-rare-earth-prohibited', 'cn-ecl-rare-earth-technology']);
  });

  it('an ECCN written out hits its CCL category with the product group', () => {
    const r = classify('Is the 3A001 converter in scope?');
    expect(r.verdict).toBe('review');
    expect(r.evidence).toEqual([
      { term: '3A001', text: '3A001', start: 7, end: 12, areaIds: ['ccl-3'], weight: 'strong', negated: false, eccn: { productGroup: 'A', productGroupName: { en: 'End items, equipment, components and systems', zh: '最终产品、设备、部件和系统' } } },
    ]);
  });
});

describe('classify: codes', () => {
  it("China's control code 1E902 is read as China's rare-earth entry, not as a US ECCN", () => {
    const r = classify('Licensing 1E902 technology: process development');
    expect(r.areas.map((a) => a.id)).toEqual(['cn-ecl-rare-earth-technology']);
    expect(r.evidence[0]?.eccn).toBeUndefined();
    expect(r.verdict).toBe('restricted');
  });

  it('EAR99 and look-alikes are not ECCNs', () => {
    expect(classify('The item is EAR99; part 3A0010 and 3F001 and 13A001').areas).toEqual([]);
  });

  it('catalogue item numbers are terms: 252604X', () => {
    expect(classify('Item 252604X').areas.map((a) => a.id)).toEqual(['cn-cat-battery-cathode']);
  });
});

describe('classify: restricted (listed technology + technology development)', () => {
  it.each([
    ['Industrialization of rare earth separation for NdFeB magnets', 'cn-cat-rare-earth-prohibited'],
    ['Technology transfer of lithium iron phosphate cathode material preparation', 'cn-cat-battery-cathode'],
    ['Prototype lidar systems for autonomous vehicles, with mass production in 2027', 'cn-cat-lidar'],
    ['Commercialization of a personalized recommendation engine', 'cn-cat-personalised-push'],
    ['Design and prototyping of a high-speed wind tunnel', 'cn-cat-wind-tunnel'],
    ['Process development for 5A002 encryption products', 'ccl-5'],
  ])('%j → restricted via %s', (text, id) => {
    const r = classify(text);
    expect(r.verdict).toBe('restricted');
    expect(r.reason.code).toBe('export-controlled-development');
    expect(r.scope.scope).toBe('technology-development');
    expect(r.areas.map((a) => a.id)).toContain(id);
    const basis = r.reason.citations.map((c) => c.instrumentId);
    expect(basis).toContain(id === 'ccl-5' ? 'us-ear-ccl' : 'cn-tech-import-export-regs');
    if (id === 'ccl-5') expect(basis).not.toContain('cn-tech-import-export-regs');
  });
});

describe('classify: evidence positions point into the original text', () => {
  it('every evidence slice equals its text, in order', () => {
    const text = 'Deep-learning (AI) for GNSS spoofing detection and NdFeB recycling; 光刻机 and 量子计算 too.';
    const r = classify(text);
    expect(r.evidence.length).toBeGreaterThanOrEqual(6);
    for (const e of r.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    const starts = r.evidence.map((e) => e.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('AreaHit.matched lists the dictionary terms once each', () => {
    const r = classify('qubits, more qubits, and a quantum computer');
    expect(r.areas).toHaveLength(1);
    expect(r.areas[0]?.matched).toEqual(['qubit', 'quantum computer']);
  });

  it('every area hit carries its citation', () => {
    const r = classify('AI and 3D printing and ECCN 9E003');
    for (const a of r.areas) {
      expect(a.citation.url).toMatch(/^https?:\/\//);
      expect(a.citation.provision).toBeTruthy();
    }
    expect(areaIds('AI and 3D printing and ECCN 9E003')).toEqual(['cet-advanced-manufacturing', 'cet-artificial-intelligence', 'ccl-9']);
  });
});
