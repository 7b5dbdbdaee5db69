import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { LIMITS, type ListDiff, type ListImportResult, type ListVersion } from '@qiao/contracts';
import { buildServices, openConfiguredDatabase, type Config } from '@qiao/server';
import type { ListFile } from '@qiao/screening';
import type { Command } from 'commander';
import { z } from 'zod';
import { CliError, usageError } from '../errors.ts';
import { cliConfig } from '../config.ts';
import { parseOptions } from '../validate.ts';

type Services = ReturnType<typeof buildServices>;
const out = (line: string) => process.stdout.write(`${line}\n`);

const config = (): Config => cliConfig();

/** Opens the configured database, migrated, with the services; always closes it. */
async function withServices<T>(run: (services: Services, cfg: Config) => Promise<T>): Promise<T> {
  const cfg = config();
  const database = await openConfiguredDatabase(cfg);
  try {
    await database.migrate();
    return await run(buildServices(cfg, database, { now: () => new Date(), log: { info: () => {}, warn: (m) => process.stderr.write(`qiao: warning: ${m}\n`) } }), cfg);
  } finally {
    await database.close();
  }
}

/**
 * Runs the re-screening jobs now, so alerts exist when the command returns (a running server would
 * too). On the embedded database this process holds the only lock, so a job still marked running was
 * left by a process that died: it is taken back first rather than after its lease.
 */
async function rescreenNow(services: Services): Promise<void> {
  await services.jobs.resumeOrphaned({ embedded: services.database.kind === 'pglite', nodeId: null });
  await services.screening.runQueuedJobs();
}

/** The server's errors (list_invalid, list_download_failed, not_found…) become one-line CLI failures. */
async function asCli<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err: unknown) {
    if (err instanceof Error && 'status' in err && 'id' in err) throw new CliError(err.message);
    throw err;
  }
}

function walk(path: string, acc: string[]): void {
  if (statSync(path).isFile()) {
    acc.push(path);
    return;
  }
  for (const entry of readdirSync(path).sort()) if (!entry.startsWith('.')) walk(join(path, entry), acc);
}

function readFiles(paths: readonly string[]): ListFile[] {
  const found: string[] = [];
  for (const p of paths) {
    try {
      walk(p, found);
    } catch {
      throw usageError(`${p} does not exist`);
    }
  }
  return found.map((f) => ({ path: relative(process.cwd(), resolve(f)).split('\\').join('/') || f, contents: readFileSync(f) }));
}

const ALLOW_SHRINK_HELP = 'confirm an import that removes more than 10% of the records of a list (refused without it; the audit log records the confirmation)';

const versionLine = (v: ListVersion) => `${v.listId.padEnd(18)} v${v.version}  ${String(v.recordCount).padStart(6)} records  ${v.side.padEnd(9)} ${v.dataDate ?? '-'}  ${v.title}`;

function printImport(result: ListImportResult, json: boolean): void {
  if (json) {
    out(JSON.stringify(result));
    return;
  }
  for (const w of result.warnings.filter((x) => !x.includes('(list descriptor'))) process.stderr.write(`qiao: warning: ${w}\n`);
  for (const i of result.items) {
    const c = i.changes;
    out(i.outcome === 'unchanged' ? `${i.listId}: unchanged (same content as version ${i.version.version}; nothing imported)` : `${i.listId}: imported version ${i.version.version} (${i.version.recordCount} records; +${c.added} added, −${c.removed} removed, ~${c.changed} changed)`);
  }
}

function printDiff(d: ListDiff, json: boolean): void {
  if (json) {
    out(JSON.stringify(d));
    return;
  }
  out(`${d.listId}: version ${d.from?.version ?? '(none)'} → ${d.to.version}: +${d.counts.added} added, −${d.counts.removed} removed, ~${d.counts.changed} changed`);
  for (const r of d.added) out(`  + ${r.recordId}  ${r.name}`);
  for (const r of d.removed) out(`  - ${r.recordId}  ${r.name}`);
  for (const c of d.changed) out(`  ~ ${c.after.recordId}  ${c.after.name}  (${c.fields.join(', ')}${c.material ? '; material: decisions lapse' : ''})`);
}

async function importAndRescreen(services: Services, files: ListFile[], opts: { side?: string; allowShrink: boolean }): Promise<ListImportResult> {
  const result = await asCli(services.screening.lists.importFiles(null, files, { ...(opts.side ? { side: opts.side } : {}), allowShrink: opts.allowShrink }));
  await rescreenNow(services);
  return result;
}

/** `qiao lists`, `qiao lists import`, `qiao lists diff`, `qiao lists update`. */
export function registerListCommands(program: Command): void {
  const lists = program.command('lists').description('Restricted-party lists imported into the platform, with versions');
  lists
    .command('show', { isDefault: true })
    .description('the list versions in force (default)')
    .option('--json', 'JSON output')
    .action(async (opts: { json?: boolean }) => {
      const items = await withServices((s) => s.screening.lists.current());
      if (opts.json) out(JSON.stringify({ items }));
      else if (items.length === 0) out('no lists imported yet: run `qiao lists import FILE…` or `qiao lists update`');
      else items.forEach((v) => out(versionLine(v)));
    });
  lists
    .command('import')
    .description('import list files (CSL CSV/JSON, OFAC legacy CSV sets, FtM JSON lines; an index.json descriptor names them) as new versions')
    .argument('<paths...>', 'files or folders (searched recursively)')
    .option('--side <side>', 'issuing side for files without a descriptor: US, CN, reference')
    .option('--allow-shrink', ALLOW_SHRINK_HELP)
    .option('--json', 'JSON output')
    .action(async (paths: string[], raw: unknown) => {
      const opts = parseOptions(z.object({ side: z.string().regex(/^([A-Z]{2}|reference)$/, 'must be US, CN or reference').optional(), allowShrink: z.boolean().optional(), json: z.boolean().optional() }), raw);
      const files = readFiles(paths);
      printImport(await withServices((s) => importAndRescreen(s, files, { ...(opts.side ? { side: opts.side } : {}), allowShrink: opts.allowShrink === true })), opts.json === true);
    });
  lists
    .command('diff')
    .description('records added, removed and changed between two versions (default: the newest against the one before)')
    .argument('<listId>')
    .option('--from <version>', 'older version number')
    .option('--to <version>', 'newer version number')
    .option('--json', 'JSON output')
    .action(async (listId: string, raw: unknown) => {
      const version = z.coerce.number().int().min(1).max(LIMITS.pgIntMax).optional();
      const opts = parseOptions(z.object({ from: version, to: version, json: z.boolean().optional() }), raw);
      printDiff(await withServices((s) => asCli(s.screening.lists.diff(listId, { from: opts.from, to: opts.to }))), opts.json === true);
    });
  lists
    .command('update')
    .description('download the official publications (CSL, OFAC, OpenSanctions; URLs in QIAO_LIST_*_URL) and import them; offline it changes nothing')
    .option('--allow-shrink', ALLOW_SHRINK_HELP)
    .option('--json', 'JSON output')
    .action(async (raw: unknown) => {
      const opts = parseOptions(z.object({ allowShrink: z.boolean().optional(), json: z.boolean().optional() }), raw);
      const result = await withServices(async (s) => {
        const { result: r } = await asCli(s.screening.updateWithFiles(null, { allowShrink: opts.allowShrink === true }));
        await rescreenNow(s);
        return r;
      });
      printImport(result, opts.json === true);
    });
}
