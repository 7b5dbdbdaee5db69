import { ShrinkNoticeSchema, type ShrinkNotice } from '@qiao/contracts';

/**
 * What a refused import (409 shrink_not_confirmed) would have removed, read from its error body, so
 * the page can show the counts before the admin confirms; an empty list for any other body.
 */
export function shrinkNotices(body: unknown): ShrinkNotice[] {
  const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  const shrink = typeof error === 'object' && error !== null && 'shrink' in error ? error.shrink : undefined;
  const parsed = ShrinkNoticeSchema.array().safeParse(shrink);
  return parsed.success ? parsed.data : [];
}
