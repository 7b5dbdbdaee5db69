import type { QueryKey } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { BilingualFields, EMPTY_TEXTS as EMPTY } from '../../../components/BilingualFields.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { isFilled, toInput } from '../../../lib/bilingual.ts';
import { isFieldError, serverFieldError } from '../../../lib/field-errors.ts';

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
  /** What the new entry changes (the track list, the round's agenda). */
  invalidate: readonly QueryKey[];
}

/** A collapsed panel that adds one bilingual title with an optional description (a track, an agenda item). */
export function TitledTextForm({ testId, name, labels, save, invalidate }: TitledTextFormProps) {
  const [title, setTitle] = useState(EMPTY);
  const [description, setDescription] = useState(EMPTY);
  const submit = useSubmit();
  useUnsavedChanges(isFilled(title) || isFilled(description));
  async function handleSubmit(e: FormEvent) {
    e.preventDefault();
    const body = { title: toInput(title), ...(isFilled(description) ? { description: toInput(description) } : {}) };
    if (await submit.run(() => save(body), { success: labels.done, invalidate })) {
      setTitle(EMPTY);
      setDescription(EMPTY);
    }
  }
  return (
    <details className="form-panel" data-testid={testId}>
      <summary>{labels.open}</summary>
      <form className="form" onSubmit={(e) => void handleSubmit(e)}>
        <BilingualFields label={labels.title} name={`${name}-title`} value={title} onChange={setTitle} maxLength={300} required error={serverFieldError(submit.error, 'title')} />
        <BilingualFields
          label={labels.description}
          name={`${name}-description`}
          value={description}
          onChange={setDescription}
          maxLength={5000}
          multiline
          error={serverFieldError(submit.error, 'description')}
        />
        {submit.error !== null && !isFieldError(submit.error, ['title', 'description']) && <ErrorMessage error={submit.error} />}
        <button type="submit" className="button button-primary" disabled={submit.busy || !isFilled(title)}>
          {labels.submit}
        </button>
      </form>
    </details>
  );
}
