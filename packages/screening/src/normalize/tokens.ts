/** A string that only `normalizeName()` produces: comparable tokens joined by single spaces. */
export type NormalizedName = string & { readonly __brand: 'NormalizedName' };

/**
 * What a token is, which sets its weight: proper-name parts identify an entity, terms and places
 * only qualify it ("Technology", "Beijing"), numbers tell institutes apart ("38th Research Institute").
 */
export type TokenKind = 'name' | 'term' | 'place' | 'number';

/** How a token was obtained; reported in explanations as the "script path". */
export type TokenVia =
  | 'latin' // a Latin-script word, folded and stemmed
  | 'latin-dictionary' // a Latin abbreviation or synonym mapped to its full form (Tech → technology)
  | 'pinyin-dictionary' // pinyin input recognised as a dictionary word (daxue → university)
  | 'han-dictionary' // a Han-script dictionary word translated (大学 → university)
  | 'han-pinyin' // the proper-name rest of a Han name, compared in pinyin (华为 → huawei)
  | 'han-numeral' // a Chinese numeral (第三十八 → 38)
  | 'translit' // a word of another alphabet read in Latin (Медведев → medvedev)
  | 'translit-abjad'; // an Arabic, Persian or Hebrew word, compared on its consonants (محمد → mhmd)

export interface NameToken {
  /** Comparable form: lower-case ASCII letters and digits. */
  readonly key: string;
  readonly kind: TokenKind;
  readonly via: TokenVia;
  /** The text in the input this token came from. */
  readonly surface: string;
  /** The folded word before abbreviation/synonym mapping ("technologies"), compared for typos too. */
  readonly form?: string;
  /** True when taken from a second or later dictionary reading (less certain than the first). */
  readonly alternate?: boolean;
  /** For tokens from Han text: the simplified characters, compared directly when both sides have them. */
  readonly han?: string;
}

/** One piece of the input with one or more readings (研究院 → "research institute" | "academy"). */
export interface TokenGroup {
  readonly surface: string;
  readonly alternatives: readonly (readonly NameToken[])[];
}

export interface IgnoredPart {
  readonly surface: string;
  readonly reason: 'legal form' | 'stopword' | 'administrative suffix' | 'punctuation' | 'particle' | 'title';
}

export interface AnalyzedName {
  readonly raw: string;
  readonly normalized: NormalizedName;
  readonly groups: readonly TokenGroup[];
  readonly ignored: readonly IgnoredPart[];
  readonly hasHan: boolean;
  readonly hasLatin: boolean;
  /** True when some words were read from another script (Cyrillic, Arabic…) through transliteration. */
  readonly transliterated?: boolean;
}
