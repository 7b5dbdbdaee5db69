import type { Command } from 'commander';
import { runClassify } from './classify.ts';
import { printClassify, printTransfer } from './output.ts';
import { runTransfer } from './transfer.ts';

/** `qiao policy classify` and `qiao policy transfer`. */
export function registerPolicyCommands(program: Command): void {
  const policy = program.command('policy').description('Technology-yard classification and cross-border data-transfer rules, with citations');
  policy
    .command('classify')
    .description('Classify a project text (English, Chinese or mixed) as open, review or restricted')
    .option('--text <text>', 'the text to classify (title, abstract, keywords)')
    .option('--file <path>', 'a UTF-8 text file to classify instead of --text')
    .option('--json', 'print the full result as JSON', false)
    .action((raw: unknown) => {
      const { result, json } = runClassify(raw);
      printClassify(result, json);
    });
  policy
    .command('transfer')
    .description('Evaluate a dataset transfer: allowed, conditions or prohibited')
    .requiredOption('--dataset <file>', 'dataset declaration (JSON: categories with subject counts, kinds, us/cn context)')
    .requiredOption('--direction <dir>', 'US-CN (US Data Security Program) or CN-US (China rules)')
    .option('--json', 'print the full result as JSON', false)
    .action((raw: unknown) => {
      const { result, json } = runTransfer(raw);
      printTransfer(result, json);
    });
}
