import { LIMITS } from '@qiao/contracts';
import { Field } from '../../components/Field.tsx';
import { PasswordStrength } from './PasswordStrength.tsx';

interface NewPasswordFieldProps {
  label: string;
  hint: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  /** What the password must not resemble, for the strength meter. */
  email?: string | undefined;
  displayName?: string | undefined;
}

/** A new password within the server's limits, with its strength meter beneath. */
export function NewPasswordField({ label, hint, name, value, onChange, error, email, displayName }: NewPasswordFieldProps) {
  return (
    <>
      <Field
        label={label}
        hint={hint}
        name={name}
        type="password"
        autoComplete="new-password"
        required
        minLength={LIMITS.passwordMin}
        maxLength={LIMITS.passwordMax}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={error}
      />
      <PasswordStrength password={value} email={email} displayName={displayName} />
    </>
  );
}
