import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handleScreen } from './screen.ts';

const dir = mkdtempSync(join(tmpdir(), 'qiao-cli-repeat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('qiao screen --batch with a party on several rows', () => {
  it('reports every row under its own id, a repeated row with the same matches as its first', async () => {
    const file = join(dir, 'repeat.csv');
    writeFileSync(file, 'id,name,type,country\nr1,Huawei Technologies,organization,CN\nr2,CHEN Quanguo,person,\nr3,Huawei Technologies,organization,cn\nr4,Huawei Technologies,person,CN\nr5,CHEN Quanguo,person,\n');
    const out = await handleScreen(undefined, { batch: file, list: ['packages/screening/test/fixtures/lists'] });
    if (out.kind !== 'batch') throw new Error('expected a batch result');
    const rows = out.results;
    expect(rows.map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(rows[0]?.matches?.[0]?.recordId).toBe('a1');
    expect(rows[2]?.matches).toEqual(rows[0]?.matches);
    expect(rows[4]?.matches).toEqual(rows[1]?.matches);
    // Another type is another query: a person named like the company scores below the organisation.
    expect(rows[3]?.matches?.[0]?.score).toBeLessThan(rows[0]?.matches?.[0]?.score ?? 0);
  });
});
