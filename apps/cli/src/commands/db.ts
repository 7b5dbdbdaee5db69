import { BackupError, backupDatabase, type BackupFiles, migrationState, openConfiguredDatabase, restoreDatabase, type Config } from '@qiao/server';
import type { Command } from 'commander';
import { CliError } from '../errors.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function asCliError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err: unknown) {
    if (err instanceof BackupError) throw new CliError(err.message);
    throw err;
  }
}

const where = (config: Config) => (config.database.kind === 'postgres' ? 'PostgreSQL' : `the embedded database in ${config.database.dataDir ?? 'memory'}`);

const size = (bytes: number) => (bytes >= 1024 ** 2 ? `${(bytes / 1024 ** 2).toFixed(1)} MiB` : `${bytes} bytes`);

function filesLine(files: BackupFiles, verb: 'backup' | 'restore'): string {
  const what = `${files.count} dataset file(s), ${size(files.bytes)}`;
  if (files.included) return `${what}, in the backup`;
  return verb === 'backup' ? `${what}, listed with their SHA-256 but left in the bucket (--with-files copies them in)` : `${what}, listed by the backup`;
}

/** `qiao db backup FILE` and `qiao db restore FILE`, under the `db` command. */
export function registerDbBackupCommands(db: Command, config: () => Config): void {
  db.command('backup')
    .description(
      'Back up the database and its dataset files into FILE (a tar file): the embedded database (server stopped) as a dump of its data directory, PostgreSQL with pg_dump from one snapshot. Files of the local store are copied in; files in an S3 bucket are listed with their SHA-256, and copied in with --with-files',
    )
    .argument('<file>', 'the backup file to write (replaced whole, or left as it was if the backup fails)')
    .option('--with-files', 'with an S3 bucket: copy the dataset files into the backup too')
    .action(async (file: string, opts: { withFiles?: boolean }) => {
      const cfg = config();
      const made = await asCliError(() => backupDatabase(cfg, file, { withFiles: opts.withFiles === true }));
      out(`${made.engine}: backed up ${where(cfg)} to ${made.file} (${made.bytes} bytes)`);
      if (made.files) out(filesLine(made.files, 'backup'));
    });

  db.command('restore')
    .description(
      'Replace the database with the backup in FILE and add the dataset files it brings to the store. Refused, changing nothing, while a node runs on the database, when the backup is damaged, or when the store would lack a file the database refers to. The embedded database keeps the one it replaces beside it; PostgreSQL restores with pg_restore --clean in one transaction',
    )
    .argument('<file>', 'a file written by qiao db backup for the same engine')
    .option('--allow-missing-files', 'restore even though dataset files the database refers to are in neither the store nor the backup (they are listed)')
    .action(async (file: string, opts: { allowMissingFiles?: boolean }) => {
      const cfg = config();
      const restored = await asCliError(() => restoreDatabase(cfg, file, { allowMissingFiles: opts.allowMissingFiles === true }));
      out(`${restored.engine}: restored ${restored.file} into ${where(cfg)}`);
      if (restored.replaced) out(`the database it replaced is in ${restored.replaced}; remove it once you have checked the restore`);
      if (restored.files) out(`${filesLine(restored.files, 'restore')}: ${restored.filesAdded} added to the store, the others already there`);
      else out('this backup was written before backups held dataset files: check that the store still holds them');
      if (restored.filesMissing.length > 0) out(`missing from the store, restored anyway: ${restored.filesMissing.join(', ')}`);
      const database = await openConfiguredDatabase(cfg);
      try {
        const state = await migrationState(database);
        out(`${state.applied}/${state.expected} migrations applied${state.applied < state.expected ? '; the next start (or qiao db migrate) applies the rest' : ''}`);
      } finally {
        await database.close();
      }
    });
}
