import confusables from '../dict/confusables.json' with { type: 'json' };

const LOOK_ALIKE: ReadonlyMap<string, string> = new Map(Object.entries((confusables as { map: Record<string, string> }).map));

/**
 * Characters that render as nothing (or only steer rendering) and so can hide a listed name from a
 * character-by-character comparison: zero-width space/joiners, word joiner, soft hyphen, bidi
 * controls, byte-order mark, variation selectors, tag characters… Unicode's Default_Ignorable_Code_Point
 * plus every other format character (Cf).
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;
const CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
const LATIN = /\p{Script=Latin}/u;
const WORD = /[\p{L}\p{M}]+/gu;

/**
 * Undoes what an evader does to a name without changing what it says: invisible characters removed,
 * NFKC (full-width and mathematical letters → plain ones), and Cyrillic or Greek look-alikes read as
 * the Latin letter they imitate, but only inside a word that also has Latin letters (`Наrbin`). A
 * word wholly in Cyrillic or Greek (`Медведев`) is a real name in that script and stays as written.
 */
export function deobfuscate(text: string): string {
  const visible = text.replace(INVISIBLE, '').normalize('NFKC');
  if (!CYRILLIC_OR_GREEK.test(visible) || !LATIN.test(visible)) return visible;
  return visible.replace(WORD, (word) => (CYRILLIC_OR_GREEK.test(word) && LATIN.test(word) ? [...word].map((c) => LOOK_ALIKE.get(c) ?? c).join('') : word));
}
