import { useTranslation } from 'react-i18next';

/** What a citation shows: the instrument in both languages, the provision, its source and the date checked. */
export interface CitationView {
  readonly instrument: { readonly en: string; readonly zh: string };
  readonly provision: string;
  readonly url?: string;
  readonly asOf: string;
}

/** A dataset transfer citation carries the instrument's two titles as separate fields. */
export function fromTransferCitation(c: { instrumentEn: string; instrumentZh: string; provision: string; url?: string; asOf: string }): CitationView {
  return { instrument: { en: c.instrumentEn, zh: c.instrumentZh }, provision: c.provision, url: c.url, asOf: c.asOf };
}

/** The legal sources behind a verdict, condition or finding: the instrument in the reader's language, the other beside it. */
export function Citations({ citations, className = 'citations' }: { citations: readonly CitationView[]; className?: string }) {
  const { t, i18n } = useTranslation();
  if (citations.length === 0) return null;
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const other = lang === 'zh' ? 'en' : 'zh';
  const htmlLang = (l: 'en' | 'zh') => (l === 'zh' ? 'zh-Hans' : 'en');
  return (
    <ul className={className} aria-label={t('common.citations')}>
      {citations.map((c, i) => (
        <li key={`${c.provision}-${i}`} data-testid="citation">
          <cite lang={htmlLang(c.instrument[lang] ? lang : other)}>{c.instrument[lang] || c.instrument[other]}</cite>
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
                {t('common.citationSource')}
              </a>
            </>
          )}
          <span className="muted"> · {t('common.citationAsOf', { date: c.asOf })}</span>
        </li>
      ))}
    </ul>
  );
}
