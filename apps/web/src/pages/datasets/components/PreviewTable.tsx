import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { datasetKeys, datasetsApi } from '../api.ts';

const PAGE = 25;

export function PreviewTable({ datasetId, fileId }: { datasetId: string; fileId: string }) {
  const { t } = useTranslation('datasets');
  const [offset, setOffset] = useState(0);
  const page = useQuery({
    queryKey: datasetKeys.preview(datasetId, fileId, offset),
    queryFn: () => datasetsApi.preview(datasetId, fileId, offset, PAGE),
    // The pager stays in place while the next page loads.
    placeholderData: keepPreviousData,
  });
  if (page.isError) return <ErrorMessage error={page.error} onRetry={() => void page.refetch()} />;
  if (!page.data) return <Loading />;
  // The rows shown may still be the previous page's; the range follows the rows, not the request.
  const { columns, rows, totalRows, numericColumns, offset: shown } = page.data;
  const last = Math.min(shown + rows.length, totalRows);
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
              <tr key={shown + i}>
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
        <button type="button" className="button button-secondary" disabled={shown === 0 || page.isPlaceholderData} onClick={() => setOffset(Math.max(0, shown - PAGE))}>
          {t('preview.previous')}
        </button>
        <span role="status" data-testid="preview-range">
          {t('preview.range', { first: totalRows === 0 ? 0 : shown + 1, last, total: totalRows })}
        </span>
        <button type="button" className="button button-secondary" disabled={last >= totalRows || page.isPlaceholderData} onClick={() => setOffset(shown + PAGE)}>
          {t('preview.next')}
        </button>
      </nav>
    </div>
  );
}
