import type { BilingualText } from '@qiao/contracts';

export type Lang = 'en' | 'zh';

export function uiLang(language: string): Lang {
  return language.startsWith('zh') ? 'zh' : 'en';
}

export const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'zh' : 'en');

/** The text in the wanted language, else the other one, with which language was actually shown. */
export function pickText(text: BilingualText, wanted: Lang): { text: string; lang: Lang } {
  const own = text[wanted];
  if (own) return { text: own, lang: wanted };
  const other = otherLang(wanted);
  return { text: text[other] ?? '', lang: other };
}
