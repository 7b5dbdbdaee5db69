import type { PartyName } from '@qiao/contracts';
import type { Locale } from '../i18n/locale.ts';

type NameLang = PartyName['lang'];

// Which script to show first: a reader of the Chinese UI sees the Chinese name when there is one.
const PREFERENCE: Record<Locale, readonly NameLang[]> = {
  en: ['en', 'zh-Latn', 'zh-Hans', 'zh-Hant'],
  zh: ['zh-Hans', 'zh-Hant', 'en', 'zh-Latn'],
};

/** Names ordered for display in the given UI language, the preferred one first. */
export function orderNames(names: readonly PartyName[], locale: Locale): PartyName[] {
  const rank = (name: PartyName) => PREFERENCE[locale].indexOf(name.lang);
  return [...names].sort((a, b) => rank(a) - rank(b));
}

export function primaryName(names: readonly PartyName[], locale: Locale): string {
  return orderNames(names, locale)[0]?.value ?? '';
}

/** Lower case, no tone marks, no spaces or punctuation: "Qīnghuá Dàxué" and "qinghua daxue" meet. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

export interface PartyFilter {
  side: string;
  query: string;
}

/** Keep the parties on the chosen side (empty: all) whose names, in any language, contain the query. */
export function filterParties<T extends { side: string; names: readonly PartyName[] }>(
  items: readonly T[],
  { side, query }: PartyFilter,
): T[] {
  const needle = foldForSearch(query);
  return items.filter(
    (item) =>
      (side === '' || item.side === side) &&
      (needle === '' || item.names.some((name) => foldForSearch(name.value).includes(needle))),
  );
}

export const NAME_LANGS = ['en', 'zh-Hans', 'zh-Hant', 'zh-Latn'] as const satisfies readonly NameLang[];
export type NameFieldValues = Record<NameLang, string>;

export const EMPTY_NAMES: NameFieldValues = { en: '', 'zh-Hans': '', 'zh-Hant': '', 'zh-Latn': '' };

/** The filled-in name fields of a form, as the API's list of names. */
export function toPartyNames(values: NameFieldValues): PartyName[] {
  return NAME_LANGS.map((lang) => ({ lang, value: values[lang].trim() })).filter((name) => name.value !== '');
}
