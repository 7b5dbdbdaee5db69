import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { CheckpointExportSchema, RecordExportSchema, SigningKeysSchema, verifyRecord, type RecordCheckpoint, type TrustedKeys, type VerifyReport } from '@qiao/contracts';
import { buildServices, FederationCheckpoints, loadConfig, loadOrCreateNodeKey, openConfiguredDatabase, type Database, type FederatedVerifyReport } from '@qiao/server';
import type { Command } from 'commander';
import { z } from 'zod';
import { CliError, EXIT } from '../errors.ts';
import { cliConfig, federatedConfig } from '../config.ts';
import { parseOptions } from '../validate.ts';

export interface RecordVerifyResult {
  source: string;
  report: VerifyReport;
  /** Whether checkpoint signatures were checked against keys the verifier trusts (database or --keys), not only those in the files. */
  keysPinned: boolean;
}

/** What the verifier was given besides the record: checkpoint files kept earlier and, optionally, pinned keys. */
export interface Kept {
  checkpoints: RecordCheckpoint[];
  keys?: TrustedKeys;
}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err: unknown) {
    throw new CliError(`${file}: cannot read (${err instanceof Error ? err.message : String(err)})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(`${file}: not JSON; give ${what}`);
  }
}

function parseFile<T extends z.ZodType>(schema: T, json: unknown, file: string, kind: string): z.infer<T> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new CliError(`${file}: not a ${kind} (${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'})`);
}

/** Reads checkpoint files (GET /api/record/checkpoints/:id/export) and a keys file (GET /api/record/keys). */
export async function readKept(checkpointFiles: readonly string[], keysFile?: string): Promise<Kept> {
  const checkpoints: RecordCheckpoint[] = [];
  for (const file of checkpointFiles) {
    const json = await readJson(file, 'a file from GET /api/record/checkpoints/:id/export');
    checkpoints.push(parseFile(CheckpointExportSchema, json, file, 'Qiao record checkpoint').checkpoint);
  }
  if (!keysFile) return { checkpoints };
  const keys = parseFile(SigningKeysSchema, await readJson(keysFile, 'a file from GET /api/record/keys'), keysFile, 'Qiao record keys file');
  return { checkpoints, keys: new Map(keys.keys.map((k) => [k.side, k.publicKey])) };
}

/** Verifies an export file with no database: the formula and canonical JSON live in @qiao/contracts. */
export async function verifyExportFile(file: string, kept: Kept = { checkpoints: [] }): Promise<RecordVerifyResult> {
  const data = parseFile(RecordExportSchema, await readJson(file, 'a file from GET /api/record/export'), file, 'Qiao record export');
  const report = await verifyRecord(data.entries, { expectedHead: data.head, checkpoints: kept.checkpoints, ...(kept.keys ? { trustedKeys: kept.keys } : {}) });
  return { source: file, report, keysPinned: kept.keys !== undefined };
}

function configuredDatabase(): Promise<Database> {
  return openConfiguredDatabase(cliConfig());
}

/**
 * Verifies the chain stored in the platform's database (PGlite, or PostgreSQL with DATABASE_URL)
 * against its stored checkpoints and the kept ones; the stored public keys are trusted unless pinned.
 */
export async function verifyDatabase(open: () => Promise<Database> = configuredDatabase, kept: Kept = { checkpoints: [] }): Promise<RecordVerifyResult> {
  const database = await open();
  try {
    await database.migrate();
    const config = loadConfig({ QIAO_LOG_LEVEL: 'silent' });
    const services = buildServices(config, database, { now: () => new Date(), log: { info: () => {}, warn: () => {} } });
    return { source: `${database.kind} database`, report: await services.record.verify(kept.checkpoints, kept.keys), keysPinned: true };
  } finally {
    await database.close();
  }
}

/** One line naming what failed and why, for stderr and the exit. */
export function failureLine(report: VerifyReport): string {
  const b = report.firstBreak;
  if (b) return `record verification failed at entry ${b.seq}: ${b.reason}: ${b.message}`;
  const f = report.checkpoints.failure;
  if (f) return `record verification failed against the checkpoint at entry ${f.seq}: ${f.reason}: ${f.message}`;
  return 'record verification failed';
}

export function formatReport({ source, report, keysPinned }: RecordVerifyResult, json: boolean): string {
  if (json) return JSON.stringify({ source, ...report });
  if (!report.ok) return `record BROKEN (${source}): ${failureLine(report).replace(/^record verification failed /, '')}`;
  const cps = report.checkpoints;
  const checkpoints =
    cps.checked === 0
      ? ''
      : `; ${cps.checked} checkpoint${cps.checked === 1 ? '' : 's'} hold${cps.checked === 1 ? 's' : ''}${cps.latest ? ` (latest at entry ${cps.latest.seq}, signed by ${cps.latest.sides.join(' and ')})` : ''}${keysPinned ? '' : ', checked with the keys inside the files (pin them with --keys)'}`;
  return `record intact: ${report.entries} entries verified (${source})${report.head ? `; head ${report.head.seq} ${report.head.hash}` : ''}${checkpoints}`;
}

export interface FederatedVerifyResult {
  source: string;
  side: string;
  peerSide: string;
  report: FederatedVerifyReport;
}

/**
 * Proves this node's copy of the record against every checkpoint both nodes signed (see
 * docs/FEDERATION.md): the node key and the peer's public key come from the QIAO_NODE_* and
 * QIAO_PEER_* settings; with askPeer the peer's own copies of the checkpoints are fetched too.
 */
export async function verifyFederatedDatabase(open: () => Promise<Database> = configuredDatabase, env: Record<string, string | undefined> = process.env, askPeer = true): Promise<FederatedVerifyResult> {
  const federation = federatedConfig(env, '--federated').federation;
  // A missing key is not created here: a new key would only make every signature of this node fail.
  if (!existsSync(federation.keyFile)) throw new CliError(`no node key at ${federation.keyFile}: this node has never signed a checkpoint (set QIAO_NODE_KEY_FILE or QIAO_DATA_DIR)`);
  const key = loadOrCreateNodeKey(federation.keyFile);
  const database = await open();
  try {
    await database.migrate();
    const report = await new FederationCheckpoints(database.db, { key, config: federation }).verifyFederated({ askPeer });
    return { source: `${database.kind} database`, side: federation.side, peerSide: federation.peerSide, report };
  } finally {
    await database.close();
  }
}

/** The summary line, then one line per failure and per note. */
export function formatFederatedReport({ source, side, peerSide, report }: FederatedVerifyResult, json: boolean): string {
  if (json) return JSON.stringify({ source, side, peerSide, ...report });
  const checked = `${report.checked} checkpoint${report.checked === 1 ? '' : 's'} co-signed by ${side} and ${peerSide}${report.peerAsked ? ` (the ${peerSide} node's copies included)` : ''}`;
  const head = report.ok
    ? `record intact: ${report.entries} entries verified against ${checked} (${source}, ${side} node)`
    : `record BROKEN (${source}, ${side} node): ${report.failures.length} failure${report.failures.length === 1 ? '' : 's'} against ${checked}`;
  return [head, ...report.failures.map((f) => `FAIL ${f}`), ...report.notes.map((n) => `note: ${n}`)].join('\n');
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `qiao record verify [--file EXPORT.json] [--checkpoint FILE]... [--keys FILE] [--federated [--no-peer]] [--json]`: exit 0 when intact, 1 otherwise. */
export function registerRecordCommands(program: Command): void {
  const record = program.command('record').description('The hash-chained record of approved minutes and decisions');
  record
    .command('verify')
    .description('Recompute the record chain from an export file (offline) or from the platform database, and check that it extends every signed checkpoint; exit 1 at the first failure')
    .option('--file <path>', 'a file from GET /api/record/export; without it the platform database is read')
    .option('--checkpoint <path>', 'a checkpoint file from GET /api/record/checkpoints/:id/export that the record must extend (repeatable)', collect, [])
    .option('--keys <path>', 'a keys file from GET /api/record/keys kept earlier: checkpoint signatures must be made with these keys')
    .option('--federated', "on a federated node: prove this node's record matches every checkpoint both nodes signed (one line per failure)")
    .option('--no-peer', 'with --federated: do not ask the peer node for its copies of the checkpoints')
    .option('--json', 'print the report as one JSON line')
    .action(async (raw: unknown) => {
      const opts = parseOptions(
        z.object({ file: z.string().min(1).optional(), checkpoint: z.array(z.string().min(1)), keys: z.string().min(1).optional(), json: z.boolean().optional(), federated: z.boolean().optional(), peer: z.boolean() }),
        raw,
      );
      if (opts.federated) {
        if (opts.file || opts.checkpoint.length || opts.keys) throw new CliError('--federated reads this node\'s database and checkpoints; it takes no --file, --checkpoint or --keys', EXIT.usage);
        const result = await verifyFederatedDatabase(undefined, process.env, opts.peer);
        process.stdout.write(`${formatFederatedReport(result, opts.json === true)}\n`);
        if (!result.report.ok) throw new CliError(`record verification against the co-signed checkpoints failed (${result.report.failures.length} failure${result.report.failures.length === 1 ? '' : 's'})`, EXIT.failure);
        return;
      }
      const kept = await readKept(opts.checkpoint, opts.keys);
      const result = opts.file ? await verifyExportFile(opts.file, kept) : await verifyDatabase(undefined, kept);
      process.stdout.write(`${formatReport(result, opts.json === true)}\n`);
      if (!result.report.ok) throw new CliError(failureLine(result.report), EXIT.failure);
    });
}
