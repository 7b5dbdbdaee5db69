import type { IndicatorSeries } from '@qiao/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { indicatorsApi } from '../api.ts';
import { cleanMeta, SeriesFields, type SeriesMeta } from './SeriesFields.tsx';

/** Edit the names, units, chart kind, source and notes of a curated series. */
export function MetadataForm({ series, onSaved }: { series: IndicatorSeries; onSaved: () => void }) {
  const { t } = useTranslation('indicators');
  const { t: tc } = useTranslation();
  const id = useId();
  const [meta, setMeta] = useState<SeriesMeta>({
    nameEn: series.nameEn,
    nameZh: series.nameZh,
    unitEn: series.unitEn,
    unitZh: series.unitZh,
    chart: series.chart,
    source: series.source,
    notesEn: series.notesEn,
    notesZh: series.notesZh,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await indicatorsApi.update(series.id, { ...cleanMeta(meta), version: series.version });
      onSaved();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('meta.title')}</h2>
      <form className="form" onSubmit={(e) => void handleSubmit(e)} data-testid="series-metadata">
        {error !== null && <ErrorMessage error={error} />}
        <SeriesFields value={meta} onChange={setMeta} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? tc('common.saving') : tc('common.save')}
        </button>
      </form>
    </section>
  );
}
