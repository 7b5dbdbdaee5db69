import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { htmlLang, otherLang, pickPair, uiLang } from '../lib/lang.ts';
import type { ClassifyResult } from '@qiao/contracts';
import { Citations } from '../../../components/Citations.tsx';
import { VerdictBadge } from './VerdictBadge.tsx';

interface TechnologyResultProps {
  result: ClassifyResult;
  /** The checked text with its matched terms marked, shown between the verdict and the areas. */
  children?: ReactNode;
  headingLevel?: 'h3' | 'h4';
}

/** The technology yard's verdict, why, the S&T Agreement scope and every area hit with its terms. */
export function TechnologyResult({ result, children, headingLevel: H = 'h3' }: TechnologyResultProps) {
  const { t, i18n } = useTranslation('projects');
  const lang = uiLang(i18n.language);
  return (
    <div className={`technology-result verdict-box-${result.verdict}`} data-testid="technology-result">
      <p className="verdict-line">
        <VerdictBadge verdict={result.verdict} testId="technology-verdict" />{' '}
        <span lang={htmlLang(lang)}>{pickPair(result.reason.text, lang)}</span>
      </p>
      <p className="scope-line">
        <span className={`badge scope scope-${result.scope.scope}`}>{t(`scope.${result.scope.scope}`)}</span>{' '}
        <span className="muted" lang={htmlLang(lang)}>
          {pickPair(result.scope.reason, lang)}
        </span>
      </p>
      {children}
      {result.areas.length > 0 && (
        <>
          <H className="subheading">{t('checks.areasTitle', { count: result.areas.length })}</H>
          <ul className="area-list">
            {result.areas.map((area) => (
              <li key={area.id} className="area" data-testid="technology-area" data-area={area.id}>
                <p className="area-name">
                  <strong lang={htmlLang(lang)}>{pickPair(area.name, lang)}</strong>{' '}
                  <span className="muted" lang={htmlLang(otherLang(lang))}>
                    {area.name[otherLang(lang)]}
                  </span>
                </p>
                <p className="muted">
                  {t(`source.${area.source}`)} · {t('checks.areaNumber', { number: area.number })}
                </p>
                <p>
                  {t('checks.matched')}{' '}
                  {area.matched.map((term) => (
                    <mark key={term} className="matched-term tag">
                      {term}
                    </mark>
                  ))}
                </p>
                <Citations citations={[area.citation]} className="project-citations" />
              </li>
            ))}
          </ul>
        </>
      )}
      {result.scope.citations.length > 0 && (
        <details className="scope-citations">
          <summary>{t('checks.scopeCitations')}</summary>
          <Citations citations={result.scope.citations} className="project-citations" />
        </details>
      )}
    </div>
  );
}
