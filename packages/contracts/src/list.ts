import { z } from 'zod';

/** Collections come back as `{ items }` so a cursor or total can be added without breaking callers. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/** Most rows one page of a long list may carry. */
export const PAGE_LIMIT_MAX = 200;

/**
 * Paging of a long list: `limit` rows after the opaque `cursor` of the previous page. The reply keeps
 * the `{ items }` body and says where the next page is in a `Link: <…>; rel="next"` header, with the
 * number of rows the filter matches in `X-Total-Count`.
 */
export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;
