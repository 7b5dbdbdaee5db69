import type { MinutesRevision } from '@qiao/contracts';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field.tsx';
import { fromText, isFilled, toInput } from '../../../lib/bilingual.ts';
import { BilingualFields, type TwoTexts } from '../../groups/public.ts';

export interface MinutesFormValue {
  body: { en?: string; zh?: string };
  decisions: { en?: string; zh?: string }[];
  note?: string;
}

interface MinutesFormProps {
  /** The revision being amended; a new draft starts empty. */
  from?: MinutesRevision;
  busy: boolean;
  submitLabel: string;
  onSubmit: (value: MinutesFormValue) => void;
  onCancel?: () => void;
  children?: ReactNode;
}

/** Minutes text and the decisions they record, each in English and Chinese side by side. */
export function MinutesForm({ from, busy, submitLabel, onSubmit, onCancel, children }: MinutesFormProps) {
  const { t } = useTranslation('groups');
  const [body, setBody] = useState<TwoTexts>(fromText(from?.body));
  const [decisions, setDecisions] = useState<TwoTexts[]>(from ? from.decisions.map(fromText) : []);
  const [note, setNote] = useState('');

  function handleSubmit(e: FormEvent) {
    e.preventDefault();
    onSubmit({ body: toInput(body), decisions: decisions.filter(isFilled).map(toInput), ...(note.trim() ? { note: note.trim() } : {}) });
  }
  const setDecision = (i: number, v: TwoTexts) => setDecisions(decisions.map((d, j) => (j === i ? v : d)));

  return (
    <form className="form" onSubmit={handleSubmit} data-testid="minutes-form">
      <BilingualFields label={t('minutes.body')} name="minutes-body" value={body} onChange={setBody} multiline required />
      <fieldset className="fieldset">
        <legend>{t('minutes.decisions')}</legend>
        <p className="hint">{t('minutes.decisionsHint')}</p>
        {decisions.map((d, i) => (
          <div key={i} className="decision-edit" data-testid="decision-edit">
            <BilingualFields label={t('minutes.decisionN', { n: i + 1 })} name={`decision-${i}`} value={d} onChange={(v) => setDecision(i, v)} />
            <button type="button" className="button button-quiet" onClick={() => setDecisions(decisions.filter((_, j) => j !== i))}>
              {t('minutes.removeDecision')}
            </button>
          </div>
        ))}
        <button type="button" className="button button-secondary" data-testid="add-decision" onClick={() => setDecisions([...decisions, { en: '', zh: '' }])}>
          {t('minutes.addDecision')}
        </button>
      </fieldset>
      {from && <Field label={t('minutes.note')} hint={t('minutes.noteHint')} name="minutes-note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />}
      {children}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy || !isFilled(body)}>
          {busy ? t('form.saving') : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-quiet" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
