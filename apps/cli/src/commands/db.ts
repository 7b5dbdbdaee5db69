import { BackupError, backupDatabase, migrationState, openConfiguredDatabase, restoreDatabase, type Config } from '@qiao/server';
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

/** `qiao db backup FILE` and `qiao db restore FILE`, under the `db` command. */
export function registerDbBackupCommands(db: Command, config: () => Config): void {
  db.command('backup')
    .description('Back up the database into FILE: the embedded database (server stopped) as a dump of its data directory, PostgreSQL with pg_dump (custom format). Dataset files are not included')
    .argument('<file>', 'the backup file to write (replaced whole, or left as it was if the backup fails)')
    .action(async (file: string) => {
      const cfg = config();
      const made = await asCliError(() => backupDatabase(cfg.database, file));
      out(`${made.engine}: backed up ${where(cfg)} to ${made.file} (${made.bytes} bytes)`);
    });

  db.command('restore')
    .description('Replace the database with the backup in FILE (stop every server using it first): the embedded database keeps the one it replaces beside it; PostgreSQL restores with pg_restore --clean in one transaction')
    .argument('<file>', 'a file written by qiao db backup for the same engine')
    .action(async (file: string) => {
      const cfg = config();
      const restored = await asCliError(() => restoreDatabase(cfg.database, file));
      out(`${restored.engine}: restored ${restored.file} into ${where(cfg)}`);
      if (restored.replaced) out(`the database it replaced is in ${restored.replaced}; remove it once you have checked the restore`);
      const database = await openConfiguredDatabase(cfg);
      try {
        const state = await migrationState(database);
        out(`${state.applied}/${state.expected} migrations applied${state.applied < state.expected ? '; the next start (or qiao db migrate) applies the rest' : ''}`);
      } finally {
        await database.close();
      }
    });
}
