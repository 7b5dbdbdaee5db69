import type { BatchJob, BatchRow } from '@qiao/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { ApiError } from '../../../api/client.ts';
import { screeningApi, startBatch } from '../api.ts';

const PAGE = 50;

/** Upload a CSV of names; the job runs in the background (it survives a restart) and fills in here. */
export function BatchView() {
  const { t } = useTranslation('screening');
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<BatchJob | null>(null);
  const [rows, setRows] = useState<BatchRow[] | null>(null);
  const [offset, setOffset] = useState(0);
  const [matchedOnly, setMatchedOnly] = useState(true);
  const [error, setError] = useState<unknown>(null);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setError(null);
    setRows(null);
    try {
      setJob(await startBatch(file));
    } catch (err) {
      setError(err);
    }
  }

  const jobId = job?.id;
  const running = job !== null && (job.status === 'queued' || job.status === 'running');
  useEffect(() => {
    if (!jobId || !running) return;
    const timer = setInterval(() => {
      screeningApi.batch(jobId).then(setJob, setError);
    }, 500);
    return () => clearInterval(timer);
  }, [jobId, running]);

  useEffect(() => {
    if (!jobId || job?.status !== 'done') return;
    screeningApi.batchResults(jobId, offset, PAGE, matchedOnly).then((r) => setRows(r.items), setError);
  }, [jobId, job?.status, offset, matchedOnly]);

  return (
    <section aria-labelledby="batch-title" className="section">
      <h2 id="batch-title">{t('batch.title')}</h2>
      <p className="muted">{t('batch.intro')}</p>
      <form className="form" onSubmit={(e) => void handleSubmit(e)}>
        <div className="field">
          <label htmlFor="batch-file">{t('batch.file')}</label>
          <input id="batch-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
          <p className="hint">{t('batch.fileHint')}</p>
        </div>
        <button type="submit" className="button button-primary" disabled={!file || running}>
          {t('batch.start')}
        </button>
      </form>
      {error !== null && (
        <>
          <ErrorMessage error={error} />
          {error instanceof ApiError && error.lines.length > 0 && (
            <ul className="field-error">
              {error.lines.map((l) => (
                <li key={l.line}>{t('batch.lineError', { line: l.line, message: l.message })}</li>
              ))}
            </ul>
          )}
        </>
      )}
      {job && (
        <div className="panel" aria-live="polite">
          <label htmlFor="batch-progress">{t('batch.progress', { done: job.done, total: job.total, matched: job.matchedRows })}</label>
          <progress id="batch-progress" max={100} value={job.percent} />
          <p>{t(`batch.status.${job.status}`)}</p>
          {job.error && <p className="field-error">{job.error}</p>}
          {job.status === 'done' && (
            <a className="button button-secondary" href={`/api/screening/batch/${job.id}/results.csv`} download>
              {t('batch.download')}
            </a>
          )}
        </div>
      )}
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
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('batch.row')}</th>
                  <th scope="col">{t('batch.name')}</th>
                  <th scope="col">{t('batch.matches')}</th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
          </div>
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
    </section>
  );
}
