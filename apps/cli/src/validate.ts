import type { z } from 'zod';
import { usageError } from './errors.ts';

/** Parses command options with zod; the first problem becomes a usage error naming the option. */
export function parseOptions<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `--${issue.path.join('.')}` : 'arguments';
  throw usageError(`${where}: ${issue?.message ?? 'invalid'}`);
}
