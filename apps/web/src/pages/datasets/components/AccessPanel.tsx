import type { Dataset } from '@qiao/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { datasetKeys, datasetsApi } from '../api.ts';
import { useOptionalUser } from '../../../lib/session.ts';
import { AccessRequestForm } from './AccessRequestForm.tsx';
import { RequestSummary } from './RequestSummary.tsx';

/** The server's reason in the reader's language; the server's wording is kept for anything new. */
function useReason(reason: string): string {
  const { t } = useTranslation('datasets');
  const until = /^(granted|embargoed) until (\S+)$/.exec(reason);
  if (until) return until[1] === 'granted' ? t('reason.grantedUntil', { date: until[2] ?? '' }) : t('reason.embargoedUntil', { date: until[2] ?? '' });
  const side = /^restricted to side (\S+)$/.exec(reason);
  if (side) return t('reason.restricted', { side: side[1] ?? '' });
  switch (reason) {
    case 'steward':
      return t('reason.steward');
    case 'open':
      return t('reason.open');
    case 'granted':
      return t('reason.granted');
    case 'sign in to request access':
      return t('reason.signIn');
    case 'request access':
      return t('reason.request');
    default:
      return reason;
  }
}

/** Whether the reader can download, and if not, how to ask; their requests for this dataset. */
export function AccessPanel({ dataset, onChange }: { dataset: Dataset; onChange: () => void }) {
  const { t } = useTranslation('datasets');
  const user = useOptionalUser();
  const { pathname } = useLocation();
  const reason = useReason(dataset.access.reason);
  return (
    <section className={`panel access-panel ${dataset.access.canDownload ? 'access-yes' : 'access-no'}`} aria-labelledby="ds-access" data-testid="access-panel">
      <h2 id="ds-access">{t('accessPanel.title')}</h2>
      <p data-testid="access-reason">
        <strong>{dataset.access.canDownload ? t('accessPanel.canDownload') : t('accessPanel.cannotDownload')}</strong> {reason}
      </p>
      {!user && !dataset.access.canDownload && (
        <Link to="/sign-in" state={{ from: pathname }} className="button button-secondary">
          {t('accessPanel.signIn')}
        </Link>
      )}
      {user && dataset.stewardId !== user.id && <MyRequestsFor dataset={dataset} onChange={onChange} />}
    </section>
  );
}

function MyRequestsFor({ dataset, onChange }: { dataset: Dataset; onChange: () => void }) {
  const { t } = useTranslation('datasets');
  const mine = useQuery({ queryKey: datasetKeys.mine(), queryFn: datasetsApi.mine });
  if (mine.isError) return <ErrorMessage error={mine.error} onRetry={() => void mine.refetch()} />;
  if (!mine.data) return <Loading />;
  const requests = mine.data.filter((r) => r.datasetId === dataset.id);
  const blocking = requests.some((r) => r.status === 'pending' || r.active);
  const canAsk = !dataset.access.canDownload && !blocking && (dataset.accessLevel === 'on_request' || dataset.accessLevel === 'restricted');
  return (
    <>
      {requests.length > 0 && <h3>{t('requests.yours')}</h3>}
      {requests.map((r) => (
        <RequestSummary key={r.id} request={r} />
      ))}
      {canAsk && (
        <AccessRequestForm
          datasetId={dataset.id}
          onSent={onChange}
        />
      )}
    </>
  );
}
