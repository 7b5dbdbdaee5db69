import type { BatchJob } from '@qiao/contracts';
import { useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useFormat } from '../../../lib/format.ts';
import { screeningApi, screeningKeys } from '../api.ts';

interface BatchHistoryProps {
  query: UseQueryResult<BatchJob[]>;
  openId: string | null;
  onOpen: (id: string) => void;
  onDeleted: (id: string) => void;
}

/** The person's past batches: open one again, download its results, or delete it. */
export function BatchHistory({ query, openId, onOpen, onDeleted }: BatchHistoryProps) {
  const { t } = useTranslation('screening');
  const f = useFormat();
  const submit = useSubmit();
  const queryClient = useQueryClient();

  async function handleDelete(id: string) {
    const ok = await submit.run(() => screeningApi.deleteBatch(id), { success: t('batch.deleted'), invalidate: [screeningKeys.batches()] });
    if (ok) {
      queryClient.removeQueries({ queryKey: screeningKeys.batch(id) });
      onDeleted(id);
    }
  }

  return (
    <section aria-labelledby="batch-history-title" className="section batch-history" data-testid="batch-history">
      <h3 id="batch-history-title">{t('batch.history')}</h3>
      {query.isPending && <Loading />}
      {query.isError && <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />}
      {submit.error !== null && <ErrorMessage error={submit.error} />}
      {query.data?.length === 0 && <p className="muted">{t('batch.noHistory')}</p>}
      {query.data && query.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('batch.file')}</th>
                <th scope="col">{t('batch.startedAt')}</th>
                <th scope="col">{t('batch.rows')}</th>
                <th scope="col">{t('batch.status.label')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('batch.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((job) => (
                <tr key={job.id} data-testid="batch-history-row" aria-current={job.id === openId ? 'true' : undefined}>
                  <td>{job.fileName ?? t('batch.unnamed')}</td>
                  <td>{f.dateTime(job.createdAt)}</td>
                  <td>{t('batch.rowsMatched', { count: job.total, matched: f.number(job.matchedRows) })}</td>
                  <td>
                    <StatusBadge kind="jobStatus" value={job.status} />
                  </td>
                  <td className="row-actions">
                    {job.id !== openId && (
                      <button type="button" className="button button-quiet" onClick={() => onOpen(job.id)} data-testid="batch-open">
                        {t('batch.open')}
                      </button>
                    )}
                    {job.status === 'done' && (
                      <a className="button button-quiet" href={screeningApi.batchCsvUrl(job.id)} download data-testid="batch-download">
                        {t('batch.downloadShort')}
                      </a>
                    )}
                    {job.status !== 'running' && (
                      <ConfirmButton
                        label={t('batch.delete')}
                        title={t('batch.deleteTitle')}
                        confirmLabel={t('batch.delete')}
                        className="button button-quiet"
                        testId="batch-delete"
                        busy={submit.busy}
                        onConfirm={() => void handleDelete(job.id)}
                      >
                        <p>{t('batch.deleteBody', { name: job.fileName ?? t('batch.unnamed') })}</p>
                      </ConfirmButton>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
