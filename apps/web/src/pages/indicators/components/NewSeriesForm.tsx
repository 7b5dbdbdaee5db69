import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { serverFieldError } from '../../../lib/field-errors.ts';
import { indicatorKeys, indicatorsApi } from '../api.ts';
import { cleanMeta, EMPTY_META, SeriesFields, type SeriesMeta } from './SeriesFields.tsx';

/** An admin adds a curated series; its values come next, from CSV on the series' page. */
export function NewSeriesForm() {
  const { t } = useTranslation('indicators');
  const navigate = useNavigate();
  const [id, setId] = useState('');
  const [meta, setMeta] = useState<SeriesMeta>(EMPTY_META);
  const [created, setCreated] = useState<string | null>(null);
  const submit = useSubmit();
  useUnsavedChanges(created === null && (id !== '' || JSON.stringify(meta) !== JSON.stringify(EMPTY_META)));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    let newId = '';
    const ok = await submit.run(
      async () => {
        newId = (await indicatorsApi.create({ id: id.trim(), ...cleanMeta(meta), values: [] })).id;
      },
      { success: t('create.done'), invalidate: [indicatorKeys.list()] },
    );
    if (ok) setCreated(newId);
  }

  // Leaves once the guard has seen that nothing is left unsaved.
  useEffect(() => {
    if (created) void navigate(`/indicators/${encodeURIComponent(created)}`);
  }, [created, navigate]);

  const idError = serverFieldError(submit.error, 'id');
  return (
    <details className="form-panel">
      <summary>{t('create.title')}</summary>
      <form className="form" onSubmit={(e) => void handleSubmit(e)} aria-label={t('create.title')}>
        {submit.error !== null && !idError && <ErrorMessage error={submit.error} />}
        <Field
          label={t('create.id')}
          name="id"
          required
          pattern="[a-z0-9][a-z0-9\-]{1,62}"
          hint={t('create.idHint')}
          error={idError}
          value={id}
          onChange={(e) => setId(e.target.value)}
        />
        <SeriesFields value={meta} onChange={setMeta} />
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          {t('create.submit')}
        </button>
      </form>
    </details>
  );
}
