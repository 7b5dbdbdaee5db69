import { readFile } from 'node:fs/promises';
import { RecordExportSchema, verifyChain, type VerifyReport } from '@qiao/contracts';
import { buildServices, ConfigError, loadConfig, openConfiguredDatabase, type Database } from '@qiao/server';
import type { Command } from 'commander';
import { z } from 'zod';
import { CliError, EXIT } from '../errors.ts';
import { parseOptions } from '../validate.ts';

export interface RecordVerifyResult {
  source: string;
  report: VerifyReport;
}

/** Verifies an export file with no database: the formula and canonical JSON live in @qiao/contracts. */
export async function verifyExportFile(file: string): Promise<RecordVerifyResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err: unknown) {
    throw new CliError(`${file}: cannot read (${err instanceof Error ? err.message : String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${file}: not JSON; give a file from GET /api/record/export`);
  }
  const parsed = RecordExportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`${file}: not a Qiao record export (${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'})`);
  }
  return { source: file, report: await verifyChain(parsed.data.entries, parsed.data.head) };
}

function configuredDatabase(): Promise<Database> {
  try {
    return openConfiguredDatabase(loadConfig());
  } catch (err: unknown) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
}

/** Verifies the chain stored in the platform's database (PGlite, or PostgreSQL with DATABASE_URL). */
export async function verifyDatabase(open: () => Promise<Database> = configuredDatabase): Promise<RecordVerifyResult> {
  const database = await open();
  try {
    await database.migrate();
    const config = loadConfig({ QIAO_LOG_LEVEL: 'silent' });
    const services = buildServices(config, database, { now: () => new Date(), log: { info: () => {}, warn: () => {} } });
    return { source: `${database.kind} database`, report: await services.record.verify() };
  } finally {
    await database.close();
  }
}

export function formatReport({ source, report }: RecordVerifyResult, json: boolean): string {
  if (json) return JSON.stringify({ source, ...report });
  if (report.ok) return `record intact: ${report.entries} entries verified (${source})${report.head ? `; head ${report.head.seq} ${report.head.hash}` : ''}`;
  const b = report.firstBreak;
  return `record BROKEN (${source}): first break at entry ${b?.seq ?? '?'} (position ${b?.index ?? '?'}): ${b?.reason ?? ''}\n  ${b?.message ?? ''}`;
}

/** `qiao record verify [--file EXPORT.json] [--json]`: exit 0 when intact, 1 at the first break. */
export function registerRecordCommands(program: Command): void {
  const record = program.command('record').description('The hash-chained record of approved minutes and decisions');
  record
    .command('verify')
    .description('Recompute the record chain from an export file (offline) or from the platform database; exit 1 at the first break')
    .option('--file <path>', 'a file from GET /api/record/export; without it the platform database is read')
    .option('--json', 'print the report as one JSON line')
    .action(async (raw: unknown) => {
      const opts = parseOptions(z.object({ file: z.string().min(1).optional(), json: z.boolean().optional() }), raw);
      const result = opts.file ? await verifyExportFile(opts.file) : await verifyDatabase();
      process.stdout.write(`${formatReport(result, opts.json === true)}\n`);
      if (!result.report.ok) throw new CliError(`record verification failed at entry ${result.report.firstBreak?.seq ?? '?'}`, EXIT.failure);
    });
}
