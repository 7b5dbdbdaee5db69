import { LIMITS } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { authApi } from '../../api/auth.ts';
import { api } from '../../api/client.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { usePageTitle } from '../../hooks/use-page-title.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useSession } from '../../session/session-context.ts';
import { PasswordStrength } from './PasswordStrength.tsx';

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const { adopt } = useSession();
  const navigate = useNavigate();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  usePageTitle(t('invitation.title'));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const accepted = await authApi.acceptInvitation({ token, displayName, password });
      api.setCsrfToken(accepted.csrfToken);
      // Keep the language the person chose while accepting, rather than the account default.
      const locale = currentLocale();
      const session =
        accepted.user.locale === locale ? accepted : await authApi.updateMe({ locale }).catch(() => accepted);
      adopt(session);
      void navigate('/', { replace: true });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('invitation.title')}</h1>
      <p className="lead">{t('invitation.intro')}</p>
      <form className="form" onSubmit={(e) => void handleSubmit(e)}>
        {error !== null && <ErrorMessage error={error} />}
        <Field
          label={t('invitation.displayName')}
          name="displayName"
          autoComplete="name"
          required
          maxLength={LIMITS.displayNameMax}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <Field
          label={t('invitation.password')}
          hint={t('invitation.passwordHint', { min: LIMITS.passwordMin })}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={LIMITS.passwordMin}
          maxLength={LIMITS.passwordMax}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <PasswordStrength password={password} displayName={displayName} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('invitation.submitting') : t('invitation.submit')}
        </button>
      </form>
    </>
  );
}
