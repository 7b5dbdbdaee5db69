import type { ProjectChecks } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { ScreeningBadge } from './ScreeningBadge.tsx';

interface Hit {
  listTitle: string;
  entityName: string;
  score: number;
  decision: { decision?: string; state?: string } | null;
}

function asHit(value: unknown): Hit | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.listTitle !== 'string' || typeof v.entityName !== 'string' || typeof v.score !== 'number') return null;
  const decision = typeof v.decision === 'object' && v.decision !== null ? (v.decision as Hit['decision']) : null;
  return { listTitle: v.listTitle, entityName: v.entityName, score: v.score, decision };
}

/** Every party's screening at the time of the checks, with each list hit it had. */
export function ScreeningResults({ rows }: { rows: ProjectChecks['screening'] }) {
  const { t } = useTranslation('projects');
  if (rows.length === 0) return <p className="empty-inline">{t('checks.noParties')}</p>;
  return (
    <ul className="screening-results plain-list">
      {rows.map((row) => {
        const hits = row.hits.map(asHit).filter((h): h is Hit => h !== null);
        return (
          <li key={row.partyId} className="screening-row" data-testid="screening-row" data-side={row.side}>
            <p>
              <strong>{row.name}</strong> <span className="muted">· {t(`party.kind.${row.kind === 'person' ? 'person' : 'organization'}`)}</span> <SideBadge side={row.side} />{' '}
              <ScreeningBadge status={row.status} />
            </p>
            {hits.length === 0 ? (
              <p className="muted">{t('checks.noHits')}</p>
            ) : (
              <ul className="hits">
                {hits.map((h, i) => (
                  <li key={i}>
                    {t('checks.hit', { list: h.listTitle, name: h.entityName, score: h.score.toFixed(2) })}
                    {h.decision?.decision && <span className="badge side-other">{t('checks.decision', { decision: h.decision.decision.replace('_', ' ') })}</span>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
