import { LIMITS } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { usePageTitle } from '../../hooks/use-page-title.ts';
import { useSession } from '../../session/session-context.ts';
import { PasswordStrength } from './PasswordStrength.tsx';

/** Used both when the one-time password must be replaced (forced) and from the user menu. */
export function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const { t } = useTranslation();
  const { adopt, state } = useSession();
  const user = state.status === 'signed-in' ? state.session.user : undefined;
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  usePageTitle(t('changePassword.title'));
  const mismatch = confirm !== '' && confirm !== newPassword;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(null);
    try {
      adopt(await authApi.changePassword({ currentPassword, newPassword }));
      setDone(true);
      setCurrentPassword('');
      setNewPassword('');
      setConfirm('');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('changePassword.title')}</h1>
      <p className="lead">{forced ? t('changePassword.forcedIntro') : t('changePassword.intro')}</p>
      <form className="form narrow" onSubmit={(e) => void handleSubmit(e)}>
        {error !== null && <ErrorMessage error={error} />}
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
        />
        <Field
          label={t('changePassword.new')}
          hint={t('changePassword.newHint', { min: LIMITS.passwordMin })}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={LIMITS.passwordMin}
          maxLength={LIMITS.passwordMax}
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
        />
        <PasswordStrength password={newPassword} email={user?.email} displayName={user?.displayName} />
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
        <button type="submit" className="button button-primary" disabled={busy || mismatch}>
          {t('changePassword.submit')}
        </button>
      </form>
    </>
  );
}
