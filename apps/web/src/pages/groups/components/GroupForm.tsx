import { GroupInputSchema, type GroupInput } from '@qiao/contracts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { TwoTexts } from '../../../components/BilingualFields.tsx';
import { BilingualFormField } from '../../../components/BilingualFormField.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { FormActions } from '../../../components/FormActions.tsx';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { toInput } from '../../../lib/bilingual.ts';
import { isFieldError, serverFieldError } from '../../../lib/field-errors.ts';
import { wireResolver } from '../../../lib/wire-resolver.ts';

export interface GroupFormValues {
  name: TwoTexts;
  charter: TwoTexts;
  technologyArea: string;
}

const FIELDS = ['name', 'charter', 'technologyArea'] as const;

const toWire = (v: GroupFormValues) => ({ name: toInput(v.name), charter: toInput(v.charter), technologyArea: v.technologyArea.trim() });

interface GroupFormProps {
  initial: GroupFormValues;
  testId?: string;
  submitLabel: string;
  busy: boolean;
  /** The last failed save; a 400 naming a field shows at that field. */
  error: unknown;
  /** Saves the checked body; resolves true when it was saved. */
  onSave: (body: GroupInput) => Promise<boolean>;
  /** Leaves the form without saving (editing only). */
  onCancel?: () => void;
}

/** Name, charter and area of a working group, each language side by side; used to create and to edit. */
export function GroupForm({ initial, testId, submitLabel, busy, error, onSave, onCancel }: GroupFormProps) {
  const { t } = useTranslation('groups');
  const form = useForm<GroupFormValues, unknown, GroupInput>({ resolver: wireResolver(GroupInputSchema, toWire), defaultValues: initial });
  const { errors, isDirty } = form.formState;
  const guard = useUnsavedChanges(isDirty);

  const handleSubmit = form.handleSubmit(async (body) => {
    guard.allowLeave();
    const saved = await onSave(body);
    if (saved) form.reset(form.getValues());
    else guard.allowLeave(false);
  });

  return (
    <form className="form" noValidate onSubmit={(e) => void handleSubmit(e)} data-testid={testId}>
      <BilingualFormField
        control={form.control}
        field="name"
        label={t('create.name')}
        name="name"
        maxLength={300}
        required
        error={errors.name ? t('form.needText') : serverFieldError(error, 'name')}
      />
      <BilingualFormField
        control={form.control}
        field="charter"
        label={t('create.charter')}
        name="charter"
        maxLength={20_000}
        multiline
        required
        error={errors.charter ? t('form.needText') : serverFieldError(error, 'charter')}
      />
      <Field
        label={t('create.area')}
        hint={t('create.areaHint')}
        maxLength={120}
        {...form.register('technologyArea')}
        error={errors.technologyArea ? t('form.needArea') : serverFieldError(error, 'technologyArea')}
      />
      {error !== null && !isFieldError(error, FIELDS) && <ErrorMessage error={error} />}
      <FormActions busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
