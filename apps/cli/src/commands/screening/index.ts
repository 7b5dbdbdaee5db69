import type { Command } from 'commander';
import { DEFAULT_LIMIT, DEFAULT_THRESHOLD } from '@qiao/screening';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * `qiao screen`, `qiao compare` and `qiao bench screening`. Each action imports its own code when it
 * runs, so `qiao screen` does not load the benchmarks' fuse.js or the synthetic-list generator.
 */
export function registerScreeningCommands(program: Command): void {
  program
    .command('screen')
    .description('screen a name (or a batch file of names) against restricted-party lists')
    .argument('[name]', 'name to screen, in English, Chinese (simplified or traditional) or pinyin')
    .option('--type <type>', 'organization, person, vessel, aircraft or unknown')
    .option('--country <cc>', 'ISO 3166 alpha-2 country of the party')
    .option('--list <path>', 'list file or folder (repeatable; default: the lists imported into the platform database)', collect, [])
    .option('--threshold <t>', `alert threshold 0-1 (default ${DEFAULT_THRESHOLD})`)
    .option('--limit <n>', `matches per name (default ${DEFAULT_LIMIT})`)
    .option('--batch <file>', 'CSV (header with name; optional id,type,country) or JSON lines; a file with a bad line is refused whole, every bad line named')
    .option('--json', 'JSON output, one line per name')
    .action(async (name: string | undefined, opts: Record<string, unknown>) => {
      const [{ runScreen }, { RowPrinter }] = await Promise.all([import('./screen.ts'), import('./output.ts')]);
      // Each result is printed as it is screened; none is kept for the end.
      const printer = new RowPrinter(opts.json === true);
      try {
        await runScreen(name, opts, (r) => printer.row(r));
      } finally {
        printer.end();
      }
    });
  program
    .command('compare')
    .description('compare two names and explain the score')
    .argument('[name1]')
    .argument('[name2]')
    .option('--type <type>', 'organization or person')
    .option('--pairs <file>', 'CSV with name1,name2 and optional type')
    .option('--json', 'JSON output')
    .action(async (name1: string | undefined, name2: string | undefined, opts: Record<string, unknown>) => {
      const [{ handleCompare }, { printCompare }] = await Promise.all([import('./compare.ts'), import('./output.ts')]);
      printCompare(handleCompare(name1, name2, opts), opts.json === true);
    });
  const bench = program.command('bench').description('benchmarks');
  bench
    .command('screening')
    .description('screening quality and speed against fuse.js on ../shared (see packages/screening/README.md)')
    .option('--fuse-every <n>', 'run fuse.js on every n-th query (default 8)')
    .option('--fuse-budget <seconds>', 'stop fuse.js after this many seconds (default 80)')
    .action(async (opts: Record<string, unknown>) => {
      await (await import('./bench.ts')).handleBench(opts);
    });
  bench
    .command('screening-scale')
    .description('screening at a million synthetic FtM entities (peak RSS, index build, queries; fuse.js beside), the real lists and a 20,000-name batch')
    .option('--entities <n>', 'synthetic entities (default 1000000)')
    .option('--queries <n>', 'queries against the synthetic index (default 2000)')
    .option('--batch <n>', 'distinct names in the batch run (default 20000)')
    .option('--only-batch', 'run only the batch case: qiao screen --batch of distinct names, and its start-up alone')
    .option('--fuse-queries <n>', 'fuse.js queries timed and scaled to --queries (default 20; 0 skips fuse.js)')
    .option('--phase <phase>', 'internal: one measurement in this process (synthetic, fuse, lists)')
    .action(async (opts: Record<string, unknown>) => {
      await (await import('./bench-scale.ts')).handleScaleBench(opts);
    });
}
