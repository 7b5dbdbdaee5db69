import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { isFilled, toInput } from '../../../lib/bilingual.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { BilingualFields, type TwoTexts } from '../../groups/public.ts';
import { dialoguesApi } from '../api.ts';

const EMPTY: TwoTexts = { en: '', zh: '' };

/** Co-chairs and admins set the agenda, one bilingual item at a time. */
export function AddItemForm({ roundId, onCreated }: { roundId: string; onCreated: () => void }) {
  const { t } = useTranslation('groups');
  const [title, setTitle] = useState(EMPTY);
  const [description, setDescription] = useState(EMPTY);
  const submit = useSubmit();
  async function handleSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = await submit.run(() => dialoguesApi.addItem(roundId, { title: toInput(title), ...(isFilled(description) ? { description: toInput(description) } : {}) }));
    if (ok) {
      setTitle(EMPTY);
      setDescription(EMPTY);
      onCreated();
    }
  }
  return (
    <details className="form-panel" data-testid="new-item">
      <summary>{t('agenda.add')}</summary>
      <form className="form" onSubmit={(e) => void handleSubmit(e)}>
        <BilingualFields label={t('agenda.itemTitle')} name="item-title" value={title} onChange={setTitle} required />
        <BilingualFields label={t('agenda.description')} name="item-description" value={description} onChange={setDescription} multiline />
        {submit.error !== null && <ErrorMessage error={submit.error} />}
        <button type="submit" className="button button-primary" disabled={submit.busy || !isFilled(title)}>
          {t('agenda.create')}
        </button>
      </form>
    </details>
  );
}
