import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../main.ts';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'qiao-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function file(name: string, contents: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
}

/** The real binary, as a user runs it. */
function spawnQiao(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['apps/cli/bin/qiao.js', 'policy', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The same entry point in-process: main() returns the exit code the binary would exit with. Starting
 * the binary loads every command group through tsx and takes seconds, so most cases run here and a
 * few run through the binary to prove the wiring end to end.
 */
async function qiao(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await main(['node', 'qiao', 'policy', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const SLOW = 180_000;

describe('qiao policy (spawned binary)', () => {
  it('classify --text prints verdict, areas, evidence with positions and scope', { timeout: SLOW }, async () => {
    const r = await spawnQiao('classify', '--text', 'He said: prototype EUV lithography for mass production');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('verdict: review');
    expect(r.stdout).toContain('cet-semiconductors: Semiconductors and Microelectronics / 半导体与微电子');
    expect(r.stdout).toContain('19–34 "EUV lithography"');
    expect(r.stdout).toMatch(/"EUV lithography" → [^\n]*cet-semiconductors[^\n]*\[strong\]/);
    expect(r.stdout).toContain('scope: technology-development');
    expect(r.stdout).toContain('https://www.aip.org/fyi/us-and-china-narrow-scope-of-s-t-cooperation-agreement');
  });

  it('transfer --json on a dataset file prints the full result', { timeout: SLOW }, async () => {
    const path = file('pi.json', JSON.stringify({ categories: [{ category: 'personal-information', subjects: 100000, cumulativeSinceJan1: true }] }));
    const r = await spawnQiao('transfer', '--dataset', path, '--direction', 'CN-US', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { verdict: string; conditions: Array<{ id: string; citations: Array<{ url: string }> }> };
    expect(result.verdict).toBe('conditions');
    expect(result.conditions.map((c) => c.id)).toEqual(['cn-standard-contract-or-certification', 'cn-pipl-notice-consent']);
    expect(result.conditions[0]?.citations[0]?.url).toMatch(/^https?:\/\//);
  });

  it('a schema error exits 2 naming the field', { timeout: SLOW }, async () => {
    const path = file('wrong-spawned.json', JSON.stringify({ categories: [{ category: 'human-genomic', subjects: 'many' }] }));
    const r = await spawnQiao('transfer', '--dataset', path, '--direction', 'US-CN');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('categories.0.subjects:');
  });
});

describe('qiao policy classify', () => {
  it('reads a UTF-8 --file (byte-order mark dropped) and prints the full result with --json', async () => {
    const path = file('abstract.txt', '\uFEFF稀土分离工艺开发及产业化\n');
    const r = await qiao('classify', '--file', path, '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { verdict: string; evidence: Array<{ text: string; start: number; end: number }>; scope: { scope: string } };
    expect(result.verdict).toBe('restricted');
    expect(result.scope.scope).toBe('technology-development');
    expect(result.evidence[0]).toMatchObject({ text: '稀土分离', start: 0, end: 4 });
  });

  it('shows a negated term as evidence against, and a weak word below the threshold', async () => {
    const r = await qiao('classify', '--text', 'This project does not involve quantum computing; a random forest maps soil carbon.');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('verdict: open');
    expect(r.stdout).toMatch(/"quantum computing" → cet-quantum \[strong\] — negated by "not": evidence against/);
    expect(r.stdout).toContain('below the review threshold: cet-artificial-intelligence (score 0.5: random forest)');
  });

  it('prints the restricted verdict with its legal basis in text mode', async () => {
    const r = await qiao('classify', '--text', 'Industrialization of NdFeB magnets');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('verdict: restricted');
    expect(r.stdout).toContain('[export prohibited]');
    expect(r.stdout).toContain('basis: Regulations on the Administration of Technology Import and Export');
  });

  it('an open text says so', async () => {
    const r = await qiao('classify', '--text', 'Maternal nutrition');
    expect(r.stdout).toContain('verdict: open');
    expect(r.stdout).toContain('areas (0):');
  });

  it('needs exactly one of --text or --file (exit 2)', async () => {
    const none = await qiao('classify');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--text: give exactly one of --text or --file');
    expect((await qiao('classify', '--text', 'a', '--file', 'b')).code).toBe(2);
  });

  it('a missing file is exit 1 with a message', async () => {
    const r = await qiao('classify', '--file', join(dir, 'nope.txt'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/text file .*nope\.txt: no such file/);
  });

  it('a file that is not UTF-8 is exit 2', async () => {
    const r = await qiao('classify', '--file', file('gbk.txt', Buffer.from([0xb9, 0xe2, 0xbf, 0xcc, 0xbb, 0xfa])));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not valid UTF-8');
  });
});

describe('qiao policy transfer', () => {
  it('prints verdict, conditions, details and citations for US-CN', async () => {
    const path = file('health.json', JSON.stringify({ categories: [{ category: 'personal-health', subjects: 10001 }], us: { transaction: 'vendor-agreement' } }));
    const r = await qiao('transfer', '--dataset', path, '--direction', 'US-CN');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('verdict: conditions');
    expect(r.stdout).toContain('1. us-cisa-security-requirements');
    expect(r.stdout).toContain('detail: personal health data: 10,001 US persons (threshold: more than 10,000)');
    expect(r.stdout).toContain('cite: CISA Security Requirements for Restricted Transactions');
  });

  it('bad JSON is exit 2 with a clear message', async () => {
    const r = await qiao('transfer', '--dataset', file('bad.json', '{"categories": ['), '--direction', 'CN-US');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dataset .*bad\.json: not valid JSON/);
  });

  it.each([
    [{ categories: [{ category: 'human-genomic', subjects: 'many' }] }, 'categories.0.subjects:'],
    [{ kinds: ['state-secrets'] }, 'kinds.0:'],
    [{ cn: { ciio: true, typo: 1 } }, 'cn:'],
    [[], '(top level):'],
  ])('a schema error names the field: %j', async (dataset, field) => {
    const r = await qiao('transfer', '--dataset', file('wrong.json', JSON.stringify(dataset)), '--direction', 'US-CN');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(field);
  });

  it('a bad or missing direction is exit 2', async () => {
    const ok = file('empty.json', '{}');
    const bad = await qiao('transfer', '--dataset', ok, '--direction', 'CN-EU');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--direction:');
    expect((await qiao('transfer', '--dataset', ok)).code).toBe(2);
  });

  it('a missing dataset file is exit 1 with a message', async () => {
    const r = await qiao('transfer', '--dataset', join(dir, 'missing.json'), '--direction', 'US-CN');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dataset .*missing\.json: no such file/);
  });
});
