import type { BatchJob } from '@qiao/contracts';
import { useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../components/ConfirmDialog.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useFormat } from '../../../lib/format.ts';
import { screeningApi, screeningKeys } from '../api.ts';
import { RecordTable } from './RecordTable.tsx';

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
      <RecordTable
        query={query}
        columns={[t('batch.file'), t('batch.startedAt'), t('batch.rows'), t('batch.status.label')]}
        actionsLabel={t('batch.actions')}
        empty={<p className="muted">{t('batch.noHistory')}</p>}
        actionError={submit.error}
        rowKey={(job) => job.id}
        rowProps={(job) => ({ 'data-testid': 'batch-history-row', 'aria-current': job.id === openId ? 'true' : undefined })}
        row={(job) => (
          <>
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
          </>
        )}
      />
    </section>
  );
}
