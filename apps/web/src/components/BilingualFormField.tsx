import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { BilingualFields } from './BilingualFields.tsx';

type Shown = Omit<Parameters<typeof BilingualFields>[0], 'value' | 'onChange' | 'onBlur'>;

interface BilingualFormFieldProps<T extends FieldValues, TOut> extends Shown {
  control: Control<T, unknown, TOut>;
  /** The form value (a `TwoTexts`) this pair edits. */
  field: FieldPath<T>;
}

/** `BilingualFields` bound to a react-hook-form value, for forms that use react-hook-form. */
export function BilingualFormField<T extends FieldValues, TOut>({ control, field, ...shown }: BilingualFormFieldProps<T, TOut>) {
  return (
    <Controller
      control={control}
      name={field}
      render={({ field: bound }) => <BilingualFields {...shown} value={bound.value} onChange={bound.onChange} onBlur={bound.onBlur} />}
    />
  );
}
