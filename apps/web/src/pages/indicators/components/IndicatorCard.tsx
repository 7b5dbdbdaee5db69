import type { IndicatorSeries } from '@qiao/contracts';
import type { EChartsType } from 'echarts/core';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EChart } from '../../../components/EChart.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useEnumLabel } from '../../../lib/use-enum-label.ts';
import { valuesCsvUrl } from '../api.ts';
import { CATEGORY_ENUM } from '../lib/category-labels.ts';
import { chartOption, indicatorChartData, placeName, withExportTitle, type ChartLabels } from '../lib/chart-option.ts';
import { DataTable } from './DataTable.tsx';
import { SourceNote } from './SourceNote.tsx';

/** One series: its chart, its source underneath, notes, downloads, and the numbers as a table. */
export function IndicatorCard({ series, admin }: { series: IndicatorSeries; admin: boolean }) {
  const { t, i18n } = useTranslation('indicators');
  const zh = i18n.language.startsWith('zh');
  const chart = useRef<EChartsType | null>(null);
  const name = zh ? series.nameZh : series.nameEn;
  const unit = zh ? series.unitZh : series.unitEn;
  const notes = zh ? series.notesZh : series.notesEn;
  const f = useFormat();
  const enumLabel = useEnumLabel();
  const labels = useMemo<ChartLabels>(() => {
    const kind = CATEGORY_ENUM[series.id];
    return { place: (c) => placeName(c, i18n.language, t('world')), category: (c) => (kind ? enumLabel(kind, c) : c) };
  }, [series.id, i18n.language, t, enumLabel]);
  const data = useMemo(() => indicatorChartData(series, labels), [series, labels]);
  const option = useMemo(() => chartOption(series.chart, data, unit, f.number), [series.chart, data, unit, f.number]);
  const summary = t('chart.summary', {
    kind: t(`chart.kind.${series.chart}`),
    name,
    unit,
    points: data.series.map((s) => `${s.name}: ${s.values.map((v, i) => `${data.categories[i] ?? ''} ${v === null ? '–' : f.number(v)}`).join(', ')}`).join('; '),
  });

  function handlePng() {
    const instance = chart.current;
    if (!instance) return;
    const source = series.kind === 'live' ? t('source.live', { date: series.source.retrievedOn }) : `${t('source.label')} ${series.source.publisher}, ${series.source.title}`;
    // Drawn with its title, unit and source for the file, then back to the page's own layout.
    instance.setOption(withExportTitle(option, { name, unit: t('unit', { unit }), source }), { notMerge: true });
    const url = instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    instance.setOption(option, { notMerge: true });
    const a = document.createElement('a');
    a.href = url;
    a.download = `${series.id}.png`;
    a.click();
  }

  return (
    <article className="indicator-card" data-testid="indicator-card" data-series-id={series.id} aria-labelledby={`ind-${series.id}`}>
      <h3 id={`ind-${series.id}`}>
        {name}
        {series.kind === 'live' && (
          <span className="badge badge-live" title={t('live.hint')}>
            {t('live.badge')}
          </span>
        )}
      </h3>
      <p className="muted indicator-unit">{t('unit', { unit })}</p>
      {series.values.length === 0 ? (
        <p className="empty-inline">{t('chart.noValues')}</p>
      ) : (
        <EChart option={option} label={summary} height={260} onReady={(c) => (chart.current = c)} testId="indicator-chart" />
      )}
      <SourceNote series={series} />
      {notes && <p className="indicator-notes">{notes}</p>}
      <div className="indicator-actions">
        <button type="button" className="button button-secondary" onClick={handlePng} disabled={series.values.length === 0} data-testid="download-png">
          {t('actions.png')}
          <span className="visually-hidden"> {name}</span>
        </button>
        <a className="button button-secondary" href={valuesCsvUrl(series.id)} download={`${series.id}.csv`} data-testid="download-csv">
          {t('actions.csv')}
          <span className="visually-hidden"> {name}</span>
        </a>
        {admin && series.kind === 'curated' && (
          <Link className="button button-quiet" to={series.id} data-testid="edit-series">
            {t('actions.edit')}
            <span className="visually-hidden"> {name}</span>
          </Link>
        )}
      </div>
      <DataTable series={series} unit={unit} name={name} category={labels.category} />
    </article>
  );
}
