import { createMatcher, type ListRecord, type Matcher } from '@qiao/screening';

/**
 * Builds a matcher over the given records (a whole version set, a delta for re-screening, or list
 * files the CLI streams in through `fill`). The one place an index is built, for the server and
 * for `qiao screen`. A module of its own, importing only the engine, so `qiao screen --list` builds
 * through it without loading the database layer.
 */
export function buildMatcher(records: Iterable<ListRecord> | ((add: (r: ListRecord) => void) => void)): Matcher {
  const m = createMatcher();
  if (typeof records === 'function') records((r) => m.add(r));
  else for (const r of records) m.add(r);
  m.build();
  return m;
}
