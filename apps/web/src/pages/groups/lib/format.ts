import type { Lang } from './bilingual.ts';

const LOCALE: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };

/** A date and time in the reader's language, in their own time zone. */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short' });
}

/** A calendar day (`YYYY-MM-DD`, read as UTC by the server), written out in the reader's language. */
export function formatDay(day: string, lang: Lang): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return d.toLocaleDateString(LOCALE[lang], { dateStyle: 'medium', timeZone: 'UTC' });
}

/** A `datetime-local` input value → ISO 8601 with an offset, which the API requires. */
export function localInputToIso(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

export const shortHash = (hash: string) => `${hash.slice(0, 12)}…`;
