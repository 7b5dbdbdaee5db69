const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Characters that can start or continue a Chinese numeral. */
export const NUMERAL_CHARS = /[零〇一二三四五六七八九两十百千]/;

/**
 * Parses a Chinese numeral: positional (三十八 → 38, 一百零二 → 102) or digit-by-digit as used in
 * institute numbers (七〇一 → 701, 二〇三 → 203). Returns undefined for anything else.
 */
export function parseChineseNumeral(text: string): number | undefined {
  if (text === '') return undefined;
  const chars = [...text];
  if (!chars.every((c) => c in DIGITS || c in UNITS)) return undefined;
  if (!chars.some((c) => c in UNITS)) {
    // Digit by digit: 七〇一 → 701.
    return Number(chars.map((c) => DIGITS[c]).join(''));
  }
  let total = 0;
  let current = 0;
  for (const c of chars) {
    const d = DIGITS[c];
    if (d !== undefined) {
      current = d;
      continue;
    }
    const unit = UNITS[c] ?? 1;
    // A leading 十 means ten (十二 → 12).
    total += (current === 0 ? 1 : current) * unit;
    current = 0;
  }
  return total + current;
}
