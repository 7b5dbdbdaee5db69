import { describe, expect, it } from 'vitest';
import { parseBatch } from '@qiao/screening';
import { batchCsv, distinctBatchNames } from './bench-batch.ts';
import { loadLists } from './list-source.ts';

describe('the benchmark batch of distinct names', () => {
  const { records } = loadLists(['packages/screening/test/fixtures/lists']);
  const development = [
    { name: '华为技术有限公司', type: 'organization' as const },
    { name: 'Huawei Technologies', type: 'organization' as const },
    { name: 'Huawei Technologies', type: 'organization' as const },
  ];

  it('makes the asked number of distinct names, development queries first, the same every time', () => {
    const { names, mix } = distinctBatchNames(records, development, 2000);
    expect(names).toHaveLength(2000);
    expect(new Set(names.map((n) => n.name)).size).toBe(2000);
    expect(names.slice(0, 2).map((n) => n.name)).toEqual(['华为技术有限公司', 'Huawei Technologies']);
    expect(mix.development).toBe(2);
    // The few fixture names are all used, as written or edited; the rest are listed nowhere.
    expect(mix.listed + mix.varied).toBeGreaterThan(0);
    expect(mix.listed + mix.varied).toBeLessThanOrEqual(records.reduce((n, r) => n + 1 + r.aliases.length, 0));
    expect(mix.development + mix.listed + mix.varied + mix.unlisted).toBe(2000);
    expect(distinctBatchNames(records, development, 2000).names).toEqual(names);
    expect(names.some((n) => /\p{Script=Han}/u.test(n.name) && n.type === 'person')).toBe(true);
  });

  it('writes a file the batch parser reads whole, quotes and all', () => {
    const { names } = distinctBatchNames(records, [{ name: 'Acme "Quoted", Ltd', type: 'organization' }], 500);
    const parsed = parseBatch(batchCsv(names));
    expect(parsed.rows).toHaveLength(500);
    expect(parsed.rows[0]).toMatchObject({ id: 'b1', name: 'Acme "Quoted", Ltd', type: 'organization' });
  });
});
