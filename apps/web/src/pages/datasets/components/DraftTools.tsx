import type { Dataset, DatasetVersion } from '@qiao/contracts';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { useToast } from '../../../hooks/use-toast.ts';
import { datasetsApi } from '../api.ts';

/** Upload files into a draft version (SHA-256 computed by the server) and publish it. */
export function DraftTools({ dataset, version, onChange }: { dataset: Dataset; version: DatasetVersion; onChange: () => void }) {
  const { t } = useTranslation('datasets');
  const toast = useToast();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [publishing, setPublishing] = useState(false);

  async function handleUpload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const files = [...(input.current?.files ?? [])];
    if (files.length === 0) return;
    setError(null);
    try {
      // Progress counts whole files: the shared client sends each as one request.
      setProgress(0);
      for (const [i, file] of files.entries()) {
        await datasetsApi.uploadFile(dataset.id, version.number, file);
        setProgress((i + 1) / files.length);
      }
      if (input.current) input.current.value = '';
      toast.show(t('upload.done', { count: files.length }));
      onChange();
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
    }
  }

  async function handlePublish() {
    setError(null);
    setPublishing(true);
    try {
      await datasetsApi.publish(dataset.id, version.number);
      toast.show(t('upload.published', { n: version.number }));
      onChange();
    } catch (caught) {
      setError(caught);
    } finally {
      setPublishing(false);
    }
  }

  return (
    <div className="draft-tools">
      {error !== null && <ErrorMessage error={error} />}
      <form className="upload-form" onSubmit={(e) => void handleUpload(e)} aria-label={t('upload.title')}>
        <div className="field">
          <label htmlFor={inputId}>{t('upload.choose')}</label>
          <input id={inputId} ref={input} type="file" name="file" multiple required aria-describedby={`${inputId}-hint`} />
          <p id={`${inputId}-hint`} className="hint">
            {t('upload.hint')}
          </p>
        </div>
        <button type="submit" className="button button-secondary" disabled={progress !== null} data-testid="upload-submit">
          {progress === null ? t('upload.submit') : t('upload.uploading')}
        </button>
        {progress !== null && (
          <progress max={1} value={progress} aria-label={t('upload.progress')}>
            {Math.round(progress * 100)}%
          </progress>
        )}
      </form>
      <div className="publish-row">
        <ConfirmButton
          label={t('upload.publish', { n: version.number })}
          className="button button-primary"
          testId="publish-version"
          disabled={publishing || version.files.length === 0}
          confirmLabel={t('upload.publish', { n: version.number })}
          busy={publishing}
          onConfirm={() => void handlePublish()}
        >
          <p>{t('upload.publishHint')}</p>
        </ConfirmButton>
        <p className="hint">{version.files.length === 0 ? t('upload.publishNeedsFile') : t('upload.publishHint')}</p>
      </div>
    </div>
  );
}
