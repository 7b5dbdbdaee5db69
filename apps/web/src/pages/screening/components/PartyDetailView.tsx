import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { useResource } from '../../../hooks/use-resource.ts';
import { useUser } from '../../../session/session-context.ts';
import { screeningApi } from '../api.ts';
import { DecisionForm } from './DecisionForm.tsx';
import { Explanation } from './Explanation.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** One party's hits, each with its explanation and the decision in force; officers of its side decide. */
export function PartyDetailView() {
  const { t } = useTranslation('screening');
  const { id = '' } = useParams();
  const user = useUser();
  const party = useResource(() => screeningApi.party(id), [id]);
  if (party.status === 'loading') return <Loading />;
  if (party.status === 'error') return <ErrorMessage error={party.error} onRetry={party.reload} />;
  const p = party.data;
  const canDecide = user.roles.some((r) => r.role === 'compliance_officer' && r.side === p.side);
  return (
    <section className="section" aria-labelledby="party-title">
      <p>
        <Link to="/screening/parties">← {t('parties.title')}</Link>
      </p>
      <h2 id="party-title">{p.names.map((n) => n.value).join(' · ')}</h2>
      <p>
        <SideBadge side={p.side} /> <StatusBadge status={p.status} />
      </p>
      {p.hits.length === 0 && <EmptyState title={t('parties.noHits')}>{t('parties.noHitsHint')}</EmptyState>}
      {p.hits.map((h) => (
        <article key={`${h.listId}/${h.recordId}`} className="card">
          <h3>
            {h.entityName} <span className="score">{t('match.score', { score: Math.round(h.score * 100) })}</span>
          </h3>
          <p>
            <SideBadge side={h.listSide === 'reference' ? '—' : h.listSide} /> {h.listTitle} · <span className="mono">{h.recordId}</span>
            {h.programs.length > 0 && <span className="muted"> · {h.programs.join(', ')}</span>}
          </p>
          <p className="muted">
            {t('parties.matchedAs', { party: h.partyName, name: h.name })}
          </p>
          <details>
            <summary>{t('match.why')}</summary>
            <Explanation items={h.explanation} />
          </details>
          {h.decision ? (
            <p>
              {t('decision.recorded', { decision: t(`decision.${h.decision.decision}`), state: t(`decision.state.${h.decision.state}`) })} — {h.decision.reason}{' '}
              <span className="muted">
                ({h.decision.decidedBy}, {h.decision.decidedAt.slice(0, 10)}
                {h.decision.expiresOn ? `, ${t('decision.until', { date: h.decision.expiresOn })}` : ''})
              </span>
            </p>
          ) : null}
          {canDecide && (!h.decision || h.decision.state !== 'in_force') && <DecisionForm partyId={p.partyId} listId={h.listId} recordId={h.recordId} onDone={party.reload} />}
        </article>
      ))}
    </section>
  );
}
