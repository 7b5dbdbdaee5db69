import { useTranslation } from 'react-i18next';
import { LOCALES, HTML_LANG } from '../i18n/locale.ts';
import { useSession } from '../session/session-context.ts';

/** English / 中文, each label in its own language so either reader can find it. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { setLocale } = useSession();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={HTML_LANG[locale]}
          data-testid={`language-${locale}`}
          aria-pressed={i18n.language === locale}
          onClick={() => {
            // The server copy is a convenience; the switch itself already happened locally.
            setLocale(locale).catch(() => undefined);
          }}
        >
          {t(`language.${locale}`)}
        </button>
      ))}
    </div>
  );
}
