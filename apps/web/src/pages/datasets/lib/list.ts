/** Comma-separated text as a trimmed list without empties. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
