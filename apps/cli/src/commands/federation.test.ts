import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.ts';
import { nodeKeys } from './federation.ts';

describe('qiao federation keys', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('creates the node key in the data directory once and prints the same public key every time', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'qiao-cli-fed-'));
    const env = { QIAO_DATA_DIR: dir, QIAO_NODE_SIDE: 'CN' };
    const first = nodeKeys(env);
    expect(first).toEqual({ side: 'CN', publicKey: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/) as string, keyFile: path.join(dir, 'node-key.pem') });
    expect(statSync(first.keyFile).mode & 0o777).toBe(0o600);
    expect(nodeKeys(env).publicKey).toBe(first.publicKey);
  });

  it('prints side and key, and fails with one line when federation is not configured', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'qiao-cli-fed-'));
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    vi.stubEnv('QIAO_DATA_DIR', dir);
    vi.stubEnv('QIAO_NODE_SIDE', 'US');
    expect(await main(['node', 'qiao', 'federation', 'keys', '--json'])).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ side: 'US', keyFile: path.join(dir, 'node-key.pem') });
    vi.stubEnv('QIAO_NODE_SIDE', '');
    expect(await main(['node', 'qiao', 'federation', 'keys'])).toBe(1);
    expect(err.join('')).toMatch(/federation is not configured: set QIAO_NODE_SIDE/);
  });
});
