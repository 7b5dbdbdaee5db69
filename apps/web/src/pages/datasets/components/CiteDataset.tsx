import { CITATION_FORMATS, type CitationFormat } from '@qiao/contracts';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { useToast } from '../../../hooks/use-toast.ts';
import { citationApi, citationKeys } from '../citation-api.ts';
import './cite-dataset.css';

/** "Cite this dataset": the citation in DataCite JSON or XML, BibTeX or RIS, to copy or download. */
export function CiteDataset({ datasetId }: { datasetId: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const id = useId();
  const [format, setFormat] = useState<CitationFormat>('bibtex');
  const citations = useQuery({ queryKey: citationKeys.dataset(datasetId), queryFn: () => citationApi.all(datasetId) });
  const shown = citations.data?.find((c) => c.format === format);

  async function handleCopy() {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(shown.text);
      toast.show(t('citation.copied'));
    } catch {
      toast.show(t('citation.copyFailed'), 'error');
    }
  }

  return (
    <section className="section cite-dataset" aria-labelledby={`${id}-title`} data-testid="cite-dataset">
      <h2 id={`${id}-title`}>{t('citation.title')}</h2>
      <div className="segmented" role="radiogroup" aria-label={t('citation.format')}>
        {CITATION_FORMATS.map((f) => (
          <label key={f} className="inline-choice">
            <input type="radio" name={`${id}-format`} value={f} checked={format === f} onChange={() => setFormat(f)} /> {t(`citation.formats.${f}`)}
          </label>
        ))}
      </div>
      {citations.isPending && <Loading />}
      {citations.isError && <ErrorMessage error={citations.error} onRetry={() => void citations.refetch()} />}
      {shown && (
        <>
          <pre className="citation-text" data-testid="citation-text" data-format={format} tabIndex={0}>
            {shown.text}
          </pre>
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => void handleCopy()} data-testid="citation-copy">
              {t('citation.copy')}
            </button>
            <a className="button button-secondary" href={citationApi.fileUrl(datasetId, format)} download={shown.fileName}>
              {t('citation.download')}
            </a>
          </div>
        </>
      )}
    </section>
  );
}
