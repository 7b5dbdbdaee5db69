import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram, COMMAND_MODULES } from './main.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = mkdtempSync(join(tmpdir(), 'qiao-cli-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('qiao command loading', () => {
  it('finds every command of the full program by its name alone, and names no command the program lacks', async () => {
    const all = (await buildProgram()).commands.map((c) => c.name());
    expect([...COMMAND_MODULES.flatMap((m) => m.commands)].sort()).toEqual([...all].sort());
    for (const name of all) {
      const alone = (await buildProgram(name)).commands.map((c) => c.name());
      expect(alone, name).toContain(name);
      expect(alone.length, name).toBeLessThan(all.length);
    }
  }, 60_000);

  it('`qiao screen --list` loads neither the web server, the database drivers nor the password dictionaries', async () => {
    // A module resolve hook beside tsx's writes every module the command resolves to a log file.
    const log = join(dir, 'modules.log');
    const hook = join(dir, 'hook.mjs');
    writeFileSync(hook, `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`);
    const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(pathToFileURL(hook).href)})`;
    const args = ['--import', register, 'apps/cli/bin/qiao.js', 'screen', '华为技术有限公司', '--list', 'packages/screening/test/fixtures/lists', '--json'];
    const { status, stdout } = await new Promise<{ status: number | null; stdout: string }>((done) => {
      const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.on('close', (code) => done({ status: code, stdout: out }));
    });
    expect(status).toBe(0);
    expect((JSON.parse(stdout) as { matches: { recordId: string }[] }).matches[0]?.recordId).toBe('a1');
    const modules = readFileSync(log, 'utf8').split('\n');
    // The hook saw the command's own modules and the engine it screens with...
    expect(modules.some((m) => m.endsWith('/packages/screening/src/index.ts'))).toBe(true);
    expect(modules.some((m) => m.endsWith('/apps/server/src/modules/screening/index-builder.ts'))).toBe(true);
    // ...and nothing of the server beyond its index builder.
    const heavy = modules.filter((m) => /\/node_modules\/(fastify|@fastify|@electric-sql|pg|drizzle-orm|@zxcvbn-ts|@aws-sdk|nodemailer)\//.test(m) || /\/apps\/server\/src\/(index|app|server)\.ts$/.test(m));
    expect(heavy).toEqual([]);
  }, 60_000);
});
