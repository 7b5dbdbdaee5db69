import type { BilingualText } from '@qiao/contracts';

export type Lang = 'en' | 'zh';

export function uiLang(language: string): Lang {
  return language.startsWith('zh') ? 'zh' : 'en';
}

export const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'zh' : 'en');

/** Anything carrying both languages: the wire shape, or the stored shape notifications carry. */
export type TwoLanguages = Pick<BilingualText, 'en' | 'zh'>;

/** The text in the wanted language, else the other one, with the language actually shown. */
export function pickText(text: TwoLanguages, wanted: Lang): { text: string; lang: Lang } {
  const own = text[wanted];
  if (own) return { text: own, lang: wanted };
  const other = otherLang(wanted);
  return { text: text[other] ?? '', lang: other };
}

/** Plain text for places that cannot hold a flag (page titles, options, notifications). */
export function plain(text: TwoLanguages | null | undefined, lang: Lang): string {
  return text ? pickText(text, lang).text : '';
}

/** Reads a two-language value out of an untyped payload (notifications), or null. */
export function asTwoLanguages(value: unknown): TwoLanguages | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const en = typeof v.en === 'string' ? v.en : null;
  const zh = typeof v.zh === 'string' ? v.zh : null;
  return en || zh ? { en, zh } : null;
}

/** Input for the API: only the languages that were filled in (the server keeps the rest). */
export function toInput(value: { en: string; zh: string }): { en?: string; zh?: string } {
  const en = value.en.trim();
  const zh = value.zh.trim();
  return { ...(en ? { en } : {}), ...(zh ? { zh } : {}) };
}

export const isFilled = (value: { en: string; zh: string }) => value.en.trim() !== '' || value.zh.trim() !== '';

export const fromText = (text: TwoLanguages | null | undefined) => ({ en: text?.en ?? '', zh: text?.zh ?? '' });
