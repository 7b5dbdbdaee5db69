import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { useFormat } from '../../../lib/format.ts';
import { screeningApi, screeningKeys } from '../api.ts';
import { DataTable } from '../../../components/DataTable.tsx';

const PAGE = 50;
// Often enough for a progress bar to move, rare enough not to load the server while a file runs.
const POLL_MS = 1000;

/** One batch: progress while it runs (polled), then its results a page at a time and the CSV. */
export function BatchJobPanel({ jobId }: { jobId: string }) {
  const { t } = useTranslation('screening');
  const f = useFormat();
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [matchedOnly, setMatchedOnly] = useState(true);

  const job = useQuery({
    queryKey: screeningKeys.batch(jobId),
    queryFn: () => screeningApi.batch(jobId),
    refetchInterval: (q) => (q.state.data?.status === 'queued' || q.state.data?.status === 'running' ? POLL_MS : false),
  });
  const done = job.data?.status === 'done';
  const results = useQuery({
    queryKey: screeningKeys.batchResults(jobId, offset, matchedOnly),
    queryFn: () => screeningApi.batchResults(jobId, offset, PAGE, matchedOnly),
    enabled: done,
    placeholderData: keepPreviousData,
  });

  // The history shows each batch's status: refresh it once this one finishes.
  useEffect(() => {
    if (done) void queryClient.invalidateQueries({ queryKey: screeningKeys.batches(), exact: true });
  }, [done, queryClient]);

  if (job.isPending) return <Loading />;
  if (job.isError) return <ErrorMessage error={job.error} />;
  const j = job.data;
  const rows = results.data?.items;
  return (
    <div className="panel batch-job" data-testid="batch-job" data-status={j.status}>
      <p className="muted">
        {j.fileName ?? t('batch.unnamed')} · {f.dateTime(j.createdAt)}
      </p>
      <div aria-live="polite">
        <label htmlFor="batch-progress">{t('batch.progress', { done: f.number(j.done), total: j.total, count: j.total, matched: f.number(j.matchedRows) })}</label>
        <progress id="batch-progress" max={100} value={j.percent} />
        <p>{t(`batch.status.${j.status}`)}</p>
      </div>
      {j.error && <p className="field-error">{j.error}</p>}
      {done && (
        <a className="button button-secondary" href={screeningApi.batchCsvUrl(j.id)} download data-testid="batch-download-open">
          {t('batch.download')}
        </a>
      )}
      {results.isError && <ErrorMessage error={results.error} />}
      {rows && (
        <>
          <label className="checkbox-row">
            <input
              type="checkbox"
              checked={matchedOnly}
              onChange={(e) => {
                setOffset(0);
                setMatchedOnly(e.target.checked);
              }}
            />{' '}
            {t('batch.matchedOnly')}
          </label>
          <DataTable testId="batch-results" columns={[t('batch.row'), t('batch.name'), t('batch.matches')]}>
            {rows.map((r) => (
              <tr key={r.row}>
                <td>{r.row}</td>
                <td>{r.name}</td>
                <td>
                  {r.matches === null ? (
                    <span className="field-error">{t('batch.rowError')}</span>
                  ) : r.matches.length === 0 ? (
                    <span className="muted">{t('batch.noMatch')}</span>
                  ) : (
                    r.matches.map((m) => `${m.entityName} (${m.listId}, ${Math.round(m.score * 100)}%)`).join('; ')
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
          <p>
            <button type="button" className="button button-quiet" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('batch.previous')}
            </button>
            <span className="muted"> {t('batch.page', { page: offset / PAGE + 1 })} </span>
            <button type="button" className="button button-quiet" disabled={rows.length < PAGE} onClick={() => setOffset(offset + PAGE)}>
              {t('batch.next')}
            </button>
          </p>
        </>
      )}
    </div>
  );
}
