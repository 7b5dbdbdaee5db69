import { LIMITS } from '@qiao/contracts';
import type { ComponentProps } from 'react';
import { Field } from '../../../components/Field.tsx';

type AccountEmailFieldProps = Omit<ComponentProps<typeof Field>, 'type' | 'autoComplete' | 'required' | 'maxLength'>;

/** The e-mail of an account an admin creates or invites; the browser must not fill in the admin's own. */
export function AccountEmailField(props: AccountEmailFieldProps) {
  return <Field type="email" autoComplete="off" required maxLength={LIMITS.emailMax} {...props} />;
}
