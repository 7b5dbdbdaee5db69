import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './errors.ts';

type Register = (program: Command) => void;

/**
 * Each top-level command with the module that registers it, in the order `qiao --help` lists them.
 * A command loads only its own module (and what that imports): `qiao screen` never loads the web
 * server, the database drivers or the password dictionaries. Help and unknown commands load them all.
 */
export const COMMAND_MODULES: readonly { readonly commands: readonly string[]; readonly load: () => Promise<Register> }[] = [
  { commands: ['serve', 'db', 'users'], load: async () => (await import('./commands/server.ts')).registerServerCommands },
  { commands: ['screen', 'compare', 'bench'], load: async () => (await import('./commands/screening/index.ts')).registerScreeningCommands },
  { commands: ['lists'], load: async () => (await import('./commands/lists.ts')).registerListCommands },
  { commands: ['policy'], load: async () => (await import('./commands/policy/index.ts')).registerPolicyCommands },
  { commands: ['record'], load: async () => (await import('./commands/record.ts')).registerRecordCommands },
  { commands: ['federation'], load: async () => (await import('./commands/federation.ts')).registerFederationCommands },
];

/** The first word of the command line that is not an option: the command to run, if any. */
function commandOf(argv: readonly string[]): string | undefined {
  const word = argv[2];
  return word === undefined || word.startsWith('-') ? undefined : word;
}

/** The program with the modules `command` needs, or every command's module when none is named or known. */
export async function buildProgram(command?: string): Promise<Command> {
  const program = new Command('qiao')
    .description('Qiao (桥): US–China science and technology collaboration platform')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const own = COMMAND_MODULES.find((m) => command !== undefined && m.commands.includes(command));
  for (const m of own ? [own] : COMMAND_MODULES) (await m.load())(program);
  return program;
}

/** The embedded database is open in another process (a running server). */
async function isDataDirInUse(err: unknown): Promise<boolean> {
  if (!(err instanceof Error) || err.name !== 'DataDirInUseError') return false;
  const { DataDirInUseError } = await import('@qiao/server/data-dir-lock');
  return err instanceof DataDirInUseError;
}

/** Runs the CLI and returns the process exit code; nothing here calls process.exit. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const program = await buildProgram(commandOf(argv));
    await program.parseAsync([...argv]);
    return EXIT.ok;
  } catch (err: unknown) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    // One line, no stack.
    if (await isDataDirInUse(err)) {
      process.stderr.write(`qiao: ${(err as Error).message}\n`);
      return EXIT.failure;
    }
    if (err instanceof CliError) {
      process.stderr.write(`qiao: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`qiao: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.failure;
  }
}
