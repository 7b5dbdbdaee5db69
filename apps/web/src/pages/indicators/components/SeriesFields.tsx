import { CHART_KINDS, type IndicatorSeriesInput } from '@qiao/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field.tsx';

/** What an admin can say about a series besides its values. */
export type SeriesMeta = Omit<IndicatorSeriesInput, 'id' | 'values'>;

export const EMPTY_META: SeriesMeta = {
  nameEn: '',
  nameZh: '',
  unitEn: '',
  unitZh: '',
  chart: 'bar',
  source: { publisher: '', title: '', retrievedOn: new Date().toISOString().slice(0, 10), verified: false },
  notesEn: '',
  notesZh: '',
};

/** Names, units, chart kind, source and notes, in both languages. */
export function SeriesFields({ value, onChange }: { value: SeriesMeta; onChange: (next: SeriesMeta) => void }) {
  const { t } = useTranslation('indicators');
  const id = useId();
  const set = (patch: Partial<SeriesMeta>) => onChange({ ...value, ...patch });
  const setSource = (patch: Partial<SeriesMeta['source']>) => set({ source: { ...value.source, ...patch } });
  return (
    <>
      <div className="field-row">
        <Field label={t('meta.nameEn')} name="nameEn" lang="en" required maxLength={200} value={value.nameEn} onChange={(e) => set({ nameEn: e.target.value })} />
        <Field label={t('meta.nameZh')} name="nameZh" lang="zh-Hans" required maxLength={200} value={value.nameZh} onChange={(e) => set({ nameZh: e.target.value })} />
        <Field label={t('meta.unitEn')} name="unitEn" lang="en" required maxLength={80} value={value.unitEn} onChange={(e) => set({ unitEn: e.target.value })} />
        <Field label={t('meta.unitZh')} name="unitZh" lang="zh-Hans" required maxLength={80} value={value.unitZh} onChange={(e) => set({ unitZh: e.target.value })} />
        <div className="field">
          <label htmlFor={`${id}-chart`}>{t('meta.chart')}</label>
          <select id={`${id}-chart`} name="chart" value={value.chart} onChange={(e) => set({ chart: e.target.value as SeriesMeta['chart'] })}>
            {CHART_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`chart.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="fieldset">
        <legend>{t('meta.source')}</legend>
        <div className="field-row">
          <Field label={t('meta.publisher')} name="publisher" required maxLength={200} value={value.source.publisher} onChange={(e) => setSource({ publisher: e.target.value })} />
          <Field label={t('meta.sourceTitle')} name="sourceTitle" required maxLength={400} value={value.source.title} onChange={(e) => setSource({ title: e.target.value })} />
          <Field label={t('meta.url')} name="url" type="url" maxLength={1000} value={value.source.url ?? ''} onChange={(e) => setSource({ url: e.target.value })} />
          <Field label={t('meta.retrievedOn')} name="retrievedOn" type="date" required value={value.source.retrievedOn} onChange={(e) => setSource({ retrievedOn: e.target.value })} />
        </div>
        <label className="checkbox">
          <input type="checkbox" name="verified" checked={value.source.verified} onChange={(e) => setSource({ verified: e.target.checked })} />
          {t('meta.verified')}
        </label>
      </fieldset>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-nen`}>{t('meta.notesEn')}</label>
          <textarea id={`${id}-nen`} name="notesEn" lang="en" rows={3} maxLength={2000} value={value.notesEn} onChange={(e) => set({ notesEn: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-nzh`}>{t('meta.notesZh')}</label>
          <textarea id={`${id}-nzh`} name="notesZh" lang="zh-Hans" rows={3} maxLength={2000} value={value.notesZh} onChange={(e) => set({ notesZh: e.target.value })} />
        </div>
      </div>
    </>
  );
}

/** The source as the API takes it: an empty link is left out rather than sent as "". */
export function cleanMeta(meta: SeriesMeta): SeriesMeta {
  const url = meta.source.url?.trim();
  const { url: _drop, ...source } = meta.source;
  return { ...meta, source: url ? { ...source, url } : source };
}
