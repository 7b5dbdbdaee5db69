import { PARTY_PROPOSAL_STATUSES, type PartyProposal, type PartyProposalStatus, type Side } from '@qiao/contracts';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useFormat } from '../../../lib/format.ts';
import { actsFor, isAdmin, useUser } from '../../../lib/session.ts';
import { proposalKeys, proposalsApi } from '../proposals-api.ts';
import { NameList } from './NameList.tsx';
import { ProposePartyForm } from './ProposePartyForm.tsx';
import './proposals.css';

/**
 * Proposals for the directory with their state. Whoever may add a party of the proposed side (an
 * admin, or that side's compliance officer) accepts or rejects; the server enforces the same rule.
 */
export function PartyProposals({ sides, onAccepted }: { sides: readonly Side[]; onAccepted: () => void }) {
  const { t } = useTranslation();
  const filterId = useId();
  const [status, setStatus] = useState<PartyProposalStatus | ''>('pending');
  const proposals = useQuery({ queryKey: proposalKeys.list(status), queryFn: () => proposalsApi.list(status) });
  return (
    <section id="proposals" aria-labelledby="directory-proposals" className="section" data-testid="party-proposals">
      <div className="section-header">
        <h2 id="directory-proposals">{t('proposals.title')}</h2>
        <div className="field field-inline">
          <label htmlFor={filterId}>{t('proposals.state')}</label>
          <select id={filterId} value={status} onChange={(e) => setStatus(PARTY_PROPOSAL_STATUSES.find((s) => s === e.target.value) ?? '')}>
            <option value="">{t('proposals.allStates')}</option>
            {PARTY_PROPOSAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`proposals.states.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ProposePartyForm sides={sides} />
      {proposals.isPending && <Loading />}
      {proposals.isError && <ErrorMessage error={proposals.error} onRetry={() => void proposals.refetch()} />}
      {proposals.data?.length === 0 && <p className="muted">{t('proposals.none')}</p>}
      {proposals.data && proposals.data.length > 0 && (
        <ul className="plain-list proposal-list">
          {proposals.data.map((p) => (
            <ProposalRow key={p.id} proposal={p} onAccepted={onAccepted} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ProposalRow({ proposal: p, onAccepted }: { proposal: PartyProposal; onAccepted: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const f = useFormat();
  const submit = useSubmit();
  const canDecide = p.status === 'pending' && (isAdmin(user) || actsFor(user, 'compliance_officer', p.side));

  async function decide(decision: 'accept' | 'reject') {
    const ok = await submit.run(() => proposalsApi.decide(p.id, { decision, note: '', version: p.version }), {
      success: t(decision === 'accept' ? 'proposals.accepted' : 'proposals.rejected'),
      invalidate: [proposalKeys.all],
    });
    if (ok && decision === 'accept') onAccepted();
  }

  return (
    <li className="card proposal" data-testid="proposal" data-status={p.status}>
      <div className="proposal-head">
        <NameList names={p.names} />
        <span className="muted">{p.kind === 'organization' ? t(`directory.kinds.${p.orgKind ?? 'other'}`) : t('proposals.kinds.person')}</span>
        <SideBadge side={p.side} />
        {p.country && <span className="muted">{p.country}</span>}
        <span className={`badge proposal-state state-${p.status}`}>{t(`proposals.states.${p.status}`)}</span>
        {p.screeningStatus && <StatusBadge kind="screeningStatus" value={p.screeningStatus} />}
      </div>
      <p className="proposal-reason">{p.reason}</p>
      <p className="muted">
        {t('proposals.proposedBy', { name: p.proposedBy.displayName, when: f.dateTime(p.createdAt) })}
        {p.decidedBy && p.decidedAt && ` · ${t('proposals.decidedBy', { name: p.decidedBy.displayName, when: f.dateTime(p.decidedAt) })}`}
        {p.decisionNote && ` · ${p.decisionNote}`}
      </p>
      {canDecide && (
        <div className="button-row">
          <button type="button" className="button button-primary" disabled={submit.busy} onClick={() => void decide('accept')}>
            {t('proposals.accept')}
          </button>
          <ConfirmButton label={t('proposals.reject')} confirmLabel={t('proposals.reject')} disabled={submit.busy} onConfirm={() => void decide('reject')}>
            {t('proposals.rejectConfirm')}
          </ConfirmButton>
        </div>
      )}
      {submit.error !== null && <ErrorMessage error={submit.error} />}
    </li>
  );
}
