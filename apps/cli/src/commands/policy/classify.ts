import { classify, type ClassifyResult } from '@qiao/policy';
import { z } from 'zod';
import { parseOptions } from '../../validate.ts';
import { readUtf8File } from './read-file.ts';

export const ClassifyOptionsSchema = z
  .object({ text: z.string().optional(), file: z.string().min(1).optional(), json: z.boolean().default(false) })
  .refine((o) => (o.text === undefined) !== (o.file === undefined), { message: 'give exactly one of --text or --file', path: ['text'] });
export type ClassifyOptions = z.infer<typeof ClassifyOptionsSchema>;

/** `qiao policy classify`: the technology-yard verdict for a text given inline or in a UTF-8 file. */
export function runClassify(raw: unknown): { result: ClassifyResult; json: boolean } {
  const opts = parseOptions(ClassifyOptionsSchema, raw);
  const text = opts.file !== undefined ? readUtf8File(opts.file, 'text file') : (opts.text ?? '');
  return { result: classify(text), json: opts.json };
}
