import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './namespaces.ts';
import { HTML_LANG, initialLocale, isLocale, readStoredLocale, storeLocale, type Locale } from './locale.ts';

export { resources };

export function setupI18n(): typeof i18n {
  const lng = initialLocale(readStoredLocale(), navigator.languages);
  void i18n.use(initReactI18next).init({
    resources,
    lng,
    // A key missing from zh.json falls back to English in production and is loud in development.
    fallbackLng: 'en',
    supportedLngs: ['en', 'zh'],
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
    saveMissing: import.meta.env.DEV,
    missingKeyHandler: (lngs, _ns, key) => {
      console.error(`Missing translation "${key}" for ${lngs.join(', ')}`);
    },
  });
  applyHtmlLang(lng);
  i18n.on('languageChanged', (next) => {
    if (isLocale(next)) applyHtmlLang(next);
  });
  return i18n;
}

function applyHtmlLang(locale: Locale): void {
  document.documentElement.lang = HTML_LANG[locale];
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'en';
}

/** Switch the UI language and remember it on this device. */
export async function changeLocale(locale: Locale): Promise<void> {
  storeLocale(locale);
  await i18n.changeLanguage(locale);
}
