// A US node whose transfer guard withholds a catalogue entry from the CN node: its admin sees the entry
// on Administration → Federation with the direction, the verdict, the reason and the prohibiting
// findings, in English and in Chinese. One real `qiao serve` (PGlite), its peer configured but not running.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { apiSignIn } from './helpers/inbox.ts';
import { signIn, switchLanguage, visit } from './helpers/ui.ts';
import { freePort, serveEnv, startServe, type ServeProcess } from './setup/serve.ts';

interface Withheld {
  objectId: string;
  direction: string;
  verdict: string;
  reasonEn: string;
  reasonZh: string;
  findings: { id: string; textEn: string; textZh: string }[];
  withheldBy: string;
}

describe('Administration → Federation lists what the transfer guard withheld', () => {
  let node: ServeProcess;
  let browser: Browser | undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qiao-e2e-withheld-'));

  beforeAll(async () => {
    const peerKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64');
    const port = await freePort();
    node = await startServe(serveEnv(port, dir, { QIAO_NODE_SIDE: 'US', QIAO_PEER_URL: `http://127.0.0.1:${await freePort()}`, QIAO_PEER_PUBLIC_KEY: peerKey, QIAO_FEDERATION_PULL_MS: '0' }), { timeoutMs: 420_000, label: 'the US node' });
  }, 600_000);
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await node?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('shows the withheld entry with its verdict, reason and findings in both languages', { timeout: 300_000 }, async () => {
    const steward = await apiSignIn(node.baseUrl, DEMO_USERS.usSteward);
    const title = `Exome panel ${Date.now().toString(36)}`;
    const ds = await steward.call<{ id: string }>('POST', '/api/datasets', {
      title: { en: title, zh: '外显子组' },
      description: { en: 'Sequenced exomes.', zh: '外显子组测序。' },
      creators: [{ name: 'Odalys Brennan-Kurt', affiliation: 'Harbour', side: 'US' }],
      subjects: ['genomics'],
      licence: 'CC-BY-4.0',
      accessLevel: 'on_request',
      side: 'US',
      dataDeclaration: { categories: [{ category: 'human-genomic', subjects: 5000 }], us: { transaction: 'vendor-agreement' } },
    });
    const admin = await apiSignIn(node.baseUrl, DEMO_USERS.admin);
    const entry = (await admin.call<{ items: Withheld[] }>('GET', '/api/federation/withheld')).items.find((i) => i.objectId === ds.id);
    expect(entry).toMatchObject({ direction: 'US-CN', verdict: 'prohibited', withheldBy: 'this node' });
    expect(entry!.findings.length).toBeGreaterThan(0);

    browser = await openBrowser(node.baseUrl);
    const { page } = browser;
    page.setDefaultTimeout(60_000);
    await signIn(page, DEMO_USERS.admin);
    await visit(page, '/admin/federation');
    const row = page.locator(`[data-testid="federation-withheld"] tr[data-object-id="${ds.id}"]`);
    await row.waitFor();
    const en = await row.innerText();
    expect(en).toContain('US → CN');
    expect(en).toContain('withheld by this node');
    expect(en).toContain(entry!.reasonEn);
    for (const f of entry!.findings) expect(en).toContain(f.textEn);
    expect(await row.locator('[data-kind="transferVerdict"]').getAttribute('data-status')).toBe('prohibited');
    // Nothing of the entry itself is on the page: only why it was held back.
    expect(en).not.toContain(title);

    await switchLanguage(page, 'zh');
    await page.locator('h2#federation-withheld', { hasText: '被数据出境审查扣留的目录条目' }).waitFor();
    const zh = await row.innerText();
    expect(zh).toContain('由本节点扣留');
    expect(zh).toContain(entry!.reasonZh);
    for (const f of entry!.findings) expect(zh).toContain(f.textZh);
  });
});
