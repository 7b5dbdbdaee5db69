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
      <EvidenceList result={result} />
      {result.scope.citations.length > 0 && (
        <details className="scope-citations">
          <summary>{t('checks.scopeCitations')}</summary>
          <Citations citations={result.scope.citations} className="project-citations" />
        </details>
      )}
    </div>
  );
}

/**
 * The explanation: every term the yard read, in text order, with its position, its areas, whether it
 * names the technology or is a general word, and whether a negation turned it into evidence against;
 * then the areas that stayed below the review threshold and the context words that changed the count.
 */
function EvidenceList({ result }: { result: ClassifyResult }) {
  const { t } = useTranslation();
  const scoring = result.scoring;
  if (result.evidence.length === 0) return null;
  const below = scoring?.areas.filter((a) => !a.hit) ?? [];
  return (
    <details className="yard-evidence" data-testid="technology-evidence">
      <summary>{t('yardEvidence.title', { count: result.evidence.length })}</summary>
      <ul>
        {result.evidence.map((e) => (
          <li key={`${e.start}:${e.end}`} data-testid="evidence-term" data-negated={e.negated ? 'true' : 'false'} data-weight={e.weight ?? 'strong'}>
            <mark className={`matched-term tag${e.negated ? ' negated' : ''}`}>{e.text}</mark>{' '}
            <span className="muted">
              {t('yardEvidence.position', { start: e.start, end: e.end })} · {e.areaIds.join(', ')} ·{' '}
              {t(e.weight === 'weak' ? 'yardEvidence.weak' : 'yardEvidence.strong')}
              {e.negated && e.negation ? ` · ${t('yardEvidence.negated', { cue: e.negation.cue })}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {scoring && below.length > 0 && (
        <p className="muted">
          {t('yardEvidence.belowThreshold', {
            areas: below.map((a) => `${a.id} (${t('yardEvidence.score', { score: a.score, threshold: scoring.threshold })})`).join('; '),
          })}
        </p>
      )}
      {scoring?.military && <p className="muted">{t('yardEvidence.military')}</p>}
      {scoring?.socialScience && <p className="muted">{t('yardEvidence.socialScience')}</p>}
    </details>
  );
}
