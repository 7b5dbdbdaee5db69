import { LIMITS } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { usePageTitle } from '../../hooks/use-page-title.ts';
import { useSubmit } from '../../hooks/use-submit.ts';
import { isFieldError, serverFieldError } from '../../lib/field-errors.ts';
import { useSession } from '../../session/session-context.ts';
import { NewPasswordField } from './NewPasswordField.tsx';

/** Used both when the one-time password must be replaced (forced) and from the user menu. */
export function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const { t } = useTranslation();
  const { adopt, state } = useSession();
  const user = state.status === 'signed-in' ? state.session.user : undefined;
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const submit = useSubmit();
  const [done, setDone] = useState(false);
  usePageTitle(t('changePassword.title'));
  const mismatch = confirm !== '' && confirm !== newPassword;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mismatch) return;
    setDone(false);
    const changed = await submit.run(async () => adopt(await authApi.changePassword({ currentPassword, newPassword })));
    if (!changed) return;
    setDone(true);
    setCurrentPassword('');
    setNewPassword('');
    setConfirm('');
  }

  return (
    <>
      <h1>{t('changePassword.title')}</h1>
      <p className="lead">{forced ? t('changePassword.forcedIntro') : t('changePassword.intro')}</p>
      <form className="form narrow" onSubmit={(e) => void handleSubmit(e)}>
        {submit.error !== null && !isFieldError(submit.error, ['currentPassword', 'newPassword']) && <ErrorMessage error={submit.error} />}
        {done && (
          <p className="alert alert-success" role="status">
            {t('changePassword.done')}
          </p>
        )}
        <Field
          label={t('changePassword.current')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
          error={serverFieldError(submit.error, 'currentPassword')}
        />
        <NewPasswordField
          label={t('changePassword.new')}
          hint={t('changePassword.newHint', { min: LIMITS.passwordMin })}
          name="newPassword"
          value={newPassword}
          onChange={setNewPassword}
          error={serverFieldError(submit.error, 'newPassword')}
          email={user?.email}
          displayName={user?.displayName}
        />
        <Field
          label={t('changePassword.confirm')}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={mismatch}
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
        {mismatch && (
          <p className="field-error" role="alert">
            {t('changePassword.mismatch')}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={submit.busy || mismatch}>
          {t('changePassword.submit')}
        </button>
      </form>
    </>
  );
}
