import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { uiLang, type Lang } from './bilingual.ts';

/**
 * One format per language for every date and number the app shows: en reads "Dec 6, 2026, 3:04 PM"
 * and "1,234.5", zh reads "2026年12月6日 15:04" and "1,234.5". Pages never call toLocaleString
 * themselves, so the two languages cannot drift into several formats again.
 */
const LOCALE: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(lang: Lang, kind: 'dateTime' | 'day'): Intl.DateTimeFormat {
  const key = `${lang}:${kind}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[lang], kind === 'dateTime' ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium', timeZone: 'UTC' });
    cache.set(key, f);
  }
  return f;
}

/** A moment (ISO 8601) in the reader's language and time zone. */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat(lang, 'dateTime').format(d);
}

/** A calendar day (`YYYY-MM-DD`, or the day part of an ISO time, read as UTC). */
export function formatDay(day: string, lang: Lang): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : dateFormat(lang, 'day').format(d);
}

/** A number with the language's grouping; `digits` caps the decimals (default: up to 2). */
export function formatNumber(value: number, lang: Lang, digits = 2): string {
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits }).format(value);
}

/** A share 0…1 as a percentage: 0.123 → "12%". */
export function formatPercent(share: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Bytes in binary units, one decimal from KB up: 1536 → "1.5 KB". */
export function formatBytes(bytes: number, lang: Lang): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, lang, unit === 0 ? 0 : 1)} ${UNITS[unit]}`;
}

/** A `datetime-local` input value → ISO 8601 with an offset, which the API requires. */
export function localInputToIso(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

export const shortHash = (hash: string) => `${hash.slice(0, 12)}…`;

export interface Formatters {
  lang: Lang;
  dateTime: (iso: string) => string;
  day: (day: string) => string;
  number: (value: number, digits?: number) => string;
  percent: (share: number) => string;
  bytes: (bytes: number) => string;
}

/** The formatters bound to the UI language; re-created only when the language changes. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  return useMemo(
    () => ({
      lang,
      dateTime: (iso) => formatDateTime(iso, lang),
      day: (day) => formatDay(day, lang),
      number: (value, digits) => formatNumber(value, lang, digits),
      percent: (share) => formatPercent(share, lang),
      bytes: (bytes) => formatBytes(bytes, lang),
    }),
    [lang],
  );
}
