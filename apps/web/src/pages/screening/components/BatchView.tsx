import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { useToast } from '../../../hooks/use-toast.ts';
import { screeningApi, screeningKeys, startBatch } from '../api.ts';
import { BatchHistory } from './BatchHistory.tsx';
import { BatchJobPanel } from './BatchJobPanel.tsx';

/**
 * Upload a CSV of names; the job runs in the background (it survives a restart). The open batch is
 * in the address (`?job=`), so a reload or a later visit finds it again, and past batches are listed.
 */
export function BatchView() {
  const { t } = useTranslation('screening');
  const toast = useToast();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [file, setFile] = useState<File | null>(null);

  const start = useMutation({
    mutationFn: startBatch,
    onSuccess: (job) => {
      queryClient.setQueryData(screeningKeys.batch(job.id), job);
      void queryClient.invalidateQueries({ queryKey: screeningKeys.batches() });
      toast.show(t('batch.startedToast'));
      setParams({ job: job.id });
    },
  });

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (file) start.mutate(file);
  }

  const history = useQuery({ queryKey: screeningKeys.batches(), queryFn: screeningApi.batches });
  const error = start.error;
  return (
    <section aria-labelledby="batch-title" className="section">
      <h2 id="batch-title">{t('batch.title')}</h2>
      <p className="muted">{t('batch.intro')}</p>
      <form className="form" onSubmit={handleSubmit} data-testid="batch-form">
        <div className="field">
          <label htmlFor="batch-file">{t('batch.file')}</label>
          <input id="batch-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
          <p className="hint">{t('batch.fileHint')}</p>
        </div>
        <button type="submit" className="button button-primary" disabled={!file || start.isPending}>
          {t('batch.start')}
        </button>
      </form>
      {error && (
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
      {jobId && <BatchJobPanel key={jobId} jobId={jobId} />}
      <BatchHistory query={history} openId={jobId} onOpen={(id) => setParams({ job: id })} onDeleted={(id) => id === jobId && setParams({})} />
    </section>
  );
}
