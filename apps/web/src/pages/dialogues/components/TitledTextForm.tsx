import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { isFilled, toInput } from '../../../lib/bilingual.ts';
import { BilingualFields, type TwoTexts } from '../../groups/public.ts';

const EMPTY: TwoTexts = { en: '', zh: '' };

export interface TitledText {
  title: { en?: string; zh?: string };
  description?: { en?: string; zh?: string };
}

interface TitledTextFormProps {
  /** `data-testid` of the panel, and the prefix of the field names (`<name>-title`, `<name>-description`). */
  testId: string;
  name: string;
  labels: { open: string; title: string; description: string; submit: string; done: string };
  save: (body: TitledText) => Promise<unknown>;
  onCreated: () => void;
}

/** A collapsed panel that adds one bilingual title with an optional description (a track, an agenda item). */
export function TitledTextForm({ testId, name, labels, save, onCreated }: TitledTextFormProps) {
  const [title, setTitle] = useState(EMPTY);
  const [description, setDescription] = useState(EMPTY);
  const submit = useSubmit();
  async function handleSubmit(e: FormEvent) {
    e.preventDefault();
    const body = { title: toInput(title), ...(isFilled(description) ? { description: toInput(description) } : {}) };
    if (await submit.run(() => save(body), { success: labels.done })) {
      setTitle(EMPTY);
      setDescription(EMPTY);
      onCreated();
    }
  }
  return (
    <details className="form-panel" data-testid={testId}>
      <summary>{labels.open}</summary>
      <form className="form" onSubmit={(e) => void handleSubmit(e)}>
        <BilingualFields label={labels.title} name={`${name}-title`} value={title} onChange={setTitle} required />
        <BilingualFields label={labels.description} name={`${name}-description`} value={description} onChange={setDescription} multiline />
        {submit.error !== null && <ErrorMessage error={submit.error} />}
        <button type="submit" className="button button-primary" disabled={submit.busy || !isFilled(title)}>
          {labels.submit}
        </button>
      </form>
    </details>
  );
}
