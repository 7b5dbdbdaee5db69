import type { Dataset, DatasetVersion } from '@qiao/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { datasetsApi, fileUrl } from '../api.ts';
import { useFormat } from '../../../lib/format.ts';
import { DataTable } from '../../../components/DataTable.tsx';

interface FilesTableProps {
  dataset: Dataset;
  version: DatasetVersion;
  canDownload: boolean;
  editable: boolean;
  onChange: () => void;
}

export function FilesTable({ dataset, version, canDownload, editable, onChange }: FilesTableProps) {
  const { t } = useTranslation('datasets');
  const format = useFormat();
  const [error, setError] = useState<unknown>(null);
  if (version.files.length === 0) return <p className="empty-inline">{editable ? t('files.noneDraft') : t('files.none')}</p>;

  async function handleRemove(name: string) {
    setError(null);
    try {
      await datasetsApi.removeFile(dataset.id, version.number, name);
      onChange();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <>
      {error !== null && <ErrorMessage error={error} />}
      <DataTable className="files-table" caption={t('files.caption', { n: version.number })} columns={[t('files.name'), t('files.size'), t('files.sha256'), t('files.actions')]}>
        {version.files.map((f) => (
          <tr key={f.id} data-testid="file-row" data-file-name={f.name}>
            <td translate="no">{f.name}</td>
            <td>{format.bytes(f.size)}</td>
            <td>
              <code className="sha" data-testid="file-sha256" title={t('files.sha256Hint')}>
                {f.sha256}
              </code>
            </td>
            <td className="file-actions">
              {canDownload ? (
                <a className="button button-secondary" href={fileUrl(dataset.id, f.id)} download={f.name} data-testid="download-file">
                  {t('files.download')}
                  <span className="visually-hidden" translate="no"> {f.name}</span>
                </a>
              ) : (
                <span className="muted">{t('files.noAccess')}</span>
              )}
              {editable && (
                <button type="button" className="button button-quiet" onClick={() => void handleRemove(f.name)}>
                  {t('files.remove')}
                  <span className="visually-hidden"> {f.name}</span>
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
