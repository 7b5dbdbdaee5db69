import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { useResource } from '../../../hooks/use-resource.ts';
import { datasetsApi } from '../api.ts';

const PAGE = 25;

export function PreviewTable({ datasetId, fileId }: { datasetId: string; fileId: string }) {
  const { t } = useTranslation('datasets');
  const [offset, setOffset] = useState(0);
  const page = useResource(() => datasetsApi.preview(datasetId, fileId, offset, PAGE), [datasetId, fileId, offset]);
  if (page.status === 'loading') return <Loading />;
  if (page.status === 'error') return <ErrorMessage error={page.error} onRetry={page.reload} />;
  const { columns, rows, totalRows, numericColumns } = page.data;
  const last = Math.min(offset + rows.length, totalRows);
  return (
    <div className="preview-table" data-testid="preview-table">
      <div className="table-wrap">
        <table className="table data-table" translate="no">
          <caption className="visually-hidden">{t('preview.caption')}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col" className={numericColumns.includes(c) ? 'num' : undefined}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={offset + i}>
                {columns.map((c, j) => (
                  <td key={c} className={numericColumns.includes(c) ? 'num' : undefined}>
                    {row[j] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label={t('preview.pages')}>
        <button type="button" className="button button-secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          {t('preview.previous')}
        </button>
        <span role="status" data-testid="preview-range">
          {t('preview.range', { first: totalRows === 0 ? 0 : offset + 1, last, total: totalRows })}
        </span>
        <button type="button" className="button button-secondary" disabled={last >= totalRows} onClick={() => setOffset(offset + PAGE)}>
          {t('preview.next')}
        </button>
      </nav>
    </div>
  );
}
