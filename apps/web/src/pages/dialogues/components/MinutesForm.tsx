import { MinutesDraftSchema, type MinutesDraft, type MinutesRevision } from '@qiao/contracts';
import type { ReactNode } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { EMPTY_TEXTS, type TwoTexts } from '../../../components/BilingualFields.tsx';
import { BilingualFormField } from '../../../components/BilingualFormField.tsx';
import { Field } from '../../../components/Field.tsx';
import { FormActions } from '../../../components/FormActions.tsx';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { fromText, isFilled, toInput } from '../../../lib/bilingual.ts';
import { serverFieldError } from '../../../lib/field-errors.ts';
import { wireResolver } from '../../../lib/wire-resolver.ts';

/** The fields a failed save may name; the form shows those at the field, the caller the rest. */
export const MINUTES_FIELDS = ['body', 'decisions', 'note'] as const;

interface MinutesFormValues {
  body: TwoTexts;
  decisions: TwoTexts[];
  note: string;
}

// A decision left empty in both languages is dropped rather than refused.
const toWire = (v: MinutesFormValues) => ({
  body: toInput(v.body),
  decisions: v.decisions.filter(isFilled).map(toInput),
  ...(v.note.trim() ? { note: v.note.trim() } : {}),
});

interface MinutesFormProps {
  /** The revision being amended; a new draft starts empty. */
  from?: MinutesRevision;
  busy: boolean;
  /** The last failed save, for the fields it names. */
  error: unknown;
  submitLabel: string;
  onSubmit: (value: MinutesDraft) => void;
  onCancel?: () => void;
  children?: ReactNode;
}

/** Minutes text and the decisions they record, each in English and Chinese side by side. */
export function MinutesForm({ from, busy, error, submitLabel, onSubmit, onCancel, children }: MinutesFormProps) {
  const { t } = useTranslation('groups');
  const form = useForm<MinutesFormValues, unknown, MinutesDraft>({
    resolver: wireResolver(MinutesDraftSchema, toWire),
    defaultValues: { body: fromText(from?.body), decisions: from ? from.decisions.map(fromText) : [], note: '' },
  });
  const decisions = useFieldArray({ control: form.control, name: 'decisions' });
  const { errors, isDirty } = form.formState;
  useUnsavedChanges(isDirty);

  return (
    <form className="form" noValidate onSubmit={(e) => void form.handleSubmit(onSubmit)(e)} data-testid="minutes-form">
      <BilingualFormField
        control={form.control}
        field="body"
        label={t('minutes.body')}
        name="minutes-body"
        maxLength={100_000}
        multiline
        required
        error={errors.body ? t('form.needText') : serverFieldError(error, 'body')}
      />
      <fieldset className="fieldset">
        <legend>{t('minutes.decisions')}</legend>
        <p className="hint">{t('minutes.decisionsHint')}</p>
        {decisions.fields.map((d, i) => (
          <div key={d.id} className="decision-edit" data-testid="decision-edit">
            <BilingualFormField control={form.control} field={`decisions.${i}`} label={t('minutes.decisionN', { n: i + 1 })} name={`decision-${i}`} maxLength={5000} />
            <button type="button" className="button button-quiet" onClick={() => decisions.remove(i)}>
              {t('minutes.removeDecision')}
            </button>
          </div>
        ))}
        {serverFieldError(error, 'decisions') && (
          <p className="field-error-text" data-testid="field-error">
            {serverFieldError(error, 'decisions')}
          </p>
        )}
        <button type="button" className="button button-secondary" data-testid="add-decision" onClick={() => decisions.append({ ...EMPTY_TEXTS })}>
          {t('minutes.addDecision')}
        </button>
      </fieldset>
      {from && (
        <Controller
          control={form.control}
          name="note"
          render={({ field }) => (
            <Field
              label={t('minutes.note')}
              hint={t('minutes.noteHint')}
              maxLength={2000}
              name="minutes-note"
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={serverFieldError(error, 'note')}
            />
          )}
        />
      )}
      {children}
      <FormActions busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
