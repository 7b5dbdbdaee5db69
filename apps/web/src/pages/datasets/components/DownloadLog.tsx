import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { datasetKeys, datasetsApi } from '../api.ts';
import { useFormat } from '../../../lib/format.ts';
import { DataTable } from '../../../components/DataTable.tsx';

export function DownloadLog({ datasetId }: { datasetId: string }) {
  const { t } = useTranslation('datasets');
  const f = useFormat();
  const log = useQuery({ queryKey: datasetKeys.downloads(datasetId), queryFn: () => datasetsApi.downloads(datasetId) });
  return (
    <section className="section" aria-labelledby="ds-downloads" data-testid="download-log">
      <div className="section-header">
        <h2 id="ds-downloads">{t('downloads.title')}</h2>
        <button type="button" className="button button-quiet" disabled={log.isFetching} onClick={() => void log.refetch()}>
          {t('downloads.refresh')}
        </button>
      </div>
      {log.isPending && <Loading />}
      {log.isError && <ErrorMessage error={log.error} onRetry={() => void log.refetch()} />}
      {log.data?.length === 0 && <p className="empty-inline">{t('downloads.none')}</p>}
      {log.data && log.data.length > 0 && (
        <DataTable caption={t('downloads.title')} columns={[t('downloads.when'), t('downloads.who'), t('downloads.file'), t('downloads.bytes')]}>
          {log.data.map((d, i) => (
            <tr key={i}>
              <td>{f.dateTime(d.at)}</td>
              <td>
                {d.userEmail ?? t('downloads.anonymous')} {d.userSide && <span className="muted">({d.userSide})</span>}
              </td>
              <td>
                <span translate="no">{d.fileName}</span> <span className="muted">v{d.version}</span>
              </td>
              <td>
                {f.bytes(d.bytes)}
                {d.range && <span className="muted"> · {d.range}</span>}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
