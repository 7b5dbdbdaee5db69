import type { Dataset, DatasetVersion } from '@qiao/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PreviewChart } from './PreviewChart.tsx';
import { PreviewTable } from './PreviewTable.tsx';

const PREVIEWABLE = /\.(csv|tsv)$/i;

/** A paged table and a chart for the CSV/TSV files of the newest version that has any. */
export function PreviewSection({ dataset, versions }: { dataset: Dataset; versions: DatasetVersion[] }) {
  const { t } = useTranslation('datasets');
  const selectId = useId();
  const newest = [...versions].sort((a, b) => b.number - a.number).find((v) => v.files.some((f) => PREVIEWABLE.test(f.name)));
  const files = newest?.files.filter((f) => PREVIEWABLE.test(f.name)) ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const file = files.find((f) => f.id === chosen) ?? files[0];
  if (!file) return null;
  return (
    <section className="section" aria-labelledby="ds-preview" data-testid="preview">
      <div className="section-header">
        <h2 id="ds-preview">{t('preview.title')}</h2>
        {files.length > 1 && (
          <div className="field inline-field">
            <label htmlFor={selectId}>{t('preview.file')}</label>
            <select id={selectId} value={file.id} onChange={(e) => setChosen(e.target.value)}>
              {files.map((f) => (
                <option key={f.id} value={f.id} translate="no">
                  {f.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <p className="muted">{t('preview.of', { name: file.name, n: newest?.number ?? 0 })}</p>
      <PreviewChart key={`chart-${file.id}`} datasetId={dataset.id} fileId={file.id} />
      <PreviewTable key={`table-${file.id}`} datasetId={dataset.id} fileId={file.id} />
    </section>
  );
}
