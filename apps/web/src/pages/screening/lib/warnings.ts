/**
 * Import warnings as a person reads them: the same warning about different records (a duplicate-record
 * hash each time) shows once with its count instead of once per record.
 */
export function groupWarnings(warnings: readonly string[]): { text: string; count: number }[] {
  const groups = new Map<string, { text: string; count: number }>();
  for (const w of warnings) {
    const key = w.replace(/\b[0-9a-f]{8,}\b/gi, '#');
    const seen = groups.get(key);
    if (seen) seen.count += 1;
    else groups.set(key, { text: w, count: 1 });
  }
  return [...groups.values()];
}
