import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { useUser } from '../../../session/session-context.ts';
import { useFormat } from '../../../lib/format.ts';
import { screeningApi, screeningKeys } from '../api.ts';
import { DecisionForm } from './DecisionForm.tsx';
import { Explanation } from './Explanation.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';

/** One party's hits, each with its explanation and every side's decision; each side's officers decide for their own side. */
export function PartyDetailView() {
  const { t } = useTranslation('screening');
  const { id = '' } = useParams();
  const user = useUser();
  const f = useFormat();
  const queryClient = useQueryClient();
  const party = useQuery({ queryKey: screeningKeys.party(id), queryFn: () => screeningApi.party(id) });
  if (party.isPending) return <Loading />;
  if (party.isError) return <ErrorMessage error={party.error} onRetry={() => void party.refetch()} />;
  const p = party.data;
  // A decision changes this party, the registry and the alerts.
  const handleDecided = () => void queryClient.invalidateQueries({ queryKey: screeningKeys.all });
  const officerSides = user.roles.filter((r) => r.role === 'compliance_officer').map((r) => r.side);
  // Each side decides for its own concern: the party's side for its status, the side a hit concerns for its flags.
  const canDecideFor = (side: string) => user.roles.some((r) => r.role === 'compliance_officer' && r.side === side);
  return (
    <section className="section" aria-labelledby="party-title">
      <p>
        <Link to="/screening/parties">← {t('parties.title')}</Link>
      </p>
      <h2 id="party-title">{p.names.map((n) => n.value).join(' · ')}</h2>
      <p>
        <SideBadge side={p.side} /> <StatusBadge kind="screeningStatus" value={p.status} />
      </p>
      {p.hits.length === 0 && <EmptyState title={t('parties.noHits')}>{t('parties.noHitsHint')}</EmptyState>}
      {p.hits.map((h) => {
        const inForce = (side: string) => h.decisions.some((d) => d.side === side && d.state === 'in_force');
        return (
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
          {h.decisions.length > 0 && (
            <div className="decisions" data-testid="hit-decisions">
              {h.decisions.map((d) => (
                <p key={d.id} data-side={d.side} data-state={d.state}>
                  <SideBadge side={d.side} /> {t('decision.bySide', { side: d.side })}:{' '}
                  {t('decision.recorded', { decision: t(`decision.${d.decision}`), state: t(`decision.state.${d.state}`) })} — {d.reason}{' '}
                  <span className="muted">
                    ({d.decidedBy}, {f.day(d.decidedAt)}
                    {d.expiresOn ? `, ${t('decision.until', { date: d.expiresOn })}` : ''})
                  </span>
                  {d.side !== p.side && <span className="muted"> · {t('decision.concernOnly', { side: d.side })}</span>}
                </p>
              ))}
            </div>
          )}
          {h.concernSide !== p.side && <p className="muted">{t('decision.concerns', { side: h.concernSide })}</p>}
          {officerSides.length > 0 && !canDecideFor(p.side) && !canDecideFor(h.concernSide) && (
            <p className="hint" data-testid="not-your-side">
              {t('decision.notYours', { sides: [...new Set([p.side, h.concernSide])].join(', '), own: officerSides.join(', ') })}
            </p>
          )}
          {canDecideFor(p.side) && !inForce(p.side) && <DecisionForm partyId={p.partyId} listId={h.listId} recordId={h.recordId} onDone={handleDecided} />}
          {h.concernSide !== p.side && canDecideFor(h.concernSide) && !inForce(h.concernSide) && (
            <DecisionForm partyId={p.partyId} listId={h.listId} recordId={h.recordId} side={h.concernSide} onDone={handleDecided} />
          )}
        </article>
        );
      })}
    </section>
  );
}
