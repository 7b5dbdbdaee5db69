import { describe, expect, it } from 'vitest';
import { groupWarnings } from './warnings.ts';

describe('import warnings', () => {
  it('shows a warning repeated for different records once, with how many', () => {
    const warnings = ['ofac-sdn: duplicate record 3f2a9c0d11 skipped', 'ofac-sdn: duplicate record 77be01aa90 skipped', 'csl: no data date', 'csl: no data date'];
    expect(groupWarnings(warnings)).toEqual([
      { text: 'ofac-sdn: duplicate record 3f2a9c0d11 skipped', count: 2 },
      { text: 'csl: no data date', count: 2 },
    ]);
  });
});
