import type { BilingualText } from '@qiao/contracts';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { HTML_LANG } from '../i18n/locale.ts';
import { otherLang, pickText, uiLang, type Lang } from '../lib/bilingual.ts';

interface BilingualProps {
  text: BilingualText;
  /** Renders the chosen text; `lang` goes on the element so screen readers pick the right voice. */
  children: (shown: string, lang: string) => ReactNode;
}

/**
 * User content in the reader's language, flagged when a language is missing or older than the
 * other (the API computes `flag`), with a control to read the other language.
 */
export function Bilingual({ text, children }: BilingualProps) {
  const { t, i18n } = useTranslation();
  const ui = uiLang(i18n.language);
  const [wanted, setWanted] = useState<Lang | null>(null);
  const shown = pickText(text, wanted ?? ui);
  const other = otherLang(shown.lang);
  const canSwitch = Boolean(text[other]);
  return (
    <>
      {children(shown.text, HTML_LANG[shown.lang])}
      {(text.flag !== 'ok' || canSwitch) && (
        <span className="bilingual-note">
          {text.flag !== 'ok' && (
            <span className="badge badge-warn" data-testid="bilingual-flag" data-flag={text.flag}>
              {t(`bilingual.${text.flag}`)}
            </span>
          )}
          {canSwitch && (
            <button type="button" className="button-link" data-testid="read-other-language" onClick={() => setWanted(other)} lang={HTML_LANG[other]}>
              {t(`bilingual.readIn.${other}`)}
            </button>
          )}
        </span>
      )}
    </>
  );
}
