import type { CsvPreview } from '@qiao/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { datasetKeys, datasetsApi } from '../api.ts';
import { buildChartData, seriesName, type ChartData } from '../lib/chart-data.ts';
import { EChart } from '../../../components/EChart.tsx';

const CHUNK = 500;
/** Enough for years of daily data per place; beyond it the chart says it shows the first rows only. */
const MAX_ROWS = 6000;

async function loadRows(datasetId: string, fileId: string): Promise<{ preview: CsvPreview; rows: string[][] }> {
  const first = await datasetsApi.preview(datasetId, fileId, 0, CHUNK);
  const rows = [...first.rows];
  const total = Math.min(first.totalRows, MAX_ROWS);
  const offsets: number[] = [];
  for (let offset = CHUNK; offset < total; offset += CHUNK) offsets.push(offset);
  const rest = await Promise.all(offsets.map((offset) => datasetsApi.preview(datasetId, fileId, offset, CHUNK)));
  for (const page of rest) rows.push(...page.rows);
  return { preview: first, rows };
}

function chartOption(data: ChartData): EChartsCoreOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: data.x, boundaryGap: false },
    yAxis: { type: 'value', scale: true },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 20, bottom: 8 }],
    series: data.series.map((s) => ({ type: 'line', name: seriesName(s), data: s.values, showSymbol: false, connectNulls: false })),
  };
}

/** A line chart over the time column, one line per numeric column and place. */
export function PreviewChart({ datasetId, fileId }: { datasetId: string; fileId: string }) {
  const { t } = useTranslation('datasets');
  const selectId = useId();
  // Null until the reader picks: split by place, one measure at a time reads best (PM2.5 in Beijing
  // against Los Angeles); without places, every numeric column fits on one chart.
  const [picked, setPicked] = useState<string | null>(null);
  const loaded = useQuery({ queryKey: datasetKeys.chart(datasetId, fileId), queryFn: () => loadRows(datasetId, fileId) });
  const preview = loaded.data?.preview ?? null;
  const numeric = preview ? preview.numericColumns.filter((c) => c !== preview.locationColumn) : [];
  const column = picked ?? (preview?.locationColumn ? (numeric[0] ?? '') : '');
  const data = useMemo(() => (loaded.data ? buildChartData(loaded.data.preview, loaded.data.rows, column || undefined) : null), [loaded.data, column]);
  const option = useMemo(() => (data ? chartOption(data) : null), [data]);

  if (loaded.isError) return <ErrorMessage error={loaded.error} onRetry={() => void loaded.refetch()} />;
  if (!loaded.data) return <Loading />;
  const { rows } = loaded.data;
  if (!data || !option || !preview) return <p className="empty-inline">{t('chart.none')}</p>;
  const summary = t('chart.summary', {
    series: data.series.map(seriesName).join(', '),
    x: preview.timeColumn ?? '',
    from: data.x[0] ?? '',
    to: data.x.at(-1) ?? '',
  });
  return (
    <figure className="chart-figure" data-testid="preview-chart">
      {numeric.length > 1 && (
        <div className="field inline-field">
          <label htmlFor={selectId}>{t('chart.column')}</label>
          <select id={selectId} value={column} onChange={(e) => setPicked(e.target.value)}>
            <option value="">{t('chart.allColumns')}</option>
            {numeric.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      )}
      <EChart option={option} label={summary} height={360} testId="dataset-chart" />
      <figcaption className="muted">
        {summary}
        {preview.totalRows > rows.length && ` ${t('chart.truncated', { shown: rows.length, total: preview.totalRows })}`}
      </figcaption>
    </figure>
  );
}
