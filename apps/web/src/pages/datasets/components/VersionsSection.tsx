import type { Dataset, DatasetVersion } from '@qiao/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { datasetsApi } from '../api.ts';
import { useFormat } from '../../../lib/format.ts';
import { DraftTools } from './DraftTools.tsx';
import { FilesTable } from './FilesTable.tsx';

interface VersionsSectionProps {
  dataset: Dataset;
  versions: DatasetVersion[];
  steward: boolean;
  onChange: () => void;
}

/** Every version, newest first, with its files; a steward fills the draft and publishes it here. */
export function VersionsSection({ dataset, versions, steward, onChange }: VersionsSectionProps) {
  const { t } = useTranslation('datasets');
  const f = useFormat();
  const newestFirst = [...versions].sort((a, b) => b.number - a.number);
  const hasDraft = versions.some((v) => !v.publishedAt);
  return (
    <section className="section" aria-labelledby="ds-versions" data-testid="versions">
      <div className="section-header">
        <h2 id="ds-versions">{t('versions.title')}</h2>
        {steward && !hasDraft && <NewVersionButton datasetId={dataset.id} onDone={onChange} />}
      </div>
      {newestFirst.length === 0 && <p className="empty-inline">{t('versions.none')}</p>}
      {newestFirst.map((v) => (
        <div key={v.number} className="version" data-testid={`version-${v.number}`}>
          <h3>
            {t('meta.versionN', { n: v.number })}{' '}
            {v.publishedAt ? (
              <span className="muted version-date">{t('versions.published', { date: f.dateTime(v.publishedAt) })}</span>
            ) : (
              <span className="badge badge-warn">{t('versions.draft')}</span>
            )}
          </h3>
          {v.note && <p className="muted">{v.note}</p>}
          <FilesTable dataset={dataset} version={v} canDownload={dataset.access.canDownload} editable={steward && !v.publishedAt} onChange={onChange} />
          {steward && !v.publishedAt && <DraftTools dataset={dataset} version={v} onChange={onChange} />}
        </div>
      ))}
    </section>
  );
}

function NewVersionButton({ datasetId, onDone }: { datasetId: string; onDone: () => void }) {
  const { t } = useTranslation('datasets');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function handleClick() {
    setBusy(true);
    setError(null);
    try {
      await datasetsApi.newVersion(datasetId, '');
      onDone();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }
  return (
    <div>
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => void handleClick()}>
        {t('versions.newVersion')}
      </button>
      {error !== null && <ErrorMessage error={error} />}
    </div>
  );
}
