import type { IndicatorSeries } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { placeName } from '../lib/chart-option.ts';

/** The chart's numbers as a table, for screen readers and anyone who wants the exact figures. */
export function DataTable({ series, unit, name }: { series: Pick<IndicatorSeries, 'values'>; unit: string; name: string }) {
  const { t, i18n } = useTranslation('indicators');
  const rows = [...series.values].sort((a, b) => a.period.localeCompare(b.period) || a.country.localeCompare(b.country));
  return (
    <details className="indicator-table">
      <summary>{t('table.show')}</summary>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{name}</caption>
          <thead>
            <tr>
              <th scope="col">{t('table.period')}</th>
              <th scope="col">{t('table.country')}</th>
              <th scope="col">{t('table.value', { unit })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((v) => (
              <tr key={`${v.period}-${v.country}`}>
                <td>{v.period}</td>
                <td>{placeName(v.country, i18n.language, t('world'))}</td>
                <td className="num">{v.value.toLocaleString(i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
