import { describe, expect, it } from 'vitest';
import { shrinkNotices } from './shrink.ts';

describe('shrink notices of a refused import', () => {
  it('reads the counts of a shrink_not_confirmed body', () => {
    const body = { error: { id: 'shrink_not_confirmed', message: 'us-csl: would remove 4109 of 4109 records', shrink: [{ subject: 'us-csl', removed: 4109, total: 4109 }] } };
    expect(shrinkNotices(body)).toEqual([{ subject: 'us-csl', removed: 4109, total: 4109 }]);
  });

  it('gives nothing for other bodies, or counts that are not numbers', () => {
    expect(shrinkNotices({ error: { id: 'conflict', message: 'x' } })).toEqual([]);
    expect(shrinkNotices({ error: { id: 'shrink_not_confirmed', message: 'x', shrink: [{ subject: 'a', removed: 'all', total: 3 }] } })).toEqual([]);
    expect(shrinkNotices('<html>proxy error</html>')).toEqual([]);
    expect(shrinkNotices(undefined)).toEqual([]);
  });
});
