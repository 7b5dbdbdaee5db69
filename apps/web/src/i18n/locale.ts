/** The UI languages; the same two values the server stores as a user's locale. */
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'qiao.locale';

/** BCP 47 tag for the <html lang> attribute, so screen readers and fonts pick the right script. */
export const HTML_LANG: Record<Locale, string> = { en: 'en', zh: 'zh-Hans' };

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'zh';
}

/** The remembered choice first, then the browser's preference, then English. */
export function initialLocale(stored: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  const preferred = browserLanguages.find((tag) => /^(en|zh)\b/i.test(tag));
  return preferred?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function readStoredLocale(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (private mode, policy); the choice then lasts for this page only.
    return null;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // See readStoredLocale.
  }
}
