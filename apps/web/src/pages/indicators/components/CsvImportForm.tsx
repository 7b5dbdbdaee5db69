import type { IndicatorSeries } from '@qiao/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { CsvImportError, importValuesCsv, valuesCsvUrl } from '../api.ts';
import { useOptionalSession } from '../lib/session.ts';

/** Replace every value from a CSV file (period,country,value); a bad line rejects the whole file. */
export function CsvImportForm({ series, onImported }: { series: IndicatorSeries; onImported: () => void }) {
  const { t } = useTranslation('indicators');
  const { csrfToken } = useOptionalSession();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<number | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const updated = await importValuesCsv(series.id, series.version, await file.text(), csrfToken);
      setDone(updated.values.length);
      onImported();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const lines = error instanceof CsvImportError ? error.lines : [];
  return (
    <form className="form csv-import" onSubmit={(e) => void handleSubmit(e)} aria-labelledby={`${id}-title`} data-testid="csv-import">
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
      {done !== null && (
        <p className="alert alert-success" role="status">
          {t('import.done', { count: done })}
        </p>
      )}
      <div className="field">
        <label htmlFor={id}>{t('import.file')}</label>
        <input id={id} type="file" name="csv" accept=".csv,text/csv" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} aria-describedby={`${id}-hint`} />
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
