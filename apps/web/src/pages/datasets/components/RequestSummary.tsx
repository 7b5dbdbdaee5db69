import type { AccessRequest } from '@qiao/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { useFormat } from '../../../lib/format.ts';
import { TransferReview } from './TransferReview.tsx';

/** One access request: who, why, where it stands, and the transfer review when it crosses sides. */
export function RequestSummary({ request, heading, children }: { request: AccessRequest; heading?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation('datasets');
  const f = useFormat();
  const status = request.status === 'granted' && !request.active ? 'expired' : request.status;
  return (
    <article className="request-card" data-testid="access-request" data-status={request.status}>
      {heading}
      <p className="request-head">
        <span className={`badge status-${status}`} data-testid="request-status">
          {t(`requests.status.${status}`)}
        </span>{' '}
        <strong>{request.requester.displayName || request.requester.email}</strong> <SideBadge side={request.requester.side} />{' '}
        <span className="muted">{f.dateTime(request.createdAt)}</span>
      </p>
      <p>
        <span className="label">{t('requests.purpose')}</span> {request.purpose}
      </p>
      {request.transfer ? <TransferReview transfer={request.transfer} conditions={request.conditions} /> : <p className="muted">{t('transfer.sameSide')}</p>}
      {request.decidedAt && (
        <p className="decision" data-testid="request-decision">
          <span className="label">{t('requests.decision')}</span> {request.decisionNote}
          {request.decidedBy && <span className="muted"> · {request.decidedBy}</span>}
          {request.expiresAt && <span> · {t('requests.expires', { date: request.expiresAt })}</span>}
        </p>
      )}
      {request.revokedAt && (
        <p className="decision" data-testid="request-revoked">
          {t('requests.revoked', { who: request.revokedBy ?? '', date: f.dateTime(request.revokedAt), note: request.revokeNote })}
        </p>
      )}
      {children}
    </article>
  );
}
