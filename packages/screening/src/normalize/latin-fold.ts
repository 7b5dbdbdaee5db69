const ASCII = /^[\x20-\x7e]*$/;
const SPECIAL: Readonly<Record<string, string>> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', ł: 'l', ı: 'i', þ: 'th' };

/**
 * Folds Latin text to comparable words: NFKC, lower case, diacritics removed, apostrophes dropped
 * inside words (Xi'an → xian, Int'l → intl), `&` read as "and", every other non-alphanumeric a break.
 */
export function latinWords(text: string): string[] {
  let s = text.toLowerCase();
  // Most list names are plain ASCII: skip the two Unicode normalisations for them (build-time hot path).
  if (!ASCII.test(s)) {
    s = s.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');
    s = s.replace(/[ßøæœđðłıþ]/g, (c) => SPECIAL[c] ?? c);
  }
  s = s.replace(/['’‘`ʼ´]/g, '').replace(/&/g, ' and ');
  return s.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

/** Light English plural stemming, applied the same way to both sides so it only needs to be consistent. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('s') && !/(ss|us|is|os|ys)$/.test(word)) return word.slice(0, -1);
  return word;
}
