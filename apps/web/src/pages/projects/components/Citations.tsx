import { useTranslation } from 'react-i18next';
import { otherLang, pickPair, uiLang, htmlLang } from '../lib/lang.ts';
import type { PolicyCitation } from '../lib/policy-types.ts';

/** The legal sources behind a verdict: instrument in the reader's language, the other beside it. */
export function Citations({ citations }: { citations: readonly PolicyCitation[] }) {
  const { t, i18n } = useTranslation('projects');
  if (citations.length === 0) return null;
  const lang = uiLang(i18n.language);
  const other = otherLang(lang);
  return (
    <ul className="project-citations" aria-label={t('checks.citations')}>
      {citations.map((c, i) => (
        <li key={`${c.instrumentId}-${c.provision}-${i}`} data-testid="citation">
          <cite lang={htmlLang(lang)}>{pickPair(c.instrument, lang)}</cite>
          {c.instrument[other] && c.instrument[other] !== c.instrument[lang] && (
            <span className="muted" lang={htmlLang(other)}>
              {' '}
              ({c.instrument[other]})
            </span>
          )}
          {', '}
          {c.provision}
          {c.url && (
            <>
              {' · '}
              <a href={c.url} rel="noreferrer" target="_blank">
                {t('checks.source')}
              </a>
            </>
          )}
          <span className="muted"> · {t('checks.asOf', { date: c.asOf })}</span>
        </li>
      ))}
    </ul>
  );
}
