import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedListsDir } from '../test/paths.ts';
import type { ListFile } from './types.ts';
import { createMatcher } from './matcher/token-matcher.ts';
import { loadListFiles } from './readers/load.ts';

/** Every file under a folder, as the CLI would hand them to loadListFiles. */
function folder(dir: string, base = dir): ListFile[] {
  const out: ListFile[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...folder(p, base));
    else out.push({ path: relative(base, p).split('\\').join('/'), contents: readFileSync(p) });
  }
  return out;
}

const present = existsSync(sharedListsDir);

// The real list snapshots live outside the repo (../shared); without them these tests are skipped.
describe.skipIf(!present)(`real lists in ${sharedListsDir}`, () => {
  const loaded = present ? loadListFiles(folder(sharedListsDir)) : { records: [], lists: [], warnings: [] };

  it('loads every list with the ids of its descriptor and the benchmark gold', () => {
    const ids = new Set(loaded.lists.map((l) => l.listId));
    expect([...ids].sort()).toEqual(['aspi-unitracker', 'cn-sanctions', 'us-csl', 'us-dod-1260h', 'us-ndaa', 'us-ofac-cons', 'us-ofac-sdn', 'us-uflpa']);
    const gold = readFileSync(`${sharedListsDir}/../../bench/screening-dev.jsonl`, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .flatMap((l) => (JSON.parse(l) as { gold: [string, string][] }).gold.map((g) => g[0]));
    for (const id of gold) expect(ids.has(id)).toBe(true);
    expect(loaded.records.length).toBeGreaterThan(20_000);
  });

  it('finds listed Chinese organisations from Han, traditional and pinyin queries', () => {
    const m = createMatcher();
    for (const r of loaded.records) m.add(r);
    m.build();
    expect(m.match({ name: '华为技术有限公司' })[0]?.entityName).toMatch(/huawei technologies/i);
    expect(m.match({ name: '清華大學' })[0]?.name).toMatch(/tsinghua|清华|清華/i);
    expect(m.match({ name: 'Haerbin Gongye Daxue' })[0]?.entityName).toMatch(/harbin institute of technology|哈尔滨工业大学/i);
    expect(m.match({ name: '招商银行股份有限公司' })).toEqual([]);
  });
});
