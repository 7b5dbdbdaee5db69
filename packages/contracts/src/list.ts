import { z } from 'zod';

/** Collections come back as `{ items }` so a cursor or total can be added without breaking callers. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}
