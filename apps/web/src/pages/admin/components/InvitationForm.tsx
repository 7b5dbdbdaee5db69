import { zodResolver } from '@hookform/resolvers/zod';
import type { Invitation, Side } from '@qiao/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../../api/admin.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { FieldError } from '../../../components/FieldError.tsx';
import { AccountEmailField } from './AccountEmailField.tsx';
import { SideSelect } from '../../../components/SideSelect.tsx';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { serverIssue, useFieldErrorText } from '../../../lib/form-issues.ts';
import { accountPath, InvitationDraftSchema, toInvitation, type AccountDraft } from '../lib/account-draft.ts';
import { InvitationLink } from './InvitationLink.tsx';
import { RolePicker } from './RolePicker.tsx';

export function InvitationForm({ sides }: { sides: readonly Side[] }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const form = useForm<AccountDraft>({
    resolver: zodResolver(InvitationDraftSchema),
    defaultValues: { email: '', displayName: '', side: sides[0]?.code ?? '', roles: ['member'], password: '' },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  const [side, roles] = form.watch(['side', 'roles']);
  const [error, setError] = useState<unknown>(null);
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  useUnsavedChanges(isDirty);

  async function handleValid(draft: AccountDraft) {
    setError(null);
    setInvitation(null);
    try {
      setInvitation(await adminApi.createInvitation(toInvitation(draft)));
      form.reset({ ...draft, email: '' });
    } catch (caught) {
      const field = serverIssue(caught, accountPath);
      if (field?.path === 'email') form.setError('email', { type: 'server', message: field.message }, { shouldFocus: true });
      else setError(caught);
    }
  }

  return (
    <section className="panel" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('admin.invitations.title')}</h2>
      <p className="muted">{t('admin.invitations.intro')}</p>
      <form className="form" noValidate onSubmit={(e) => void form.handleSubmit(handleValid)(e)}>
        {error !== null && <ErrorMessage error={error} />}
        {invitation !== null && <InvitationLink invitation={invitation} />}
        <AccountEmailField label={t('admin.invitations.email')} error={fieldError(errors.email?.message)} {...form.register('email')} />
        <SideSelect label={t('admin.invitations.side')} name="side" sides={sides} value={side} onChange={(next) => form.setValue('side', next, { shouldDirty: true })} />
        <RolePicker
          legend={t('admin.invitations.roles')}
          hint={t('admin.users.rolesHint')}
          value={roles}
          onChange={(next) => form.setValue('roles', next, { shouldDirty: true })}
        />
        <FieldError id="invite-roles-error" text={fieldError(errors.roles?.message)} />
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? t('common.saving') : t('admin.invitations.submit')}
        </button>
      </form>
    </section>
  );
}
