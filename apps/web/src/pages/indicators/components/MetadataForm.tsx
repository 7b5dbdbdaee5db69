import type { IndicatorSeries } from '@qiao/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { indicatorKeys, indicatorsApi } from '../api.ts';
import { cleanMeta, SeriesFields, type SeriesMeta } from './SeriesFields.tsx';

/** Edit the names, units, chart kind, source and notes of a curated series. */
export function MetadataForm({ series }: { series: IndicatorSeries }) {
  const { t } = useTranslation('indicators');
  const { t: tc } = useTranslation();
  const id = useId();
  const [initial] = useState<SeriesMeta>(() => ({
    nameEn: series.nameEn,
    nameZh: series.nameZh,
    unitEn: series.unitEn,
    unitZh: series.unitZh,
    chart: series.chart,
    source: series.source,
    notesEn: series.notesEn,
    notesZh: series.notesZh,
  }));
  const [meta, setMeta] = useState<SeriesMeta>(initial);
  const [saved, setSaved] = useState(false);
  const submit = useSubmit();
  useUnsavedChanges(!saved && JSON.stringify(meta) !== JSON.stringify(initial));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ok = await submit.run(() => indicatorsApi.update(series.id, { ...cleanMeta(meta), version: series.version }), {
      success: t('meta.saved'),
      invalidate: [indicatorKeys.all],
    });
    if (ok) setSaved(true);
  }

  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('meta.title')}</h2>
      <form className="form" onSubmit={(e) => void handleSubmit(e)} data-testid="series-metadata">
        {submit.error !== null && <ErrorMessage error={submit.error} />}
        <SeriesFields value={meta} onChange={setMeta} />
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          {submit.busy ? tc('common.saving') : tc('common.save')}
        </button>
      </form>
    </section>
  );
}
