import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { indicatorsApi } from '../api.ts';
import { cleanMeta, EMPTY_META, SeriesFields, type SeriesMeta } from './SeriesFields.tsx';

/** An admin adds a curated series; its values come next, from CSV on the series' page. */
export function NewSeriesForm() {
  const { t } = useTranslation('indicators');
  const navigate = useNavigate();
  const [id, setId] = useState('');
  const [meta, setMeta] = useState<SeriesMeta>(EMPTY_META);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await indicatorsApi.create({ id: id.trim(), ...cleanMeta(meta), values: [] });
      await navigate(created.id);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <details className="form-panel">
      <summary>{t('create.title')}</summary>
      <form className="form" onSubmit={(e) => void handleSubmit(e)} aria-label={t('create.title')}>
        {error !== null && <ErrorMessage error={error} />}
        <Field
          label={t('create.id')}
          name="id"
          required
          pattern="[a-z0-9][a-z0-9\-]{1,62}"
          hint={t('create.idHint')}
          value={id}
          onChange={(e) => setId(e.target.value)}
        />
        <SeriesFields value={meta} onChange={setMeta} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('create.submit')}
        </button>
      </form>
    </details>
  );
}
