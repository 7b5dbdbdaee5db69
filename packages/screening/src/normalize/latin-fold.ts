const ASCII = /^[\x20-\x7e]*$/;
const SPECIAL: Readonly<Record<string, string>> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', ł: 'l', ı: 'i', þ: 'th' };

/**
 * Initials written with dots and no spaces (`A.B.C.`, `U.K.`, `p.l.c.`, `S.p.A.`) are one word, as
 * their undotted spelling is. Spaced initials (`J. R. Smith`) are left alone: they are a person's.
 */
const DOTTED = /(?<![\p{L}\p{N}.])\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{N}])/gu;

/**
 * An upper-case legal form glued to a capitalised name (`RosatomAG`, `VolvoAB`) is split off. Only
 * this shape: a word in capitals (`MASSAG`) or in lower case (`saga`) keeps its letters.
 */
const GLUED_LEGAL_FORM = /(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}{2,})(AG|GmbH|KG|LLC|LLP|Ltd|PLC|SA|SAS|SARL|SpA|Srl|NV|BV|AB|ASA|ApS|Oyj|JSC|PJSC|OJSC|OOO|OAO|ZAO|PAO|Inc|Corp)(?![\p{L}\p{N}])/gu;

/**
 * Folds Latin text to comparable words: NFKC, lower case, diacritics removed, apostrophes dropped
 * inside words (Xi'an → xian, Int'l → intl), `&` read as "and", every other non-alphanumeric a break.
 */
export function latinWords(text: string): string[] {
  let s = text;
  if (s.includes('.')) s = s.replace(DOTTED, (m) => m.replace(/\./g, ''));
  if (ASCII.test(s)) return asciiWords(s);
  s = s.replace(GLUED_LEGAL_FORM, '$1 $2').toLowerCase();
  // Most list names are plain ASCII: skip the two Unicode normalisations for them (build-time hot path).
  if (!ASCII.test(s)) {
    s = s.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');
    s = s.replace(/[ßøæœđðłıþ]/g, (c) => SPECIAL[c] ?? c);
  }
  s = s.replace(/['’‘`ʼ´]/g, '').replace(/&/g, ' and ');
  return s.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

/**
 * latinWords for plain ASCII text (most list names), with ASCII-only expressions: in ASCII the
 * Unicode letter classes are [A-Za-z] and [0-9], a glued legal form needs a lower-case letter
 * followed by a capital, and there is no diacritic or other apostrophe to fold.
 */
function asciiWords(text: string): string[] {
  let s = /[a-z][A-Z]/.test(text) ? text.replace(GLUED_LEGAL_FORM, '$1 $2') : text;
  s = s.toLowerCase();
  if (s.includes("'") || s.includes('`')) s = s.replace(/['`]/g, '');
  if (s.includes('&')) s = s.replace(/&/g, ' and ');
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0;
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(s.slice(start, i));
      start = -1;
    }
  }
  return out;
}

/** Light English plural stemming, applied the same way to both sides so it only needs to be consistent. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('s') && !/(ss|us|is|os|ys)$/.test(word)) return word.slice(0, -1);
  return word;
}
