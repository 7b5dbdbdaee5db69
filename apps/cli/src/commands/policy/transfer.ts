import { DatasetSchema, DirectionSchema, evaluateTransfer, type Dataset, type TransferResult } from '@qiao/policy';
import { z } from 'zod';
import { CliError, EXIT } from '../../errors.ts';
import { parseOptions } from '../../validate.ts';
import { readUtf8File } from './read-file.ts';

export const TransferOptionsSchema = z.object({
  dataset: z.string().min(1),
  direction: DirectionSchema,
  json: z.boolean().default(false),
});

/** Parses and validates a dataset file; every problem names the file and the field. */
export function loadDataset(path: string): Dataset {
  const text = readUtf8File(path, 'dataset');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err: unknown) {
    throw new CliError(`dataset ${path}: not valid JSON (${err instanceof Error ? err.message : String(err)})`, EXIT.usage);
  }
  const parsed = DatasetSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new CliError(`dataset ${path}: ${field}: ${issue?.message ?? 'invalid'}`, EXIT.usage);
  }
  return parsed.data;
}

/** `qiao policy transfer`: both sides' data-transfer rules for a declared dataset and direction. */
export function runTransfer(raw: unknown): { result: TransferResult; json: boolean } {
  const opts = parseOptions(TransferOptionsSchema, raw);
  return { result: evaluateTransfer(loadDataset(opts.dataset), opts.direction), json: opts.json };
}
