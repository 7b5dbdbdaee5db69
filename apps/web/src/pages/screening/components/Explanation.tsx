import type { ExplanationItem } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';

/** The engine's evidence, one line per feature: which parts matched how, what was ignored, which script path. */
export function Explanation({ items }: { items: readonly ExplanationItem[] }) {
  const { t } = useTranslation('screening');
  return (
    <ul className="explanation">
      {items.map((e, i) => (
        <li key={i}>
          {e.feature === 'part' && (
            <>
              <span className="mono">{e.query}</span> ↔ <span className="mono">{e.list}</span> <span className="badge">{e.how}</span>
              {e.score !== undefined && <span className="muted"> {t('match.partScore', { score: Math.round(e.score * 100) })}</span>}
            </>
          )}
          {(e.feature === 'extra-query-part' || e.feature === 'extra-list-part') && (
            <>
              {t(e.feature === 'extra-query-part' ? 'match.extraQuery' : 'match.extraList')}: <span className="mono">{e.text ?? e.query ?? e.list}</span>
            </>
          )}
          {e.feature === 'ignored' && (
            <>
              {t('match.ignored')}: <span className="mono">{e.text}</span> {e.reason && <span className="muted">({e.reason})</span>}
            </>
          )}
          {e.feature === 'script' && (
            <>
              {t('match.script')}: <span className="mono">{e.path ?? e.text}</span>
            </>
          )}
          {e.feature === 'qualifier' && (
            <>
              {t('match.qualifier')}: {e.reason ?? e.text} {e.factor !== undefined && <span className="muted">×{e.factor}</span>}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
