import { DataDirInUseError } from '@qiao/server';
import { Command, CommanderError } from 'commander';
import { registerRecordCommands } from './commands/record.ts';
import { registerFederationCommands } from './commands/federation.ts';
import { registerServerCommands } from './commands/server.ts';
import { registerScreeningCommands } from './commands/screening/index.ts';
import { registerListCommands } from './commands/lists.ts';
import { registerPolicyCommands } from './commands/policy/index.ts';
import { CliError, EXIT } from './errors.ts';

export function buildProgram(): Command {
  const program = new Command('qiao')
    .description('Qiao (桥): US–China science and technology collaboration platform')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerServerCommands(program);
  registerScreeningCommands(program);
  registerListCommands(program);
  registerPolicyCommands(program);
  registerRecordCommands(program);
  registerFederationCommands(program);
  return program;
}

/** Runs the CLI and returns the process exit code; nothing here calls process.exit. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return EXIT.ok;
  } catch (err: unknown) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    // The embedded database is open in another process (a running server): one line, no stack.
    if (err instanceof DataDirInUseError) {
      process.stderr.write(`qiao: ${err.message}\n`);
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
