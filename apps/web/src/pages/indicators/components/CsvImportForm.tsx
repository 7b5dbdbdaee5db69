import type { IndicatorSeries, ShrinkNotice } from '@qiao/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api/client.ts';
import { useToast } from '../../../hooks/use-toast.ts';
import { importValuesCsv, indicatorKeys, valuesCsvUrl } from '../api.ts';

/**
 * Replace every value from a CSV file (period,country,value); a bad line rejects the whole file. A file
 * that would empty the series or remove more than half of it is refused until the admin confirms.
 */
export function CsvImportForm({ series }: { series: IndicatorSeries }) {
  const { t } = useTranslation('indicators');
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<number | null>(null);
  const [shrink, setShrink] = useState<ShrinkNotice | null>(null);

  async function runImport(allowShrink: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    setDone(null);
    setShrink(null);
    try {
      const updated = await importValuesCsv(series.id, series.version, await file.text(), allowShrink);
      setDone(updated.values.length);
      toast.show(t('import.done', { count: updated.values.length }));
      await queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
    } catch (caught) {
      const notice = caught instanceof ApiError && caught.id === 'shrink_not_confirmed' ? caught.shrink[0] : undefined;
      if (notice) setShrink(notice);
      else setError(caught);
    } finally {
      setBusy(false);
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void runImport(false);
  }

  const lines = error instanceof ApiError ? error.lines : [];
  return (
    <form className="form csv-import" onSubmit={handleSubmit} aria-labelledby={`${id}-title`} data-testid="csv-import">
      <h3 id={`${id}-title`}>{t('import.title')}</h3>
      <p className="muted">
        {t('import.intro')}{' '}
        <a href={valuesCsvUrl(series.id)} download={`${series.id}.csv`}>
          {t('import.current')}
        </a>
      </p>
      {error !== null && <ErrorMessage error={error} />}
      {lines.length > 0 && (
        <div className="alert alert-error" data-testid="csv-line-errors">
          <p>{t('import.lineErrors', { count: lines.length })}</p>
          <ul>
            {lines.map((l) => (
              <li key={`${l.line}-${l.message}`} data-testid="csv-line-error">
                {t('import.line', { line: l.line })} {l.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {shrink && (
        <div className="alert alert-error" role="alert" data-testid="csv-shrink">
          <p>
            <strong>{t('import.shrinkTitle')}</strong>
          </p>
          <p>{t('import.shrinkItem', { removed: shrink.removed, total: shrink.total })}</p>
          <p>{t('import.shrinkHint')}</p>
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void runImport(true)} data-testid="csv-shrink-confirm">
            {t('import.shrinkConfirm')}
          </button>{' '}
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => setShrink(null)}>
            {t('import.shrinkCancel')}
          </button>
        </div>
      )}
      {done !== null && (
        <p className="alert alert-success" role="status">
          {t('import.done', { count: done })}
        </p>
      )}
      <div className="field">
        <label htmlFor={id}>{t('import.file')}</label>
        <input id={id} type="file" name="csv" accept=".csv,text/csv" required onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setShrink(null);
          }} aria-describedby={`${id}-hint`} />
        <p id={`${id}-hint`} className="hint">
          {t('import.hint')}
        </p>
      </div>
      <button type="submit" className="button button-primary" disabled={busy || !file} data-testid="csv-import-submit">
        {busy ? t('import.importing') : t('import.submit')}
      </button>
    </form>
  );
}
