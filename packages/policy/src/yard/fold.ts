import * as OpenCC from 'opencc-js';

/**
 * Traditional → simplified Chinese folding before matching, so a description written in Taiwan, Hong
 * Kong or Macau script (積體電路, 量子位元, 無人潛航器) gets the verdict of its simplified form. The
 * Taiwan-phrase converter also maps regional vocabulary (位元 → 比特, 奈米 → 纳米, 電晶體 → 晶体管).
 *
 * Evidence positions are offsets into the ORIGINAL text, so the folded text must keep its length: the
 * phrase converter is used when it does, else the character converter, else each character on its own.
 * opencc-js is a pure converter (dictionaries bundled, no file or network access).
 */
const phrases = OpenCC.Converter({ from: 'twp', to: 'cn' });
const characters = OpenCC.Converter({ from: 't', to: 'cn' });

export function foldHan(text: string): string {
  const byPhrase = phrases(text);
  if (byPhrase.length === text.length) return byPhrase;
  const byChar = characters(text);
  if (byChar.length === text.length) return byChar;
  return Array.from(text, (ch) => {
    const folded = characters(ch);
    return folded.length === ch.length ? folded : ch;
  }).join('');
}
