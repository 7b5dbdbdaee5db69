import type { BilingualText } from '@qiao/contracts';
import { formatNumber } from '../../../lib/format.ts';

export { formatDateTime } from '../../../lib/format.ts';

export type Lang = 'en' | 'zh';

export const uiLang = (language: string): Lang => (language.startsWith('zh') ? 'zh' : 'en');
export const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'zh' : 'en');
export const htmlLang = (lang: Lang): string => (lang === 'zh' ? 'zh-Hans' : 'en');

/** The reader's language when present, else the other one, with which it was. */
export function pick(text: BilingualText, lang: Lang): { text: string; lang: Lang } {
  const own = text[lang];
  if (own) return { text: own, lang };
  return { text: text[otherLang(lang)] ?? '', lang: otherLang(lang) };
}

/** For policy results that carry both languages as `{ en, zh }`. */
export function pickPair(pair: { en: string; zh: string }, lang: Lang): string {
  return pair[lang] || pair[otherLang(lang)];
}

export function formatAmount(amount: number, currency: string, lang: Lang): string {
  try {
    return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { style: 'currency', currency }).format(amount);
  } catch {
    // An unknown ISO code would throw; show the number and code as typed.
    return `${formatNumber(amount, lang)} ${currency}`;
  }
}
