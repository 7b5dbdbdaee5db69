const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const UNIT_ORDINALS: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19,
};
const TENS_ORDINALS: Readonly<Record<string, number>> = {
  twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50, sixtieth: 60, seventieth: 70, eightieth: 80, ninetieth: 90,
};

/** Words a number can start with: most words are none of these, and return at once. */
const STARTS: ReadonlySet<string> = new Set([...Object.keys(UNITS), ...Object.keys(TENS), ...Object.keys(UNIT_ORDINALS), ...Object.keys(TENS_ORDINALS)]);

type Part = 'unit' | 'tens' | 'hundred' | 'thousand';

function partOf(word: string): { part: Part; value: number; ordinal: boolean } | undefined {
  const u = UNITS[word] ?? UNIT_ORDINALS[word];
  if (u !== undefined) return { part: 'unit', value: u, ordinal: word in UNIT_ORDINALS };
  const t = TENS[word] ?? TENS_ORDINALS[word];
  if (t !== undefined) return { part: 'tens', value: t, ordinal: word in TENS_ORDINALS };
  if (word === 'hundred' || word === 'hundredth') return { part: 'hundred', value: 100, ordinal: word === 'hundredth' };
  if (word === 'thousand' || word === 'thousandth') return { part: 'thousand', value: 1000, ordinal: word === 'thousandth' };
  return undefined;
}

/** Which part may follow which: "forty two", "two hundred and five", "one thousand twenty", never "two three". */
const FOLLOWS: Readonly<Record<Part | 'start', readonly Part[]>> = {
  start: ['unit', 'tens'],
  unit: ['hundred', 'thousand'],
  tens: ['unit', 'thousand'],
  hundred: ['unit', 'tens', 'thousand'],
  thousand: ['unit', 'tens'],
};

/**
 * English number words at `words[i]` (already lower-cased and split on hyphens) read as one number
 * below a million: `forty two` → 42, `one thousand two hundred and five` → 1205, ordinals included
 * (`twenty first` → 21), so `Unit Forty-two` meets `Unit 42` and `Second Academy` meets `2nd Academy`.
 * Returns the value and how many words it used; an ordinal ends the number.
 */
export function readNumberWords(words: readonly string[], i: number): { value: number; length: number } | undefined {
  if (!STARTS.has(words[i] ?? '')) return undefined;
  let total = 0;
  let current = 0;
  let last: Part | 'start' = 'start';
  let j = i;
  let used = 0;
  while (j < words.length) {
    let word = words[j] ?? '';
    let skip = 0;
    // "hundred and five": the "and" belongs to the number only when a number word follows it.
    if (word === 'and' && (last === 'hundred' || last === 'thousand')) {
      word = words[j + 1] ?? '';
      skip = 1;
    }
    const p = partOf(word);
    if (!p || !FOLLOWS[last].includes(p.part)) break;
    if (p.part === 'unit' && last === 'tens' && (p.value === 0 || p.value > 9)) break;
    if (p.part === 'hundred') current = (current || 1) * 100;
    else if (p.part === 'thousand') {
      if (total > 0) break;
      total = (current || 1) * 1000;
      current = 0;
    } else current += p.value;
    last = p.part;
    j += 1 + skip;
    used = j - i;
    if (p.ordinal) break;
  }
  if (used === 0) return undefined;
  return { value: total + current, length: used };
}
