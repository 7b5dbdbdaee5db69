import type { IndicatorSeries } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import { placeName } from '../lib/chart-option.ts';
import { DataTable as Table } from '../../../components/DataTable.tsx';

interface DataTableProps {
  series: Pick<IndicatorSeries, 'values'>;
  unit: string;
  name: string;
  /** How a category (a status, a list) is shown; the column appears only when values have one. */
  category?: (category: string) => string;
}

/** The chart's numbers as a table, for screen readers and anyone who wants the exact figures. */
export function DataTable({ series, unit, name, category = (c) => c }: DataTableProps) {
  const { t, i18n } = useTranslation('indicators');
  const f = useFormat();
  const withCategory = series.values.some((v) => v.category);
  const rows = [...series.values].sort((a, b) => a.period.localeCompare(b.period) || a.country.localeCompare(b.country) || (a.category ?? '').localeCompare(b.category ?? ''));
  return (
    <details className="indicator-table">
      <summary>{t('table.show')}</summary>
      <Table testId="indicator-table" caption={name} columns={[t('table.period'), t('table.country'), withCategory ? t('table.category') : false, t('table.value', { unit })]}>
        {rows.map((v) => (
          <tr key={`${v.period}-${v.country}-${v.category ?? ''}`}>
            <td>{v.period}</td>
            <td>{placeName(v.country, i18n.language, t('world'))}</td>
            {withCategory && <td>{v.category ? category(v.category) : '—'}</td>}
            <td className="num">{f.number(v.value)}</td>
          </tr>
        ))}
      </Table>
    </details>
  );
}
