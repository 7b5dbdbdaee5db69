import type { SearchMatch } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { Explanation } from './Explanation.tsx';
import { HighlightedText, type Highlight } from '../../../components/HighlightedText.tsx';

const marks = (ranges: readonly { start: number; end: number; kind: string; how?: string | undefined }[]): Highlight[] => ranges.map((r) => ({ start: r.start, end: r.end, kind: r.kind, title: r.how }));

/** One hit: the matched name with its parts marked, the lists and programmes, why it matched, the record. */
export function MatchCard({ match, query }: { match: SearchMatch; query: string }) {
  const { t } = useTranslation('screening');
  const rec = match.record;
  return (
    <article className="card match-card" aria-label={match.entityName}>
      <header className="match-head">
        <h3>{match.entityName}</h3>
        <span className="score" title={t('match.scoreHint')}>
          {t('match.score', { score: Math.round(match.score * 100) })}
        </span>
      </header>
      <p>
        {t('match.matchedName')}: <HighlightedText text={match.name} highlights={marks(match.highlights.name)} />
        <span className="muted"> · {t('match.yourQuery')}: </span>
        <HighlightedText text={query} highlights={marks(match.highlights.query)} />
      </p>
      <p>
        <SideBadge side={match.listSide === 'reference' ? '—' : match.listSide} /> {match.listTitle}
        {match.programs.length > 0 && <span className="muted"> · {match.programs.join(', ')}</span>}
      </p>
      {match.records.length > 1 && (
        <p className="muted">
          {t('match.alsoOn')}: {match.records.map((r) => `${r.listId} ${r.recordId}${r.programs.length ? ` (${r.programs.join(', ')})` : ''}`).join('; ')}
        </p>
      )}
      <details>
        <summary>{t('match.why')}</summary>
        <Explanation items={match.explanation} />
      </details>
      {rec && (
        <details>
          <summary>{t('match.record')}</summary>
          <dl className="record">
            <dt>{t('match.recordId')}</dt>
            <dd className="mono">{rec.recordId}</dd>
            {rec.aliases.length > 0 && (
              <>
                <dt>{t('match.aliases')}</dt>
                <dd>{rec.aliases.join(' · ')}</dd>
              </>
            )}
            {rec.chineseNames.length > 0 && (
              <>
                <dt>{t('match.chineseNames')}</dt>
                <dd lang="zh">{rec.chineseNames.join(' · ')}</dd>
              </>
            )}
            {rec.countries.length > 0 && (
              <>
                <dt>{t('match.countries')}</dt>
                <dd>{rec.countries.join(', ')}</dd>
              </>
            )}
            {rec.sourceUrl && (
              <>
                <dt>{t('match.source')}</dt>
                <dd>
                  <a href={rec.sourceUrl} target="_blank" rel="noreferrer noopener">
                    {rec.sourceUrl}
                  </a>
                </dd>
              </>
            )}
          </dl>
        </details>
      )}
      {match.decision && (
        <p className="muted">
          {t('decision.bySide', { side: match.decision.side })}:{' '}
          {t('decision.recorded', { decision: t(`decision.${match.decision.decision}`), state: t(`decision.state.${match.decision.state}`) })}
        </p>
      )}
    </article>
  );
}
