import { zodResolver } from '@hookform/resolvers/zod';
import { LIMITS, type Side } from '@qiao/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { adminApi, type CreatedUser } from '../../../api/admin.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { FieldError } from '../../../components/FieldError.tsx';
import { useToast } from '../../../hooks/use-toast.ts';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { serverIssue, useFieldErrorText } from '../../../lib/form-issues.ts';
import { accountPath, CreateUserDraftSchema, toCreateUser, type AccountDraft } from '../lib/account-draft.ts';
import { AccountEmailField } from './AccountEmailField.tsx';
import { SideSelect } from '../../../components/SideSelect.tsx';
import { PasswordStrength } from '../../auth/PasswordStrength.tsx';
import { RolePicker } from './RolePicker.tsx';

export function CreateUserForm({ sides, onCreated }: { sides: readonly Side[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const fieldError = useFieldErrorText();
  const defaults: AccountDraft = { email: '', displayName: '', side: sides[0]?.code ?? '', roles: ['member'], password: '' };
  const form = useForm<AccountDraft>({ resolver: zodResolver(CreateUserDraftSchema), defaultValues: defaults });
  const { errors, isDirty, isSubmitting } = form.formState;
  const [side, roles, email, displayName, password] = form.watch(['side', 'roles', 'email', 'displayName', 'password']);
  const [created, setCreated] = useState<CreatedUser | null>(null);
  // What no field owns (a conflict, a refusal) shows above the form.
  const [error, setError] = useState<unknown>(null);
  // Leaving with a half-typed account asks first.
  useUnsavedChanges(isDirty);
  const errorText = (path: keyof AccountDraft) => fieldError(errors[path]?.message);

  async function handleValid(draft: AccountDraft) {
    setCreated(null);
    setError(null);
    try {
      const user = await adminApi.createUser(toCreateUser(draft));
      toast.show(t('admin.users.createdToast', { name: draft.displayName }));
      setCreated(user);
      // The next account starts on the same side with the same roles.
      form.reset({ ...defaults, side: draft.side, roles: draft.roles });
      onCreated();
    } catch (caught) {
      const field = serverIssue(caught, accountPath);
      if (field && field.path in draft) form.setError(field.path as keyof AccountDraft, { type: 'server', message: field.message }, { shouldFocus: true });
      else setError(caught);
    }
  }

  return (
    <section className="panel" aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('admin.users.createTitle')}</h2>
      <p className="muted">{t('admin.users.createIntro')}</p>
      <form className="form" noValidate onSubmit={(e) => void form.handleSubmit(handleValid)(e)}>
        {error !== null && <ErrorMessage error={error} />}
        {created !== null && <CreatedNotice user={created} />}
        <AccountEmailField label={t('admin.users.email')} error={errorText('email')} {...form.register('email')} />
        <Field label={t('admin.users.displayName')} required maxLength={LIMITS.displayNameMax} error={errorText('displayName')} {...form.register('displayName')} />
        <SideSelect label={t('admin.users.side')} name="side" sides={sides} value={side} onChange={(next) => form.setValue('side', next, { shouldDirty: true })} />
        <RolePicker
          legend={t('admin.users.roles')}
          hint={t('admin.users.rolesHint')}
          value={roles}
          onChange={(next) => form.setValue('roles', next, { shouldDirty: true })}
        />
        <FieldError id="create-user-roles-error" text={errorText('roles')} />
        <Field
          label={t('admin.users.password')}
          hint={t('admin.users.passwordHint', { min: LIMITS.passwordMin })}
          type="password"
          autoComplete="new-password"
          minLength={LIMITS.passwordMin}
          maxLength={LIMITS.passwordMax}
          error={errorText('password')}
          {...form.register('password')}
        />
        <PasswordStrength password={password} email={email} displayName={displayName} />
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? t('common.saving') : t('admin.users.submit')}
        </button>
      </form>
    </section>
  );
}

function CreatedNotice({ user }: { user: CreatedUser }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-success" role="status">
      <p>{t('admin.users.created', { email: user.email })}</p>
      {user.oneTimePassword && (
        <>
          <p>{t('admin.users.oneTimePassword', { email: user.email })}</p>
          <p>
            <span className="visually-hidden">{t('admin.users.oneTimePasswordLabel')}: </span>
            <code data-testid="one-time-password" className="secret">
              {user.oneTimePassword}
            </code>
          </p>
        </>
      )}
    </div>
  );
}
